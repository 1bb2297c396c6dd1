import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Db } from '../../db/connection';
import { APP_ROLE } from '../../db/migrate';
import { withTenant } from '../../db/tenant';
import { newTicket, signupOrg, type Org } from '../helpers/api-client';
import { connectAsApp } from '../helpers/app-db';
import { startTestStack, type TestStack } from '../helpers/test-stack';

let stack: TestStack;
let owner: Db;
let app: Db;
let orgA: Org;
let orgB: Org;
let secretNumber: number;

beforeAll(async () => {
  stack = await startTestStack();
  owner = connect(inject('databaseUrl'), { pool: { min: 0, max: 1 } });
  app = connectAsApp({ min: 1, max: 1 });
  orgA = await signupOrg(stack.url);
  orgB = await signupOrg(stack.url);
  for (let i = 0; i < 3; i++) {
    const ticket = await orgA.api.post('/tickets', newTicket({ subject: `A-secret-${i}`, tags: ['confidential'] }));
    secretNumber = ticket.body.number;
  }
  await orgA.api.post(`/tickets/${secretNumber}/replies`, { body: 'internal A-note', visibility: 'internal' });
  await orgA.api.post(`/tickets/${secretNumber}/followers`, { userId: orgA.owner.id });
  await orgB.api.post('/tickets', newTicket({ subject: 'B ticket' }));
});
afterAll(async () => {
  await stack?.stop();
  await owner?.destroy();
  await app?.destroy();
});

async function tenantTables(): Promise<string[]> {
  const rows: { table_name: string }[] = await owner('information_schema.columns')
    .join('information_schema.tables', function () {
      this.on('tables.table_name', 'columns.table_name').andOn('tables.table_schema', 'columns.table_schema');
    })
    .where({ 'columns.table_schema': 'public', 'columns.column_name': 'org_id', 'tables.table_type': 'BASE TABLE' })
    .select('columns.table_name');
  return rows.map((row) => row.table_name).sort();
}

describe('row-level security in the catalog', () => {
  it('every table with an org_id has RLS enabled and forced, and the app role cannot get around it', async () => {
    const tables = await tenantTables();
    expect(tables).toEqual(expect.arrayContaining(['tickets', 'ticket_events', 'contacts', 'memberships', 'audit_log', 'ticket_followers']));
    const classes: { relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean; owner: string }[] = await owner('pg_class as c')
      .join('pg_namespace as n', 'n.oid', 'c.relnamespace')
      .where('n.nspname', 'public')
      .whereIn('c.relname', [...tables, 'users', 'organizations'])
      .select('c.relname', 'c.relrowsecurity', 'c.relforcerowsecurity', owner.raw('pg_get_userbyid(c.relowner) AS owner'));
    expect(classes).toHaveLength(tables.length + 2);
    for (const table of classes) {
      expect({ table: table.relname, enabled: table.relrowsecurity, forced: table.relforcerowsecurity }).toEqual({ table: table.relname, enabled: true, forced: true });
      expect(table.owner).not.toBe(APP_ROLE);
    }
    const role = await owner('pg_roles').where({ rolname: APP_ROLE }).first<{ rolsuper: boolean; rolbypassrls: boolean }>('rolsuper', 'rolbypassrls');
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
  });

  it('the app role may not rewrite the audit log', async () => {
    await expect(withTenant(app, { orgId: orgA.orgId }, (trx) => trx('audit_log').update({ action: 'forged' }))).rejects.toThrow(/permission denied/);
    await expect(withTenant(app, { orgId: orgA.orgId }, (trx) => trx('audit_log').delete())).rejects.toThrow(/permission denied/);
  });
});

describe('a query that forgets its tenant filter', () => {
  it('sees no rows in any tenant table when no tenant is set', async () => {
    for (const table of await tenantTables()) {
      const count = Number((await app(table).count({ count: '*' }))[0]?.count);
      expect({ table, count }).toEqual({ table, count: 0 });
    }
    expect(Number((await app('users').count({ count: '*' }))[0]?.count)).toBe(0);
    expect(Number((await app('organizations').count({ count: '*' }))[0]?.count)).toBe(0);
  });

  it('sees only its own tenant when one is set, without any where clause', async () => {
    const subjects: string[] = await withTenant(app, { orgId: orgB.orgId }, (trx) => trx('tickets').pluck('subject'));
    expect(subjects).toEqual(['B ticket']);
    const orgs = await withTenant(app, { orgId: orgB.orgId }, (trx) => trx('organizations').pluck('id'));
    expect(orgs).toEqual([orgB.orgId]);
    const emails: string[] = await withTenant(app, { orgId: orgB.orgId }, (trx) => trx('users').pluck('email'));
    expect(emails).toEqual([orgB.owner.email]);
  });

  it('cannot write a row into another tenant', async () => {
    await expect(
      withTenant(app, { orgId: orgB.orgId }, (trx) => trx('tags').insert({ org_id: orgA.orgId, name: 'planted' })),
    ).rejects.toThrow(/row-level security/);
  });

  it('a pooled connection reused after a tenant transaction carries no tenant', async () => {
    // The pool holds exactly one connection: the second query runs on the same session.
    const [pidInside, seen] = await withTenant(app, { orgId: orgA.orgId }, async (trx) => [
      (await trx.raw('SELECT pg_backend_pid() AS pid')).rows[0].pid,
      Number((await trx('tickets').count({ count: '*' }))[0]?.count),
    ]);
    expect(seen).toBe(3);
    const after = (await app.raw(`SELECT pg_backend_pid() AS pid, current_setting('app.org_id', true) AS org`)).rows[0];
    expect(after.pid).toBe(pidInside);
    expect(after.org ?? '').toBe('');
    expect(Number((await app('tickets').count({ count: '*' }))[0]?.count)).toBe(0);
  });
});

describe('org B through the API', () => {
  it('can neither read nor change org A’s ticket through any route', async () => {
    const path = `/tickets/${secretNumber}`;
    const attempts = await Promise.all([
      orgB.api.get(path),
      orgB.api.get(`${path}/timeline`),
      orgB.api.post(`${path}/replies`, { body: 'hijack', visibility: 'public' }),
      orgB.api.post(`${path}/assign`, { assigneeId: orgB.owner.id }),
      orgB.api.post(`${path}/status`, { status: 'solved' }),
      orgB.api.patch(path, { priority: 'low' }),
      orgB.api.get(`${path}/followers`),
      orgB.api.post(`${path}/followers`, { userId: orgB.owner.id }),
    ]);
    expect(attempts.map((attempt) => attempt.status)).toEqual([404, 404, 404, 404, 404, 404, 404, 404]);

    const listed = await orgB.api.get('/tickets?q=A-secret');
    expect(listed.body.data).toEqual([]);
    expect((await orgB.api.get('/tickets?tag=confidential')).body.data).toEqual([]);
    expect((await orgB.api.get('/tickets/counts')).body.new).toBe(1);
    const users = await orgB.api.get('/users');
    expect(users.body.data.map((user: { email: string }) => user.email)).toEqual([orgB.owner.email]);

    const untouched = await orgA.api.get(path);
    expect(untouched.body).toMatchObject({ status: 'new', priority: 'normal', assigneeId: null });
    const timeline = await orgA.api.get(`${path}/timeline`);
    expect(timeline.body.data.map((event: { type: string }) => event.type)).toEqual(['created', 'replied']);
  });
});
