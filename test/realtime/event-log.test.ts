import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { appRoleUrl, connect, type Db } from '../../db/connection';
import { EVENT_CHANNEL, appendEvents, latestSeq, readEvents } from '../../db/event-log';
import { APP_ROLE } from '../../db/migrate';
import { Organization } from '../../db/models';
import { withTenant } from '../../db/tenant';
import type { NewEvent } from '../../domain/realtime/event';
import { TEST_APP_DB_PASSWORD } from '../global-setup';

const appUrl = () => appRoleUrl(inject('databaseUrl'), { user: APP_ROLE, password: TEST_APP_DB_PASSWORD });
let app: Db;
const orgA = randomUUID();
const orgB = randomUUID();

const event = (topic: string, n: number): NewEvent => ({ type: 'ticket.replied', topic, at: new Date().toISOString(), data: { n } });

beforeAll(async () => {
  app = connect(appUrl(), { pool: { min: 0, max: 12 } });
  for (const orgId of [orgA, orgB]) {
    await withTenant(app, { orgId }, (trx) => Organization.query(trx).insert({ id: orgId, name: `org ${orgId}`, slug: `events-${orgId}` }));
  }
});
afterAll(async () => {
  await app?.destroy();
});

describe('the event log', () => {
  it('numbers each org on its own, from 1, in the order of the batch', async () => {
    await withTenant(app, { orgId: orgA }, (trx) => appendEvents(trx, orgA, [event('ticket:1', 1), event('ticket:2', 2)]));
    await withTenant(app, { orgId: orgB }, (trx) => appendEvents(trx, orgB, [event('ticket:1', 1)]));
    await withTenant(app, { orgId: orgA }, (trx) => appendEvents(trx, orgA, [event('queue', 3)]));
    const a = await withTenant(app, { orgId: orgA }, (trx) => readEvents(trx, orgA, 0, 10));
    expect(a.map((e) => [e.seq, e.topic, e.data.n])).toEqual([[1, 'ticket:1', 1], [2, 'ticket:2', 2], [3, 'queue', 3]]);
    const b = await withTenant(app, { orgId: orgB }, (trx) => readEvents(trx, orgB, 0, 10));
    expect(b.map((e) => e.seq)).toEqual([1]);
    expect(await withTenant(app, { orgId: orgA }, (trx) => latestSeq(trx, orgA))).toBe(3);
  });

  it('a query that forgets its org filter sees none of another org’s events or counter', async () => {
    const seen = await withTenant(app, { orgId: orgB }, (trx) => trx('event_log').select('org_id', 'data'));
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((row: { org_id: string }) => row.org_id === orgB)).toBe(true);
    const counters = await withTenant(app, { orgId: orgB }, (trx) => trx('event_log_counters').pluck('org_id'));
    expect(counters).toEqual([orgB]);
    expect(await app('event_log').count({ count: '*' }).first()).toEqual({ count: 0 });
    // Asking for another org's rows by name under one's own tenant finds nothing either.
    expect(await withTenant(app, { orgId: orgB }, (trx) => readEvents(trx, orgA, 0, 10))).toEqual([]);
  });

  it('refuses to append for another org, and the app role cannot rewrite the log', async () => {
    await expect(withTenant(app, { orgId: orgB }, (trx) => appendEvents(trx, orgA, [event('queue', 9)]))).rejects.toThrow(/row-level security/);
    await expect(withTenant(app, { orgId: orgA }, (trx) => trx('event_log').update({ type: 'forged' }))).rejects.toThrow(/permission denied/);
    await expect(withTenant(app, { orgId: orgA }, (trx) => trx('event_log').delete())).rejects.toThrow(/permission denied/);
  });

  it('concurrent writers commit in seq order: a reader never finds a lower seq after a higher one', async () => {
    const orgId = randomUUID();
    await withTenant(app, { orgId }, (trx) => Organization.query(trx).insert({ id: orgId, name: 'busy', slug: `events-${orgId}` }));
    const seen: number[] = [];
    let cursor = 0;
    let writing = true;
    const reader = (async () => {
      while (writing || cursor < 40) {
        const page = await withTenant(app, { orgId }, (trx) => readEvents(trx, orgId, cursor, 100));
        for (const row of page) seen.push(row.seq);
        cursor = page.at(-1)?.seq ?? cursor;
      }
    })();
    // Each writer holds its transaction open after appending, so later writers queue behind it.
    await Promise.all(Array.from({ length: 20 }, (_, i) => withTenant(app, { orgId }, async (trx) => {
      await appendEvents(trx, orgId, [event(`ticket:${i}`, i), event(`ticket:${i}`, i)]);
      await trx.raw('SELECT pg_sleep(?)', [(i % 4) * 0.005]);
    })));
    writing = false;
    await reader;
    expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('notifies (org, seq) only when the transaction commits', async () => {
    const listener = new pg.Client({ connectionString: appUrl() });
    await listener.connect();
    const payloads: string[] = [];
    listener.on('notification', (message) => payloads.push(message.payload ?? ''));
    await listener.query(`LISTEN ${EVENT_CHANNEL}`);
    try {
      await withTenant(app, { orgId: orgB }, async (trx) => {
        await appendEvents(trx, orgB, [event('queue', 1)]);
        throw new Error('rolled back');
      }).catch(() => undefined);
      await withTenant(app, { orgId: orgB }, (trx) => appendEvents(trx, orgB, [event('queue', 2), event('queue', 3)]));
      const last = await withTenant(app, { orgId: orgB }, (trx) => latestSeq(trx, orgB));
      await expect.poll(() => payloads.filter((p) => p.startsWith(orgB))).toEqual([`${orgB}:${last}`]);
      // The rolled-back append left nothing behind: no row, and its numbers were handed out again.
      const rows = await withTenant(app, { orgId: orgB }, (trx) => readEvents(trx, orgB, 0, 10));
      expect(rows.map((row) => [row.seq, row.data.n])).toEqual([[1, 1], [2, 2], [3, 3]]);
    } finally {
      await listener.end();
    }
  });
});
