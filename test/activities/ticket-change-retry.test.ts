import type { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTicketRecordActivities } from '../../activities/ticket-records';
import { ticketWorkflowId } from '../../domain/ticket/index';
import { ticketMessages } from '../../workflows/ticket-messages';
import { addMember, newTicket, signupOrg } from '../helpers/api-client';
import { startTestStack, type TestStack } from '../helpers/test-stack';

// A ticket's write runs again when its worker died after the commit, before the workflow heard.
// The retry must answer as the committed attempt did, though the world moved on in between.

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack(); }, 120_000);
afterAll(async () => { await stack?.stop(); });

describe("a ticket change's write, retried after it committed", () => {
  it('is not refused because its assignee was deactivated since; a change not yet written is', async () => {
    const org = await signupOrg(stack.url);
    const agent = await addMember(org, 'agent');
    const number = (await org.api.post('/tickets', newTicket())).body.number as number;
    expect((await org.api.post(`/tickets/${number}/assign`, { assigneeId: agent.id })).status).toBe(200);
    const state = await stack.temporal.workflow.getHandle(ticketWorkflowId(org.orgId, number)).query(ticketMessages.state);
    expect((await org.api.post(`/users/${agent.id}/deactivate`)).status).toBe(200);

    const { recordTicketChange } = createTicketRecordActivities(stack.db);
    const assigned = {
      orgId: org.orgId, number, actorId: null, state, occurredAt: new Date().toISOString(),
      events: [{ type: 'assigned' as const, data: { from: { assigneeId: null, teamId: null }, to: { assigneeId: agent.id, teamId: null } } }],
    };
    await expect(recordTicketChange({ ...assigned, seq: state.version })).resolves.toMatchObject({ ticket: { assignee_id: agent.id } });
    const refused = await recordTicketChange({ ...assigned, seq: state.version + 1 }).then(() => null, (error: unknown) => error as ApplicationFailure);
    expect(refused).toMatchObject({ type: 'UnknownAssignee', nonRetryable: true });
    expect((await org.api.get(`/tickets/${number}`)).body.version).toBe(state.version);
  });
});
