import { WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketWorkflowId } from '../../domain/ticket/index';
import { AssigneeId, EntityType, OrgId, Status } from '../../workflows/search-attributes';
import { ticketMessages } from '../../workflows/ticket-messages';
import { newTicket, type Org } from '../helpers/api-client';
import { eventually } from '../helpers/eventually';
import { startAgentStack } from '../helpers/org-stack';
import type { TestStack } from '../helpers/test-stack';

let stack: TestStack;
let org: Org;
let agentId: string;

beforeAll(async () => {
  // Short durations are workflow inputs, so these tests run on the real dev server in seconds.
  ({ stack, org, agent: { id: agentId } } = await startAgentStack({ ticketOptions: { autoCloseAfterMs: 1_500, maxHistoryEvents: 60 } }));
});
afterAll(async () => { await stack?.stop(); });

async function openTicket(): Promise<number> {
  return (await org.api.post('/tickets', newTicket())).body.number;
}

const handleFor = (number: number) => stack.temporal.workflow.getHandle(ticketWorkflowId(org.orgId, number));

describe('ticketWorkflow', () => {
  it('answers its live state by query and keeps search attributes current', async () => {
    const number = await openTicket();
    const handle = handleFor(number);
    await handle.executeUpdate(ticketMessages.assign, { args: [{ actorId: null, assigneeId: agentId }] });
    const state = await handle.query(ticketMessages.state);
    expect(state).toMatchObject({ number, status: 'open', assigneeId: agentId, version: 2 });
    const attributes = (await handle.describe()).typedSearchAttributes;
    expect(attributes.get(OrgId)).toBe(org.orgId);
    expect(attributes.get(EntityType)).toBe('ticket');
    expect(attributes.get(Status)).toBe('open');
    expect(attributes.get(AssigneeId)).toBe(agentId);
  });

  it('stores only ciphertext of personal data on the Temporal server', async () => {
    const email = `private-${Date.now()}@example.com`;
    const number = (await org.api.post('/tickets', newTicket({ requester: { email, name: 'Pat Private' }, description: 'My card number is 4111' }))).body.number;
    await org.api.post(`/tickets/${number}/replies`, { body: 'secret reply text', visibility: 'public' });
    // The raw service API bypasses the client's codec: this is what the server stores.
    const raw = await stack.temporal.workflowService.getWorkflowExecutionHistory({
      namespace: 'default',
      execution: { workflowId: ticketWorkflowId(org.orgId, number) },
    });
    const stored = Buffer.from(JSON.stringify(raw.history)).toString() + collectPayloadBytes(raw.history);
    // Whole phrases: a bare '4111' also matches event ids, timestamps and the byte indices
    // JSON.stringify gives a payload's Uint8Array.
    for (const secret of [email, 'Pat Private', 'card number is 4111', 'secret reply text']) expect(stored).not.toContain(secret);
    // …while the client, holding the key, reads it back.
    const state = await handleFor(number).query(ticketMessages.state);
    expect(state.number).toBe(number);
  });

  it('rejects an invalid command in the validator, before it reaches history', async () => {
    const number = await openTicket();
    const handle = handleFor(number);
    const error = await handle.executeUpdate(ticketMessages.setStatus, { args: [{ actorId: null, status: 'closed' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((error as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'InvalidTransition' });
    const history = await handle.fetchHistory();
    const accepted = (history.events ?? []).map((event) => event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name).filter(Boolean);
    expect(accepted).toEqual(['ticket.created']);
  });

  it('serialises concurrent commands so each decides on the state the previous one left', async () => {
    const number = await openTicket();
    const handle = handleFor(number);
    // In some orders one of these must be refused (solved → pending is not allowed).
    const results = await Promise.allSettled([
      handle.executeUpdate(ticketMessages.reply, { args: [{ actorId: null, body: 'concurrent note', visibility: 'internal' }] }),
      handle.executeUpdate(ticketMessages.setStatus, { args: [{ actorId: null, status: 'pending' }] }),
      handle.executeUpdate(ticketMessages.setStatus, { args: [{ actorId: null, status: 'solved' }] }),
    ]);
    const applied = results.filter((result) => result.status === 'fulfilled').length;
    const state = await handle.query(ticketMessages.state);
    const row = (await org.api.get(`/tickets/${number}`)).body;
    const timeline = (await org.api.get(`/tickets/${number}/timeline`)).body.data as { id: string }[];
    const changeSeqs = new Set(timeline.map((event) => event.id.split('-')[1]));
    expect(row.status).toBe(state.status);
    expect(state.version).toBe(1 + applied);
    expect(changeSeqs.size).toBe(state.version);
  });

  it('continues as new past its history budget and carries its state over', async () => {
    const number = await openTicket();
    const handle = handleFor(number);
    const firstRun = (await handle.describe()).runId;
    for (let i = 0; i < 25; i++) {
      await handle.executeUpdate(ticketMessages.reply, { args: [{ actorId: null, body: `note ${i}`, visibility: 'internal' }] });
    }
    const described = await eventually(() => handle.describe(), (d) => d.runId !== firstRun);
    expect(described.runId).not.toBe(firstRun);
    expect(await handle.query(ticketMessages.state)).toMatchObject({ version: 26, status: 'new' });
    await handle.executeUpdate(ticketMessages.setStatus, { args: [{ actorId: null, status: 'pending' }] });
    const timeline = await org.api.get(`/tickets/${number}/timeline?limit=200`);
    expect(timeline.body.data).toHaveLength(27);
    expect(timeline.body.data.at(-1)).toMatchObject({ type: 'status_changed', data: { from: 'new', to: 'pending' } });
  });

  it('closes a solved ticket after the auto-close delay, and the workflow completes', async () => {
    const number = await openTicket();
    await org.api.post(`/tickets/${number}/status`, { status: 'solved' });
    const closed = await eventually(() => org.api.get(`/tickets/${number}`), (r) => r.body.status === 'closed');
    expect(closed.body.status).toBe('closed');
    const description = await eventually(() => handleFor(number).describe(), (d) => d.status.name === 'COMPLETED');
    expect(description.status.name).toBe('COMPLETED');
    const timeline = (await org.api.get(`/tickets/${number}/timeline`)).body.data;
    expect(timeline.at(-1)).toMatchObject({ type: 'status_changed', actor: null, data: { from: 'solved', to: 'closed' } });
  });

  it('a follow-up before the delay reopens the ticket and cancels the auto-close', async () => {
    const number = await openTicket();
    await org.api.post(`/tickets/${number}/status`, { status: 'solved' });
    expect((await org.api.post(`/tickets/${number}/status`, { status: 'open' })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect((await org.api.get(`/tickets/${number}`)).body.status).toBe('open');
    expect((await handleFor(number).describe()).status.name).toBe('RUNNING');
  });
});

/** Every `data` byte string in a history, decoded as text, so a plaintext leak shows up. */
function collectPayloadBytes(value: unknown): string {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  if (Array.isArray(value)) return value.map(collectPayloadBytes).join('');
  if (value && typeof value === 'object') return Object.values(value).map(collectPayloadBytes).join('');
  return '';
}
