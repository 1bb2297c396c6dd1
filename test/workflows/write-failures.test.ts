import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { NativeConnection, type Worker } from '@temporalio/worker';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { startEmailChannel } from '../../workers/email-channel';
import { TICKET_FAILURES, ticketWorkflowId, type TicketEvent } from '../../domain/ticket/index';
import { EncryptionCodec } from '../../workers/payload-codec';
import { coreActivities, createCoreWorker } from '../../workers/core';
import { ticketMessages } from '../../workflows/ticket-messages';
import { newTicket, signupOrg, type Org } from '../helpers/api-client';
import { TEST_SEALING_KEY } from '../helpers/account-mail';
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
async function failingActivities() {
  // The email activities too, as every core worker has: a public reply is mailed (here: its failure recorded).
  const email = startEmailChannel(
    { mailKey: TEST_SEALING_KEY, storageDir: await mkdtemp(path.join(tmpdir(), 'keel-test-mail-')), smtpPort: null },
    { db: stack.db, temporal: stack.temporal, taskQueue: stack.taskQueue, ticketOptions: { autoCloseAfterMs: 3_600_000, maxHistoryEvents: 4_000 }, logger: pino({ level: 'warn' }), outbound: { allowPrivateNetworks: true } },
  );
  const real = coreActivities({ db: stack.db, emailActivities: email.activities });
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
    activities: await failingActivities(),
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

type TimelineEntry = { type: string; data: { body?: string; state?: string; replySeq?: number } };

/** The ticket's timeline once a reply's email delivery is on it (or as it is after 15 s). */
async function timelineOnceMailed(number: number): Promise<TimelineEntry[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const timeline = (await org.api.get(`/tickets/${number}/timeline`)).body.data as TimelineEntry[];
    if (timeline.some((event) => event.type === 'email_delivery') || Date.now() > deadline) return timeline;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

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
    // The accepted public reply is mailed in the background (this org has no mailbox, so its
    // failure is put on the timeline as version 3); the refused one is never mailed.
    const timeline = await timelineOnceMailed(number);
    expect(timeline.filter((event) => event.type === 'replied').map((event) => event.data.body)).toEqual(['This one is fine']);
    expect(timeline.filter((event) => event.type === 'email_delivery').map((event) => event.data)).toEqual([expect.objectContaining({ state: 'failed', replySeq: 2 })]);
    const state = await stack.temporal.workflow.getHandle(ticketWorkflowId(org.orgId, number)).query(ticketMessages.state);
    expect(state.version).toBe(3);
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
