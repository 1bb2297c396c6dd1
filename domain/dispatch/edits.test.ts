import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits, editsProblem } from './edits';
import type { DispatchEdit, Proposal } from './types';

const stop = (workOrderNumber: number, started = false) => ({ workOrderNumber, title: `#${workOrderNumber}`, eta: '', start: '', end: '', locked: false, started });
const proposal: Proposal = {
  routes: [
    { technicianId: 'a', technicianName: 'A', stops: [stop(1, true), stop(2), stop(3)], travelSeconds: 0, travelMeters: 0 },
    { technicianId: 'b', technicianName: 'B', stops: [stop(4)], travelSeconds: 0, travelMeters: 0 },
  ],
  unassigned: [{ workOrderNumber: 5, title: '#5', reason: 'no-room-in-schedule' }],
  summary: { assigned: 4, unassigned: 1, travelSeconds: 0, technicians: 2 },
};
const assignment = { routes: { a: [1, 2, 3], b: [4] }, unassigned: [5] };
const techs = ['a', 'b', 'c'];

describe('dispatch edits', () => {
  it('moves a job to a position, appends without one, and unassigns', () => {
    expect(applyEdits(assignment, [{ kind: 'move', workOrderNumber: 3, technicianId: 'b', position: 0 }]).assignment).toEqual({ routes: { a: [1, 2], b: [3, 4] }, unassigned: [5] });
    expect(applyEdits(assignment, [{ kind: 'move', workOrderNumber: 5, technicianId: 'c' }]).assignment).toEqual({ routes: { a: [1, 2, 3], b: [4], c: [5] }, unassigned: [] });
    expect(applyEdits(assignment, [{ kind: 'unassign', workOrderNumber: 2 }]).assignment).toEqual({ routes: { a: [1, 3], b: [4] }, unassigned: [2, 5] });
  });

  it('locks a job in place with its technician, or moves it to the end of the one it is locked to', () => {
    expect(applyEdits(assignment, [{ kind: 'lock', workOrderNumber: 2, technicianId: 'a' }])).toEqual({ assignment: { routes: { a: [1, 2, 3], b: [4] }, unassigned: [5] }, locks: { 2: 'a' } });
    const moved = applyEdits(assignment, [{ kind: 'lock', workOrderNumber: 2, technicianId: 'b' }], { 9: 'a' });
    expect(moved).toEqual({ assignment: { routes: { a: [1, 3], b: [4, 2] }, unassigned: [5] }, locks: { 2: 'b', 9: 'a' } });
    // Moving or unassigning a locked job elsewhere drops its lock.
    expect(applyEdits(moved.assignment, [{ kind: 'move', workOrderNumber: 2, technicianId: 'a' }], moved.locks).locks).toEqual({ 9: 'a' });
    expect(applyEdits(moved.assignment, [{ kind: 'unassign', workOrderNumber: 2 }], moved.locks).locks).toEqual({ 9: 'a' });
  });

  it('refuses unknown jobs and technicians, started jobs and positions past the end', () => {
    expect(editsProblem(proposal, techs, [{ kind: 'unassign', workOrderNumber: 42 }])).toMatch(/not in this proposal/);
    expect(editsProblem(proposal, techs, [{ kind: 'move', workOrderNumber: 2, technicianId: 'zz' }])).toMatch(/not available/);
    expect(editsProblem(proposal, techs, [{ kind: 'move', workOrderNumber: 1, technicianId: 'b' }])).toMatch(/has started/);
    expect(editsProblem(proposal, techs, [{ kind: 'move', workOrderNumber: 2, technicianId: 'b', position: 2 }])).toMatch(/between 0 and 1/);
    expect(editsProblem(proposal, techs, [{ kind: 'drop', workOrderNumber: 2 } as unknown as DispatchEdit])).toMatch(/kind/);
    expect(editsProblem(proposal, techs, [{ kind: 'move', workOrderNumber: 2, technicianId: 'b', position: 1 }, { kind: 'move', workOrderNumber: 3, technicianId: 'b', position: 2 }])).toBeNull();
  });

  it('keeps every job exactly once whatever valid edits are applied (property)', () => {
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('move' as const), workOrderNumber: fc.integer({ min: 2, max: 5 }), technicianId: fc.constantFrom(...techs) }),
      fc.record({ kind: fc.constant('lock' as const), workOrderNumber: fc.integer({ min: 2, max: 5 }), technicianId: fc.constantFrom(...techs) }),
      fc.record({ kind: fc.constant('unassign' as const), workOrderNumber: fc.integer({ min: 2, max: 5 }) }),
    );
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 12 }), (edits) => {
        expect(editsProblem(proposal, techs, edits)).toBeNull();
        const { assignment: after, locks } = applyEdits(assignment, edits);
        const all = [...Object.values(after.routes).flat(), ...after.unassigned].sort();
        expect(all).toEqual([1, 2, 3, 4, 5]);
        for (const [number, tech] of Object.entries(locks)) expect(after.routes[tech]).toContain(Number(number));
      }),
    );
  });
});
