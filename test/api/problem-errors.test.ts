import type { AddressInfo } from 'node:net';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure, RetryState } from '@temporalio/common';
import Koa from 'koa';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataFailure } from '../../db/failure-classes';
import { problemErrors } from '../../api/middleware/errors';

let thrown: () => unknown;
let server: ReturnType<Koa['listen']>;
let base: string;
beforeAll(async () => {
  const app = new Koa();
  app.silent = true;
  app.use(problemErrors(pino({ level: 'silent' })));
  app.use(() => { throw thrown(); });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => { await new Promise((resolve) => server?.close(resolve)); });

const pg22P05 = Object.assign(new Error('insert into "ticket_events" ... - unsupported Unicode escape sequence'), { code: '22P05' });

describe('a write the database refused reaches the caller as a problem', () => {
  it('from an Update whose activity failed (the failure as the workflow passes it on, or wrapped)', async () => {
    const failure = dataFailure(pg22P05)!;
    const wrapped = new ActivityFailure('Activity task failed', 'recordTicketChange', '1', RetryState.NON_RETRYABLE_FAILURE, 'worker', failure);
    for (const cause of [failure, wrapped]) {
      thrown = () => new WorkflowUpdateFailedError('Workflow Update failed', cause);
      const response = await fetch(`${base}/api/v1/tickets/1/replies`, { method: 'POST' });
      expect(response.status).toBe(422);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      const body = await response.json();
      expect(body).toMatchObject({ type: expect.stringMatching(/unstorable-data$/), status: 422 });
      expect(JSON.stringify(body)).not.toMatch(/insert into|ticket_events/);
    }
  });

  it('other Update failures are not mistaken for one', async () => {
    thrown = () => new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.nonRetryable('boom', 'SomethingElse'));
    expect((await fetch(`${base}/api/v1/x`, { method: 'POST' })).status).toBe(500);
  });
});
