import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../db/audit';
import type { Db } from '../../db/connection';
import { AuditEntry, Organization, Team } from '../../db/models';
import { nextTicketNumber, nextWorkOrderNumber, openTicketCounter } from '../../db/numbers';
import { asUser, withTenant } from '../../db/tenant';
import { connectAsApp } from '../helpers/app-db';

let app: Db;
const orgA = randomUUID();
const orgB = randomUUID();

async function createOrg(orgId: string, teamNames: string[]): Promise<void> {
  await withTenant(app, { orgId }, async (trx) => {
    await Organization.query(trx).insert({ id: orgId, name: `org ${orgId}`, slug: `models-${orgId}` });
    await openTicketCounter(trx, orgId);
    for (const name of teamNames) await Team.query(trx).insert({ org_id: orgId, id: randomUUID(), name });
  });
}

beforeAll(async () => {
  app = connectAsApp({ min: 0, max: 8 });
  await createOrg(orgA, ['A one', 'A two']);
  await createOrg(orgB, ['B secret']);
});
afterAll(async () => {
  await app?.destroy();
});

describe('models run only inside a tenant transaction', () => {
  it('a model query that forgets its org filter still sees only the tenant rows', async () => {
    const teams = await withTenant(app, { orgId: orgA }, (trx) => Team.query(trx).orderBy('name'));
    expect(teams.map((team) => team.name)).toEqual(['A one', 'A two']);
    expect(teams.every((team) => team.org_id === orgA)).toBe(true);
    const other = await withTenant(app, { orgId: orgB }, (trx) => Team.query(trx).where('name', 'like', 'A%'));
    expect(other).toEqual([]);
  });

  it('a model cannot write a row for another tenant', async () => {
    const write = withTenant(app, { orgId: orgA }, (trx) => Team.query(trx).insert({ org_id: orgB, id: randomUUID(), name: 'planted' }));
    await expect(write).rejects.toThrow(/row-level security/);
    const seen = await withTenant(app, { orgId: orgB }, (trx) => Team.query(trx).where('name', 'planted'));
    expect(seen).toEqual([]);
  });

  it('refuses a bare connection, a plain transaction, no connection at all, and a user transaction', async () => {
    await expect(Team.query(app)).rejects.toThrow(/only in a tenant transaction/);
    await expect(app.transaction(async (trx) => { await Team.query(trx).insert({ org_id: orgA, id: randomUUID(), name: 'x' }); })).rejects.toThrow(/only in a tenant transaction/);
    await expect(Team.query()).rejects.toThrow(/only in a tenant transaction/);
    await expect(asUser(app, randomUUID(), (trx) => Team.query(trx))).rejects.toThrow(/only in a tenant transaction/);
    await expect(withTenant(app, { orgId: orgA }, (trx) => Team.query(trx).patch({ name: 'y' }).where('name', 'nope'))).resolves.toBe(0);
  });
});

describe('number allocator', () => {
  it('concurrent allocations get distinct consecutive numbers', async () => {
    const numbers = await Promise.all(
      Array.from({ length: 12 }, () => withTenant(app, { orgId: orgA }, (trx) => nextTicketNumber(trx, orgA))),
    );
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const next = await withTenant(app, { orgId: orgB }, (trx) => nextTicketNumber(trx, orgB));
    expect(next).toBe(1);
  });

  it('a rolled-back allocation gives its number back', async () => {
    const failed = withTenant(app, { orgId: orgB }, async (trx) => {
      await nextTicketNumber(trx, orgB);
      throw new Error('abort');
    });
    await expect(failed).rejects.toThrow('abort');
    expect(await withTenant(app, { orgId: orgB }, (trx) => nextTicketNumber(trx, orgB))).toBe(2);
  });

  it('work-order numbers start at 1 without a counter row and count concurrently', async () => {
    const numbers = await Promise.all(
      Array.from({ length: 8 }, () => withTenant(app, { orgId: orgB }, (trx) => nextWorkOrderNumber(trx, orgB))),
    );
    expect([...numbers].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('recordAudit', () => {
  it('appends one row or many, with data or the column default', async () => {
    const actor = randomUUID();
    await withTenant(app, { orgId: orgA }, async (trx) => {
      await recordAudit(trx, { orgId: orgA, actorId: null, action: 'team.created', entityType: 'team', entityId: 'T1' });
      await recordAudit(trx, [
        { orgId: orgA, actorId: actor, action: 'ticket.created', entityType: 'ticket', entityId: 7, data: { subject: 'Printer' } },
        { orgId: orgA, actorId: actor, action: 'ticket.tags_changed', entityType: 'ticket', entityId: 7, data: { added: ['a'], removed: [] } },
      ]);
      await recordAudit(trx, []);
    });
    const rows = await withTenant(app, { orgId: orgA }, (trx) =>
      AuditEntry.query(trx).orderBy('id').select('actor_id', 'action', 'entity_type', 'entity_id', 'data'));
    expect(rows.map((row) => ({ ...row }))).toEqual([
      { actor_id: null, action: 'team.created', entity_type: 'team', entity_id: 'T1', data: {} },
      { actor_id: actor, action: 'ticket.created', entity_type: 'ticket', entity_id: '7', data: { subject: 'Printer' } },
      { actor_id: actor, action: 'ticket.tags_changed', entity_type: 'ticket', entity_id: '7', data: { added: ['a'], removed: [] } },
    ]);
  });

  it('the log stays append-only for the app role', async () => {
    const change = withTenant(app, { orgId: orgA }, (trx) => AuditEntry.query(trx).patch({ action: 'forged' }));
    await expect(change).rejects.toThrow(/permission denied/);
  });
});
