import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RejectedMail } from '../api/types';
import { fakeFetch } from '../stores/fake-fetch';
import { useRejectedMail } from './useRejectedMail';

const mail = (id: string, reason = 'no sender'): RejectedMail => ({
  id, subject: `mail ${id}`, from: null, envelopeFrom: null, receivedAt: '2026-12-01T10:00:00Z', reason, retries: 0, retriedAt: null,
} as unknown as RejectedMail);

describe('rejected mail', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('pages through the list, appending the next page', async () => {
    const calls = fakeFetch({ status: 200, body: { data: [mail('a')], nextCursor: 'c1' } }, { status: 200, body: { data: [mail('b')], nextCursor: null } });
    const list = useRejectedMail(() => 'm1');
    await list.load();
    await list.load(list.nextCursor.value);
    expect(list.rows.value.map((row) => row.id)).toEqual(['a', 'b']);
    expect(list.nextCursor.value).toBeNull();
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/mailboxes/m1/rejected-mail', '/api/v1/mailboxes/m1/rejected-mail?cursor=c1']);
  });

  it('takes a retried message off the list; one refused again stays with its new reason', async () => {
    const list = useRejectedMail(() => 'm1');
    list.rows.value = [mail('a'), mail('b')];
    fakeFetch(
      { status: 200, body: { ingested: true, outcome: 'ticket', ticketNumber: 7 } },
      { status: 422, body: { type: 'x/not-ingested', title: 'Refused again', status: 422, rejectedMail: { ...mail('b', 'still no sender'), retries: 1 } } },
    );
    expect(await list.retry('a')).toMatchObject({ ticketNumber: 7 });
    await expect(list.retry('b')).rejects.toThrow('Refused again');
    expect(list.rows.value).toMatchObject([{ id: 'b', reason: 'still no sender', retries: 1 }]);
  });
});
