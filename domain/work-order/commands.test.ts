import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canTransition, decide, initialWorkOrderState, type WorkOrderCommand } from './commands';
import type { WorkOrderState } from './state';
import { WORK_ORDER_STATUSES, type WorkOrderStatus } from './status';

const org = '00000000-0000-0000-0000-000000000001';
const tech = '00000000-0000-0000-0000-0000000000aa';
const item = '00000000-0000-0000-0000-0000000000bb';
const van = '00000000-0000-0000-0000-0000000000cc';
const at = '2026-11-27T10:00:00.000Z';

const base = initialWorkOrderState({
  orgId: org, number: 3, title: 'Boiler service', priority: 'normal', source: 'direct', ticketNumber: null, assetId: null,
  checklist: ['Check pressure', 'Bleed radiators'],
});

function apply(state: WorkOrderState, command: WorkOrderCommand, when = at) {
  const result = decide(state, command, when);
  if (!result.ok) throw new Error(`rejected: ${result.rejection.message}`);
  return result.decision;
}

function run(commands: WorkOrderCommand[], start = base): WorkOrderState {
  return commands.reduce((state, command) => apply(state, command).state, start);
}

const schedule: WorkOrderCommand = { kind: 'schedule', actorId: null, technicianId: tech, windowStart: '2026-11-27T09:00:00Z', windowEnd: '2026-11-27T11:00:00Z' };
const to = (status: WorkOrderStatus, reason?: string): WorkOrderCommand => ({ kind: 'transition', actorId: null, to: status, ...(reason && { reason }) });
const onSite = () => run([schedule, to('dispatched'), to('en_route'), to('on_site')]);

describe('work-order lifecycle', () => {
  it('walks created → scheduled → dispatched → en_route → on_site → completed → signed_off', () => {
    let state = onSite();
    expect(state).toMatchObject({ status: 'on_site', technicianId: tech, arrivedAt: at, version: 5 });
    state = run([
      { kind: 'checkItem', actorId: tech, itemId: 'c1', done: true },
      { kind: 'checkItem', actorId: tech, itemId: 'c2', done: true, note: 'all fine' },
      { kind: 'sign', actorId: tech, attachmentId: 'sig-1', signerName: 'Casey' },
    ], state);
    const completed = apply(state, to('completed'), '2026-11-27T11:30:00.000Z');
    expect(completed.events.map((event) => event.type)).toEqual(['status_changed', 'completed']);
    expect(completed.state).toMatchObject({ status: 'completed', timeOnSiteSeconds: 5400 });
    expect(apply(completed.state, to('signed_off')).state.status).toBe('signed_off');
  });

  it('refuses completion with an open checklist item or without a signature', () => {
    const state = onSite();
    expect(decide(state, to('completed'), at)).toMatchObject({ ok: false, rejection: { code: 'checklist_incomplete' } });
    const checked = run([
      { kind: 'checkItem', actorId: tech, itemId: 'c1', done: true },
      { kind: 'checkItem', actorId: tech, itemId: 'c2', done: true },
    ], state);
    expect(decide(checked, to('completed'), at)).toMatchObject({ ok: false, rejection: { code: 'signature_required' } });
    const waived = apply(checked, { kind: 'waiveSignature', actorId: tech, reason: 'Customer not at home' }).state;
    expect(apply(waived, to('completed')).state.status).toBe('completed');
  });

  it('refuses skipped steps, dispatch without a technician, and any change after sign-off or cancellation', () => {
    expect(decide(base, to('dispatched'), at)).toMatchObject({ ok: false, rejection: { code: 'invalid_transition' } });
    expect(decide(base, to('scheduled'), at)).toMatchObject({ ok: false, rejection: { code: 'invalid_transition' } });
    expect(decide(run([schedule]), to('on_site'), at)).toMatchObject({ ok: false });
    const cancelled = run([to('cancelled', 'duplicate')]);
    expect(decide(cancelled, schedule, at)).toMatchObject({ ok: false, rejection: { code: 'work_order_closed' } });
    expect(decide(cancelled, { kind: 'addNote', actorId: null, noteId: 'n', body: 'late' }, at)).toMatchObject({ ok: false, rejection: { code: 'work_order_closed' } });
  });

  it('holds with a reason and resumes to the status it was held from', () => {
    const dispatched = run([schedule, to('dispatched')]);
    expect(decide(dispatched, to('on_hold'), at)).toMatchObject({ ok: false, rejection: { code: 'invalid_command' } });
    const held = apply(dispatched, to('on_hold', 'waiting for parts')).state;
    expect(held).toMatchObject({ status: 'on_hold', heldFrom: 'dispatched' });
    expect(decide(held, to('en_route'), at)).toMatchObject({ ok: false });
    expect(apply(held, to('dispatched')).state).toMatchObject({ status: 'dispatched', heldFrom: null });
  });

  it('records a part line once: the same line again is a no-op, a conflicting one is refused', () => {
    const state = onSite();
    const use: WorkOrderCommand = { kind: 'useParts', actorId: tech, lineId: 'l1', itemId: item, locationId: van, quantity: 2 };
    const once = apply(state, use);
    expect(once.events).toEqual([{ type: 'parts_used', data: { lineId: 'l1', itemId: item, locationId: van, quantity: 2 } }]);
    const again = apply(once.state, use);
    expect(again.events).toEqual([]);
    expect(again.state.version).toBe(once.state.version);
    expect(decide(once.state, { ...use, quantity: 3 }, at)).toMatchObject({ ok: false, rejection: { code: 'invalid_command' } });
    expect(decide(run([schedule]), use, at)).toMatchObject({ ok: false });
  });

  it('accepts exactly the transitions the lifecycle lists (property)', () => {
    const status = fc.constantFrom(...WORK_ORDER_STATUSES);
    fc.assert(
      fc.property(status, status, fc.constantFrom<WorkOrderStatus | null>(null, 'created', 'scheduled', 'dispatched', 'en_route', 'on_site'), (from, target, heldFrom) => {
        // A state in which completion's conditions hold, so only the lifecycle decides.
        const state: WorkOrderState = {
          ...base, status: from, heldFrom: from === 'on_hold' ? heldFrom : null, technicianId: tech,
          checklist: base.checklist.map((entry) => ({ ...entry, done: true })), signature: { attachmentId: 's', signerName: 'C' },
        };
        const result = decide(state, { kind: 'transition', actorId: null, to: target, reason: 'because' }, at);
        const final = from === 'signed_off' || from === 'cancelled';
        const expected = final ? false : from === target ? true : canTransition(state, target);
        expect(result.ok).toBe(expected);
        if (result.ok && from !== target) expect(result.decision.state.status).toBe(target);
      }),
    );
  });

  it('any sequence of commands keeps the invariants: versions step by one, completion only when done (property)', () => {
    const command = fc.oneof(
      fc.constant(schedule),
      fc.constantFrom(...WORK_ORDER_STATUSES).map((status) => to(status, 'r')),
      fc.constantFrom('c1', 'c2').chain((itemId) => fc.boolean().map((done): WorkOrderCommand => ({ kind: 'checkItem', actorId: tech, itemId, done }))),
      fc.constantFrom('l1', 'l2').map((lineId): WorkOrderCommand => ({ kind: 'useParts', actorId: tech, lineId, itemId: item, locationId: van, quantity: 1 })),
      fc.constant<WorkOrderCommand>({ kind: 'sign', actorId: tech, attachmentId: 'sig', signerName: 'Casey' }),
      fc.constant<WorkOrderCommand>({ kind: 'waiveSignature', actorId: tech, reason: 'absent' }),
    );
    fc.assert(
      fc.property(fc.array(command, { maxLength: 40 }), (commands) => {
        let state = base;
        for (const next of commands) {
          const result = decide(state, next, at);
          if (!result.ok) continue;
          const { events, state: after } = result.decision;
          expect(after.version).toBe(state.version + (events.length > 0 ? 1 : 0));
          if (after.status === 'completed' && state.status !== 'completed') {
            expect(after.checklist.every((entry) => entry.done)).toBe(true);
            expect(after.signature !== null || after.signatureWaived !== null).toBe(true);
          }
          expect(new Set(after.parts.map((line) => line.lineId)).size).toBe(after.parts.length);
          state = after;
        }
      }),
    );
  });
});

describe('unscheduling', () => {
  const unschedule: WorkOrderCommand = { kind: 'unschedule', actorId: null, reason: 'Left out of the plan' };

  it('takes the technician and window off a scheduled or dispatched job, back to created', () => {
    for (const start of [run([schedule]), run([schedule, to('dispatched')])]) {
      const { events, state } = apply(start, unschedule);
      expect(events).toEqual([
        { type: 'unscheduled', data: { previous: { technicianId: tech, windowStart: '2026-11-27T09:00:00Z', windowEnd: '2026-11-27T11:00:00Z' }, reason: 'Left out of the plan' } },
        { type: 'status_changed', data: { from: start.status, to: 'created', reason: 'Left out of the plan' } },
      ]);
      expect(state).toMatchObject({ status: 'created', technicianId: null, windowStart: null, windowEnd: null, etaAt: null });
      // And it can be planned again.
      expect(apply(state, schedule).state.status).toBe('scheduled');
    }
  });

  it('accepts an unscheduled job with no change, and refuses a job under way', () => {
    expect(apply(base, unschedule).events).toEqual([]);
    expect(decide(onSite(), unschedule, at)).toMatchObject({ ok: false, rejection: { code: 'invalid_transition' } });
    expect(decide(run([schedule, to('dispatched'), to('en_route')]), unschedule, at)).toMatchObject({ ok: false });
  });
});
