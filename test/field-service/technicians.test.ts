import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, type Db } from '../../db/connection';
import { addMember, signupOrg, type Org } from '../helpers/api-client';
import { stackForSuite } from '../helpers/suite-stack';
import type { TestStack } from '../helpers/test-stack';
import { expectStatus, startFieldStack, type FieldOrg } from './fixtures';

let stack: TestStack;
let org: Org;
let field: FieldOrg;

stackForSuite(startFieldStack, (started) => ({ stack, org, field } = started));

// The owner role bypasses RLS: it reads the audit log, which the app role may only append to.
let owner: Db;
beforeAll(() => { owner = connect(inject('databaseUrl'), { pool: { min: 0, max: 1 } }); });
afterAll(async () => { await owner?.destroy(); });

describe('technicians', () => {
  it('profiles flag expired and expiring certifications; only dispatchers edit them', async () => {
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const d = field.dispatcher.api;
    const patched = await expectStatus(
      d.patch(`/technicians/${field.technician.technicianId}`, {
        certifications: [{ name: 'F-gas', expiresOn: '2020-01-01' }, { name: 'Working at height', expiresOn: soon }, { name: 'First aid', expiresOn: '2099-01-01' }, { name: 'Driving', expiresOn: null }],
        timeOff: [{ from: '2026-12-24', to: '2026-12-26', reason: 'Holidays' }],
      }),
      200,
    );
    expect(patched.certifications.map((certification: { expiry: string }) => certification.expiry)).toEqual(['expired', 'expiring', 'valid', 'none']);
    expect(patched).toMatchObject({ skills: [{ skill: 'hvac', level: 3 }], timeZone: 'Europe/Amsterdam', home: { lat: 52.37, lng: 4.89 } });
    expect((await field.technician.api.patch(`/technicians/${field.technician.technicianId}`, { active: false })).status).toBe(403);
    expect((await d.patch(`/technicians/${field.technician.technicianId}`, { timeZone: 'Mars/Olympus' })).status).toBe(400);
    const customer = await addMember(org, 'customer');
    expect((await customer.api.get('/technicians')).status).toBe(403);

    // The creation and the one accepted edit are audited with what they set; refused ones are not.
    const audit = await owner('audit_log').where({ org_id: org.orgId, entity_type: 'technician', entity_id: field.technician.technicianId }).orderBy('id').select('action', 'actor_id', 'data');
    expect(audit.map((line) => line.action)).toEqual(['technician.created', 'technician.updated']);
    expect(audit[1]).toMatchObject({ actor_id: field.dispatcher.id, data: { timeOff: [{ from: '2026-12-24', to: '2026-12-26', reason: 'Holidays' }] } });
    expect(Object.keys(audit[1].data).sort()).toEqual(['certifications', 'timeOff']);
  });

  it("stores location pings as the technician's track and latest position, once per timestamp", async () => {
    const t = field.technician.api;
    const pings = [
      { lat: 52.3701, lng: 4.8901, accuracy: 12, recordedAt: '2026-11-27T08:00:00Z' },
      { lat: 52.3710, lng: 4.8950, accuracy: 8, recordedAt: '2026-11-27T08:01:00Z' },
    ];
    await expectStatus(t.post('/technicians/me/positions', { pings }), 204);
    await expectStatus(t.post('/technicians/me/positions', { pings }), 204);
    const track = await expectStatus(t.get(`/technicians/${field.technician.technicianId}/track`), 200);
    expect(track.data).toEqual([
      { lat: 52.3701, lng: 4.8901, accuracy: 12, recordedAt: '2026-11-27T08:00:00.000Z' },
      { lat: 52.371, lng: 4.895, accuracy: 8, recordedAt: '2026-11-27T08:01:00.000Z' },
    ]);
    const me = await expectStatus(t.get('/technicians/me'), 200);
    expect(me.lastPosition).toEqual({ lat: 52.371, lng: 4.895, at: '2026-11-27T08:01:00.000Z' });
    // An older ping arriving late (an outbox catching up) does not move the latest position back.
    await expectStatus(t.post('/technicians/me/positions', { pings: [{ lat: 1, lng: 1, recordedAt: '2026-11-27T07:00:00Z' }] }), 204);
    expect((await expectStatus(t.get('/technicians/me'), 200)).lastPosition.at).toBe('2026-11-27T08:01:00.000Z');
  });

  it("lists the technician's jobs of a day in route order: committed windows by start, then nearest first", async () => {
    const d = field.dispatcher.api;
    const near = await expectStatus(d.post('/assets', { name: 'Near', site: { lat: 52.38, lng: 4.9 } }), 201);
    const far = await expectStatus(d.post('/assets', { name: 'Far', site: { lat: 53.2, lng: 6.5 } }), 201);
    const open = async (assetId: string, start: string | null) => {
      const wo = await expectStatus(d.post('/work-orders', { title: `Job at ${assetId.slice(0, 4)}`, assetId }), 201);
      // The night visit is outside every shift: scheduled by override, as a dispatcher would.
      if (start) await expectStatus(d.post(`/work-orders/${wo.number}/schedule`, { technicianId: field.technician.technicianId, windowStart: start, windowEnd: new Date(Date.parse(start) + 3_600_000).toISOString(), override: true }), 200);
      return wo.number as number;
    };
    const late = await open(far.id, '2026-12-01T14:00:00Z');
    const early = await open(near.id, '2026-12-01T08:00:00Z');
    await open(near.id, null);
    // 23:30 UTC on Dec 1 is already Dec 2 for this Amsterdam technician.
    const night = await open(near.id, '2026-12-01T23:30:00Z');
    const jobs = await expectStatus(field.technician.api.get('/technicians/me/jobs?date=2026-12-01'), 200);
    expect(jobs.data.map((job: { number: number }) => job.number)).toEqual([early, late]);
    expect((await expectStatus(field.technician.api.get('/technicians/me/jobs?date=2026-12-02'), 200)).data.map((job: { number: number }) => job.number)).toEqual([night]);
    expect((await expectStatus(field.technician.api.get('/technicians/me/jobs?date=2026-12-03'), 200)).data).toEqual([]);
  });

  it('shows home base and live position only to dispatchers, admins, owners and the technician themself', async () => {
    const id = field.technician.technicianId;
    await expectStatus(field.technician.api.post('/technicians/me/positions', { pings: [{ lat: 52.4, lng: 4.9, recordedAt: '2026-11-28T08:00:00Z' }] }), 204);
    const admin = await addMember(org, 'admin');
    const agent = await addMember(org, 'agent');
    const colleague = await addMember(org, 'technician');
    await expectStatus(field.dispatcher.api.post('/technicians', { userId: colleague.id }), 201);

    const seers = { owner: org.api, admin: admin.api, dispatcher: field.dispatcher.api, self: field.technician.api };
    for (const [role, api] of Object.entries(seers)) {
      for (const technician of [await expectStatus(api.get(`/technicians/${id}`), 200), (await expectStatus(api.get('/technicians'), 200)).data.find((t: { id: string }) => t.id === id)]) {
        expect(technician.home, role).toEqual({ lat: 52.37, lng: 4.89 });
        expect(technician.lastPosition, role).toEqual({ lat: 52.4, lng: 4.9, at: '2026-11-28T08:00:00.000Z' });
      }
    }
    for (const [role, api] of Object.entries({ agent: agent.api, otherTechnician: colleague.api })) {
      const listed = (await expectStatus(api.get('/technicians'), 200)).data.find((t: { id: string }) => t.id === id);
      for (const technician of [await expectStatus(api.get(`/technicians/${id}`), 200), listed]) {
        expect(technician.user.id, role).toBe(field.technician.id);
        expect(Object.keys(technician), role).not.toContain('home');
        expect(Object.keys(technician), role).not.toContain('lastPosition');
        expect(JSON.stringify(technician), role).not.toContain('52.4');
      }
    }
    // The other technician still sees their own.
    expect(Object.keys(await expectStatus(colleague.api.get('/technicians/me'), 200))).toEqual(expect.arrayContaining(['home', 'lastPosition']));
  });

  it("refuses a van that is not one of the org's vans", async () => {
    const d = field.dispatcher.api;
    const other = await signupOrg(stack.url);
    const foreignVan = await expectStatus(other.api.post('/inventory/locations', { name: 'Their van', kind: 'van' }), 201);
    const depot = await expectStatus(d.post('/inventory/locations', { name: `Depot ${foreignVan.id.slice(0, 6)}`, kind: 'depot' }), 201);
    const member = await addMember(org, 'technician');
    for (const vanLocationId of [foreignVan.id, depot.id, '00000000-0000-4000-8000-000000000000']) {
      const created = await d.post('/technicians', { userId: member.id, vanLocationId });
      expect(created.status).toBe(422);
      expect(created.body).toMatchObject({ type: expect.stringMatching(/unknown-van$/), errors: [{ pointer: '/vanLocationId' }] });
      const patched = await d.patch(`/technicians/${field.technician.technicianId}`, { vanLocationId });
      expect(patched.status).toBe(422);
    }
    expect((await expectStatus(d.get(`/technicians/${field.technician.technicianId}`), 200)).vanLocationId).toBe(field.vanId);
    expect((await expectStatus(d.get('/technicians'), 200)).data.map((t: { user: { id: string } }) => t.user.id)).not.toContain(member.id);
    await expectStatus(d.patch(`/technicians/${field.technician.technicianId}`, { vanLocationId: null }), 200);
    await expectStatus(d.patch(`/technicians/${field.technician.technicianId}`, { vanLocationId: field.vanId }), 200);
  });
});
