import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DispatchPlan, DispatchProposal } from '../api/types';
import { useDispatchStore } from './dispatch';
import { fakeFetch } from './fake-fetch';

const proposal = (stops: number[]): DispatchProposal => ({
  routes: [{ technicianId: 't1', stops: stops.map((n) => ({ workOrderNumber: n, title: `job ${n}`, eta: '2026-12-03T08:00:00Z', start: '2026-12-03T08:00:00Z', end: '2026-12-03T09:00:00Z', locked: false, started: false })) }],
  unassigned: [],
  summary: { assigned: stops.length, unassigned: 0, travelSeconds: 0, technicians: 1 },
} as unknown as DispatchProposal);
const plan = (status: DispatchPlan['status'], version = 1): DispatchPlan => ({
  id: 'p1', date: '2026-12-03', region: 'default', status, version, trigger: 'initial', proposal: proposal([1, 2]), committed: null, committedVersion: 0,
  changes: [], locks: {}, technicianIds: ['t1'], sites: {}, homes: {}, escalated: false, approvedBy: null, autoApproved: false,
} as unknown as DispatchPlan);
const problem = (status: number, type: string, extra: object = {}) => ({ status, body: { type: `https://keel.dev/problems/${type}`, title: type, status, ...extra } });

describe('the dispatch store', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => vi.unstubAllGlobals());

  it('reads a day without a plan as none, and asks for the plan by its opaque id', async () => {
    const store = useDispatchStore();
    const calls = fakeFetch(problem(404, 'not-found'));
    await store.load('2026-12-03');
    expect(store.plan).toBeNull();
    expect(calls[0]!.url).toBe(`/api/v1/dispatch/plans/${btoa('2026-12-03/default').replace(/=+$/, '')}`);
  });

  it('shows the server-checked edited proposal, and drops an edit the server refuses', async () => {
    const store = useDispatchStore();
    store.plan = plan('proposed');
    const calls = fakeFetch(
      { status: 200, body: { proposal: proposal([2, 1]), violations: [] } },
      problem(422, 'invalid-edits'),
    );
    await store.edit({ kind: 'move', workOrderNumber: 1, technicianId: 't1', position: 1 });
    expect(store.shown?.routes[0]!.stops.map((s) => s.workOrderNumber)).toEqual([2, 1]);
    await expect(store.edit({ kind: 'unassign', workOrderNumber: 9 })).rejects.toThrow('invalid-edits');
    expect(store.edits).toEqual([{ kind: 'move', workOrderNumber: 1, technicianId: 't1', position: 1 }]);
    expect(calls[1]!.body).toEqual({ edits: [{ kind: 'move', workOrderNumber: 1, technicianId: 't1', position: 1 }, { kind: 'unassign', workOrderNumber: 9 }] });
  });

  it('approves the version shown with the pending edits, or lists the violations that stop it', async () => {
    const store = useDispatchStore();
    store.plan = plan('proposed', 3);
    store.edits = [{ kind: 'lock', workOrderNumber: 2, technicianId: 't1' }];
    const violation = { workOrderNumber: 2, technicianId: 't1', kind: 'shift-end', message: 'ends after the shift' };
    const calls = fakeFetch(problem(422, 'dispatch-violations', { violations: [violation] }), { status: 200, body: plan('committing', 3) });
    expect(await store.approve()).toBe(false);
    expect(store.violations).toEqual([violation]);
    expect(store.plan?.status).toBe('proposed');
    expect(await store.approve()).toBe(true);
    expect(calls.map((c) => c.body)).toEqual([{ version: 3, edits: [{ kind: 'lock', workOrderNumber: 2, technicianId: 't1' }] }, { version: 3, edits: [{ kind: 'lock', workOrderNumber: 2, technicianId: 't1' }] }]);
    expect(store.plan?.status).toBe('committing');
    expect(store.edits).toEqual([]);
    expect(store.violations).toEqual([]);
    expect(store.busy).toBe(false);
  });

  it('reads a planning plan once: the board re-reads it when the plan’s events arrive, not on a timer', async () => {
    vi.useFakeTimers();
    try {
      const store = useDispatchStore();
      const calls = fakeFetch({ status: 200, body: plan('planning') }, { status: 200, body: plan('proposed') });
      await store.load('2026-12-03');
      expect(store.plan?.status).toBe('planning');
      await vi.advanceTimersByTimeAsync(5000);
      expect(calls).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
