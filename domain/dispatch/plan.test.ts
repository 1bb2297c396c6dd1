import { describe, expect, it } from 'vitest';
import { solve } from '../routing/index';
import { diffProposals } from './diff';
import { dispatchWorkflowId, parsePlanId, planIdOf } from './plan-id';
import { toRoutingProblem } from './problem';
import { assignmentOf, evaluateAssignment, proposalFromPlan } from './proposal';
import { shiftOn, zonedInstant } from './shifts';
import type { DispatchSnapshot, DispatchWorkOrder } from './types';

const date = '2026-11-30';
const wo = (number: number, lat: number, extra: Partial<DispatchWorkOrder> = {}): DispatchWorkOrder => ({
  number, title: `WO ${number}`, priority: 'normal', status: 'created', location: { lat, lng: 4.9 }, durationMinutes: 60, requiredSkills: ['hvac'],
  windows: [], technicianId: null, scheduled: null, ...extra,
});
const snapshot: DispatchSnapshot = {
  date, region: 'default',
  technicians: [
    { id: 'north', userId: 'u1', name: 'North', skills: ['hvac'], home: { lat: 52.4, lng: 4.9 }, shift: { start: `${date}T08:00:00.000Z`, end: `${date}T16:00:00.000Z` } },
    { id: 'south', userId: 'u2', name: 'South', skills: ['hvac'], home: { lat: 52.3, lng: 4.9 }, shift: { start: `${date}T08:00:00.000Z`, end: `${date}T16:00:00.000Z` } },
  ],
  workOrders: [
    wo(1, 52.41, { windows: [{ start: `${date}T08:00:00.000Z`, end: `${date}T09:00:00.000Z` }] }),
    wo(2, 52.42),
    wo(3, 52.29),
    wo(4, 52.31, { requiredSkills: ['plumbing'] }),
    wo(5, 52.35, { location: null }),
  ],
};

describe('dispatch plans', () => {
  it('turns the snapshot into a routing problem and its plan into a proposal with reasons', () => {
    const built = toRoutingProblem(snapshot);
    expect(built.problem.jobs.map((j) => j.id)).toEqual(['1', '2', '3', '4']);
    expect(built.problem.jobs[0]!.windows).toEqual([{ start: 8 * 3600, end: 9 * 3600 }]);
    expect(built.unlocated).toEqual([5]);
    const proposal = proposalFromPlan(snapshot, built, solve(built.problem, { seed: 1, maxIterations: 200, timeLimitMs: 5000 }).plan);
    expect(proposal.unassigned).toEqual([
      { workOrderNumber: 4, title: 'WO 4', reason: 'no-qualified-technician' },
      { workOrderNumber: 5, title: 'WO 5', reason: 'no-location' },
    ]);
    expect(proposal.summary.assigned).toBe(3);
    // Re-walking the optimizer's own assignment finds nothing wrong and the same times.
    const again = evaluateAssignment(snapshot, { routes: assignmentOf(proposal).routes, unassigned: [] });
    expect(again.violations).toEqual([]);
    expect(again.proposal.routes).toEqual(proposal.routes);
  });

  it('reports a missed window, a missing skill and an overlong day', () => {
    const late = evaluateAssignment(snapshot, { routes: { south: [3, 2, 1, 4] }, unassigned: [] });
    expect(late.violations.map((v) => [v.workOrderNumber, v.kind])).toEqual([[1, 'time-window'], [4, 'skill']]);
    const long = evaluateAssignment({ ...snapshot, workOrders: snapshot.workOrders.map((w) => ({ ...w, durationMinutes: 200 })) }, { routes: { north: [2, 3, 1] }, unassigned: [] });
    expect(long.violations.map((v) => v.kind)).toContain('shift-end');
  });

  it('keeps started jobs at the head of their technician and locked jobs with theirs', () => {
    const started = { ...snapshot, workOrders: [wo(2, 52.42, { status: 'on_site', technicianId: 'south', scheduled: { start: `${date}T08:30:00.000Z`, end: `${date}T09:30:00.000Z` } }), wo(3, 52.29)] };
    const built = toRoutingProblem(started, { locks: { 3: 'north' } });
    expect(built.problem.technicians.find((t) => t.id === 'south')!.fixedJobs).toEqual(['2']);
    expect(built.problem.jobs.find((j) => j.id === '3')!.technicianId).toBe('north');
    const proposal = proposalFromPlan(started, built, solve(built.problem, { seed: 3, maxIterations: 100, timeLimitMs: 5000 }).plan, { 3: 'north' });
    expect(assignmentOf(proposal).routes).toEqual({ south: [2], north: [3] });
    expect(proposal.routes.flatMap((r) => r.stops).find((s) => s.workOrderNumber === 3)!.locked).toBe(true);
  });

  it('diffs a re-plan against the committed plan', () => {
    const before = evaluateAssignment(snapshot, { routes: { north: [1, 2], south: [3] }, unassigned: [] }).proposal;
    const after = evaluateAssignment(snapshot, { routes: { north: [1], south: [3, 2] }, unassigned: [4] }).proposal;
    expect(diffProposals(before, after).map((c) => [c.workOrderNumber, c.kind])).toEqual([[1, 'unchanged'], [2, 'moved'], [3, 'unchanged'], [4, 'unassigned']]);
    expect(diffProposals(null, before).every((c) => c.kind === 'added')).toBe(true);
  });

  it('encodes a plan id opaquely and refuses anything else', () => {
    const id = planIdOf(date, 'north-holland');
    expect(id).not.toContain('/');
    expect(parsePlanId(id)).toEqual({ date, region: 'north-holland' });
    expect(id).toBe(Buffer.from(`${date}/north-holland`).toString('base64url'));
    expect(parsePlanId('not-a-plan')).toBeNull();
    expect(parsePlanId(Buffer.from('2026-13-45/x').toString('base64url'))).toBeNull();
    expect(parsePlanId(Buffer.from(`${date}/../etc`).toString('base64url'))).toBeNull();
    expect(dispatchWorkflowId('org', date, 'default')).toBe(`org/dispatch/${date}/default`);
  });

  it('resolves a weekly shift in the technician zone, with time off', () => {
    expect(shiftOn(date, { mon: [['08:00', '12:00'], ['13:00', '17:00']] }, 'Europe/Amsterdam')).toEqual({ start: '2026-11-30T07:00:00.000Z', end: '2026-11-30T16:00:00.000Z' });
    expect(shiftOn(date, { tue: [['08:00', '16:00']] }, 'UTC')).toBeNull();
    expect(shiftOn(date, { mon: [['08:00', '16:00']] }, 'UTC', [{ from: '2026-11-28', to: '2026-12-01' }])).toBeNull();
    expect(new Date(zonedInstant('2026-07-06', '08:00', 'Europe/Amsterdam')).toISOString()).toBe('2026-07-06T06:00:00.000Z');
  });
});
