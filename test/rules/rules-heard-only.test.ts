import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketWorkflowId } from '../../domain/ticket/index';
import { newTicket, signupOrg, type Org } from '../helpers/api-client';
import { startTestStack, type TestStack } from '../helpers/test-stack';
import { until } from '../helpers/eventually';

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack(); });
afterAll(async () => { await stack?.stop(); });

/** The local activities a ticket's workflow ran, in order, from its history's markers. */
async function localActivities(org: Org, number: number): Promise<string[]> {
  const history = await stack.temporal.workflow.getHandle(ticketWorkflowId(org.orgId, number)).fetchHistory();
  return (history.events ?? []).flatMap((event) => {
    const marker = event.markerRecordedEventAttributes;
    const data = marker?.markerName === 'core_local_activity' ? marker.details?.data?.payloads?.[0]?.data : undefined;
    return data ? [(JSON.parse(Buffer.from(data).toString('utf8')) as { activity_type: string }).activity_type] : [];
  });
}

describe('a change no enabled rule hears (issue 14)', () => {
  it('runs no rules activity; once a rule listens, the next change runs it and the rule fires', async () => {
    const org = await signupOrg(stack.url);
    const number = (await org.api.post('/tickets', newTicket())).body.number as number;
    await org.api.post(`/tickets/${number}/replies`, { body: 'On it.', visibility: 'public' });
    await org.api.post(`/tickets/${number}/status`, { status: 'pending' });
    expect(await localActivities(org, number)).not.toContain('runTicketRules');

    // A rule appears: the next write reports the new rule-set version, and the change is heard.
    await org.api.post('/rules', {
      name: 'Tag escalations', events: ['ticket.updated'],
      conditions: { all: [{ fact: 'change.priority', operator: 'changedTo', value: 'high' }] },
      actions: [{ type: 'add_tags', tags: ['escalated'] }],
    });
    await org.api.patch(`/tickets/${number}`, { priority: 'high' });
    const ticket = await until(() => org.api.get(`/tickets/${number}`), (response) => response.body.tags.includes('escalated'));
    expect(ticket.body.tags).toContain('escalated');
    expect(await localActivities(org, number)).toContain('runTicketRules');
  });
});
