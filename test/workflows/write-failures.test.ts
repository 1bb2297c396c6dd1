import { ApplicationFailure } from '@temporalio/common';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { TICKET_FAILURES, ticketWorkflowId, type TicketEvent } from '../../domain/ticket/index';
import { EncryptionCodec } from '../../workers/payload-codec';
import { coreActivities, createCoreWorker } from '../../workers/core';
import { ticketMessages } from '../../workflows/ticket-messages';
import { newTicket, signupOrg, type Org } from '../helpers/api-client';
import { TEST_PAYLOAD_KEY, startTestStack, workflowBundle, type TestStack } from '../helpers/test-stack';

// Issue 13: a write Postgres refuses must fail that one command, never wedge the ticket.
const REFUSED = 'refuse this write';
const REFUSED_AS_REFUSAL = 'refuse as an unknown assignee';

let stack: TestStack;
let org: Org;
let worker: Worker;
let workerRun: Promise<void>;
let connection: NativeConnection;
/** Attempts of writes the failing factory refused, by marker text. */
const attempts = new Map<string, number>();

const bodies = (events: TicketEvent[]) =>
  events.flatMap((event) => (event.type === 'replied' || event.type === 'customer_replied' ? [event.data.body] : []));

/** The real activities, except that writes carrying a marker text fail as a refusing Postgres would. */
function failingActivities() {
  const real = coreActivities({ db: stack.db });
  const count = (marker: string) => attempts.set(marker, (attempts.get(marker) ?? 0) + 1);
  return {
    ...real,
    async recordTicketChange(input: Parameters<typeof real.recordTicketChange>[0]) {
      const text = bodies(input.events);
      if (text.includes(REFUSED)) {
        count(REFUSED);
        throw ApplicationFailure.nonRetryable('invalid byte sequence for encoding "UTF8": 0x00', 'DataRefused');
      }
      if (text.includes(REFUSED_AS_REFUSAL)) {
        count(REFUSED_AS_REFUSAL);
        // Thrown as retryable: the workflow's policy must still stop at the first attempt.
        throw ApplicationFailure.retryable('No agent x in this organization.', TICKET_FAILURES.unknown_assignee);
      }
      return real.recordTicketChange(input);
    },
    async createTicketRecord(input: Parameters<typeof real.createTicketRecord>[0]) {
      if (input.ticket.subject === REFUSED) {
        count(`create:${REFUSED}`);
        throw ApplicationFailure.nonRetryable('invalid byte sequence for encoding "UTF8": 0x00', 'DataRefused');
      }
      return real.createTicketRecord(input);
    },
  };
}

beforeAll(async () => {
  stack = await startTestStack({ worker: false });
  connection = await NativeConnection.connect({ address: inject('temporalAddress') });
  worker = await createCoreWorker({
    connection,
    namespace: 'default',
    taskQueue: stack.taskQueue,
    db: stack.db,
    dataConverter: { payloadCodecs: [new EncryptionCodec(TEST_PAYLOAD_KEY, 'keel-1')] },
    workflowBundle: await workflowBundle(),
    activities: failingActivities(),
  });
  workerRun = worker.run();
  org = await signupOrg(stack.url);
});
afterAll(async () => {
  worker?.shutdown();
  await workerRun?.catch(() => undefined);
  await connection?.close();
  await stack?.stop();
});

describe('a write that fails for good', () => {
  it('answers the command with a problem, leaves the ticket unchanged, and the next command succeeds', async () => {
    const number = (await org.api.post('/tickets', newTicket())).body.number as number;
    const refused = await org.api.post(`/tickets/${number}/replies`, { body: REFUSED, visibility: 'public' });
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ type: 'https://keel.dev/problems/change-refused', status: 422 });
    expect(attempts.get(REFUSED)).toBe(1);

    const next = await org.api.post(`/tickets/${number}/replies`, { body: 'This one is fine', visibility: 'public' });
    expect(next.status).toBe(200);
    expect(next.body).toMatchObject({ number, status: 'open' });
    const timeline = (await org.api.get(`/tickets/${number}/timeline`)).body.data as { type: string; data: { body?: string } }[];
    expect(timeline.filter((event) => event.type === 'replied').map((event) => event.data.body)).toEqual(['This one is fine']);
    const state = await stack.temporal.workflow.getHandle(ticketWorkflowId(org.orgId, number)).query(ticketMessages.state);
    expect(state.version).toBe(2);
  });

  it('does not retry a refusal type even when the activity throws it as retryable', async () => {
    const number = (await org.api.post('/tickets', newTicket())).body.number as number;
    const refused = await org.api.post(`/tickets/${number}/replies`, { body: REFUSED_AS_REFUSAL, visibility: 'internal' });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ type: 'https://keel.dev/problems/unknown-assignee' });
    expect(attempts.get(REFUSED_AS_REFUSAL)).toBe(1);
    expect((await org.api.post(`/tickets/${number}/status`, { status: 'pending' })).status).toBe(200);
  });

  it('answers a ticket whose row is refused with a problem instead of hanging', async () => {
    const refused = await org.api.post('/tickets', newTicket({ subject: REFUSED }));
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ type: 'https://keel.dev/problems/change-refused' });
    expect(attempts.get(`create:${REFUSED}`)).toBe(1);
    // The next ticket of the org opens as usual.
    expect((await org.api.post('/tickets', newTicket())).status).toBe(201);
  });
});
