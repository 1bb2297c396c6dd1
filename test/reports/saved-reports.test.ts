import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { appRoleUrl, connect, type Db } from '../../db/connection';
import { APP_ROLE } from '../../db/migrate';
import { withTenant } from '../../db/tenant';
import { TEST_APP_DB_PASSWORD } from '../global-setup';
import { addMember, signupOrg, type Member, type Org } from '../helpers/api-client';
import { startTestStack, type TestStack } from '../helpers/test-stack';

let stack: TestStack, app: Db, orgA: Org, orgB: Org, agentA: Member;

const report = (name: string, shared: boolean) => ({
  name, shared, chart: 'bar', rangeDays: 30,
  query: { dataset: 'tickets', measures: ['count'], dimensions: ['status'], from: '2026-11-01', to: '2026-12-01' },
});

beforeAll(async () => {
  stack = await startTestStack({ worker: false });
  app = connect(appRoleUrl(inject('databaseUrl'), { user: APP_ROLE, password: TEST_APP_DB_PASSWORD }), { pool: { min: 0, max: 2 } });
  [orgA, orgB] = [await signupOrg(stack.url), await signupOrg(stack.url)];
  agentA = await addMember(orgA, 'agent');
});
afterAll(async () => {
  await stack?.stop();
  await app?.destroy();
});

const names = async (api: Org['api']) => ((await api.get('/reports/saved')).body.data as { name: string }[]).map((r) => r.name);

describe('saved reports', () => {
  it('a shared report is the org’s, a private one its author’s, and another org sees none of them', async () => {
    const shared = await orgA.api.post('/reports/saved', report('Backlog', true));
    expect(shared.status, JSON.stringify(shared.body)).toBe(201);
    expect(shared.body).toMatchObject({ name: 'Backlog', shared: true, chart: 'bar', rangeDays: 30, dashboardPosition: null, query: { dataset: 'tickets', dimensions: ['status'] } });
    expect((await orgA.api.post('/reports/saved', report('Mine only', false))).status).toBe(201);
    await orgB.api.post('/reports/saved', report('B report', true));

    expect(await names(orgA.api)).toEqual(['Backlog', 'Mine only']);
    expect(await names(agentA.api)).toEqual(['Backlog']);
    expect(await names(orgB.api)).toEqual(['B report']);
    // Another org's report is not found, even by id.
    expect((await orgB.api.patch(`/reports/saved/${shared.body.id}`, { name: 'Taken' })).status).toBe(404);
    expect((await orgB.api.delete(`/reports/saved/${shared.body.id}`)).status).toBe(404);
  });

  it('a statement that forgets its org filter still sees only its own org’s reports', async () => {
    const rows = await withTenant(app, { orgId: orgB.orgId }, (trx) => trx('saved_reports').select('name', 'org_id'));
    expect(rows).toEqual([{ name: 'B report', org_id: orgB.orgId }]);
    const none = await app.transaction((trx) => trx('saved_reports').select('id'));
    expect(none).toEqual([]);
  });

  it('only the author or an admin changes a shared report; a bad query is refused with a pointer', async () => {
    const [backlog] = ((await orgA.api.get('/reports/saved')).body.data as { id: string; name: string }[]).filter((r) => r.name === 'Backlog');
    expect((await agentA.api.patch(`/reports/saved/${backlog!.id}`, { name: 'Mine now' })).status).toBe(403);
    const renamed = await orgA.api.patch(`/reports/saved/${backlog!.id}`, { name: 'Open backlog', chart: 'stacked' });
    expect(renamed.body).toMatchObject({ name: 'Open backlog', chart: 'stacked' });
    const bad = await orgA.api.post('/reports/saved', { ...report('Bad', true), query: { ...report('x', true).query, measures: ['avg:rating'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer)).toContain('/query/measures/0');
  });

  it('arranges the custom dashboard in the order given, and refuses a report the caller cannot see', async () => {
    const mine = (await orgA.api.get('/reports/saved')).body.data as { id: string; name: string }[];
    const [backlog, own] = [mine.find((r) => r.name === 'Open backlog')!, mine.find((r) => r.name === 'Mine only')!];
    const arranged = await orgA.api.request('PUT', '/reports/dashboard', { reportIds: [own.id, backlog.id] });
    expect(arranged.status).toBe(200);
    expect(arranged.body.data.map((r: { name: string; dashboardPosition: number | null }) => [r.name, r.dashboardPosition])).toEqual([['Mine only', 0], ['Open backlog', 1]]);
    const reordered = await orgA.api.request('PUT', '/reports/dashboard', { reportIds: [backlog.id] });
    expect(reordered.body.data.map((r: { name: string; dashboardPosition: number | null }) => [r.name, r.dashboardPosition])).toEqual([['Mine only', null], ['Open backlog', 0]]);
    expect((await agentA.api.request('PUT', '/reports/dashboard', { reportIds: [own.id] })).status).toBe(404);
    expect((await orgB.api.request('PUT', '/reports/dashboard', { reportIds: [backlog.id] })).status).toBe(404);
  });
});
