import { describe, expect, it } from 'vitest';
import { signupOrg } from '../helpers/api-client';
import { stackForSuite } from '../helpers/suite-stack';
import type { TestStack } from '../helpers/test-stack';
import { expectStatus, setUpFieldOrg, startFieldStack, type FieldOrg } from './fixtures';

let stack: TestStack;
let field: FieldOrg;

stackForSuite(startFieldStack, (started) => ({ stack, field } = started));

// The fixture technician works every day 07:00–20:00 Amsterdam (UTC+1 in January) and knows hvac.
const slot = (start: string, minutes = 60) => ({ windowStart: start, windowEnd: new Date(Date.parse(start) + minutes * 60_000).toISOString() });

describe('scheduling a work order by hand checks the technician can take it', () => {
  it('refuses a job needing a skill the technician lacks, says why, and writes nothing; override commits it', async () => {
    const d = field.dispatcher.api;
    const wo = await expectStatus(d.post('/work-orders', { title: 'Rewire the panel', requiredSkills: ['electrical', 'hvac'] }), 201);
    const body = { technicianId: field.technician.technicianId, ...slot('2027-01-04T09:00:00Z') };

    const check = await expectStatus(d.post(`/work-orders/${wo.number}/schedule/check`, body), 200);
    expect(check).toEqual({ ok: false, refusals: [{ reason: 'skill', pointer: '/technicianId', message: expect.stringContaining('lacks the required skill electrical.') }] });

    const refused = await d.post(`/work-orders/${wo.number}/schedule`, body);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ type: expect.stringContaining('slot-refused'), reasons: ['skill'], errors: [{ pointer: '/technicianId' }] });
    expect(refused.body.detail).toContain('"override": true');
    expect((await expectStatus(d.get(`/work-orders/${wo.number}`), 200))).toMatchObject({ status: 'created', technician: null });

    const forced = await expectStatus(d.post(`/work-orders/${wo.number}/schedule`, { ...body, override: true }), 200);
    expect(forced).toMatchObject({ status: 'scheduled', technician: { id: field.technician.technicianId }, windowStart: '2027-01-04T09:00:00.000Z' });
  });

  it("refuses a night visit, a day off and an overlap with the technician's other visit; back to back is accepted", async () => {
    const d = field.dispatcher.api;
    const technicianId = field.technician.technicianId;
    const open = async () => (await expectStatus(d.post('/work-orders', { title: 'Service the AC', requiredSkills: ['hvac'], durationMinutes: 90 }), 201)).number as number;
    const check = async (number: number, start: string) => (await expectStatus(d.post(`/work-orders/${number}/schedule/check`, { technicianId, ...slot(start) }), 200)).refusals;

    const first = await open();
    // 19:00Z is 20:00 in Amsterdam: the shift has ended.
    expect((await check(first, '2027-01-05T19:00:00Z')).map((r: { reason: string }) => r.reason)).toEqual(['off-shift']);
    await expectStatus(d.patch(`/technicians/${technicianId}`, { timeOff: [{ from: '2027-01-06', to: '2027-01-06', reason: 'Training' }] }), 200);
    expect(await check(first, '2027-01-06T09:00:00Z')).toEqual([{ reason: 'time-off', pointer: '/windowStart', message: expect.stringContaining('(Training)') }]);

    await expectStatus(d.post(`/work-orders/${first}/schedule`, { technicianId, ...slot('2027-01-05T09:00:00Z') }), 200);
    const second = await open();
    const overlap = await d.post(`/work-orders/${second}/schedule`, { technicianId, ...slot('2027-01-05T10:00:00Z') });
    expect(overlap.status).toBe(422);
    expect(overlap.body.errors).toEqual([{ pointer: '/windowStart', message: expect.stringContaining(`work order #${first} from 10:00 to 11:30`) }]);
    // Starting as the first visit ends (09:00Z + 90 min) is fine.
    expect(await check(second, '2027-01-05T10:30:00Z')).toEqual([]);
    await expectStatus(d.post(`/work-orders/${second}/schedule`, { technicianId, ...slot('2027-01-05T10:30:00Z') }), 200);
    // Moving the first job within its own time is no overlap with itself.
    expect(await check(first, '2027-01-05T09:00:00Z')).toEqual([]);
  });

  it('refuses a window that ends before it starts, an unknown technician, and another organization', async () => {
    const d = field.dispatcher.api;
    const wo = await expectStatus(d.post('/work-orders', { title: 'Check the unit' }), 201);
    const backwards = await d.post(`/work-orders/${wo.number}/schedule/check`, { technicianId: field.technician.technicianId, windowStart: '2027-01-05T10:00:00Z', windowEnd: '2027-01-05T09:00:00Z' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors).toEqual([expect.objectContaining({ pointer: '/windowEnd' })]);
    const unknown = await d.post(`/work-orders/${wo.number}/schedule/check`, { technicianId: crypto.randomUUID(), ...slot('2027-01-05T09:00:00Z') });
    expect(unknown.status).toBe(422);

    const other = await setUpFieldOrg(await signupOrg(stack.url), 'other-owner@example.com');
    expect((await other.dispatcher.api.post(`/work-orders/${wo.number}/schedule/check`, { technicianId: field.technician.technicianId, ...slot('2027-01-05T09:00:00Z') })).status).toBe(404);
    expect((await field.technician.api.post(`/work-orders/${wo.number}/schedule/check`, { technicianId: field.technician.technicianId, ...slot('2027-01-05T09:00:00Z') })).status).toBe(403);
  });
});
