import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { planIdOf } from '../../../domain/dispatch/plan-id';
import { ApiError, http, ok } from '../api/client';
import type { DispatchEdit, DispatchPlan, DispatchProposal, Violation } from '../api/types';

/**
 * The dispatch board's plan for one day and the dispatcher's pending edits. Edits are checked
 * by the server as they are made (times and violations of the edited routes); approving sends
 * them with the proposal's version, so a newer proposal is never approved unseen.
 */
export const useDispatchStore = defineStore('dispatch', () => {
  const plan = ref<DispatchPlan | null>(null);
  const edits = ref<DispatchEdit[]>([]);
  /** The proposal with the pending edits applied (re-checked by the server), or null without edits. */
  const edited = ref<DispatchProposal | null>(null);
  const violations = ref<Violation[]>([]);
  const busy = ref(false);
  const shown = computed<DispatchProposal | null>(() => edited.value ?? plan.value?.proposal ?? null);
  /**
   * The day's plan (none yet: null). The board reads it again when the plan's or a work
   * order's events arrive (the optimizer proposing, the commit done), so nothing polls.
   */
  async function load(date: string): Promise<void> {
    try {
      plan.value = await ok(http.GET('/api/v1/dispatch/plans/{id}', { params: { path: { id: planIdOf(date, 'default') } } }));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) plan.value = null;
      else throw error;
    }
  }

  function resetEdits(): void {
    edits.value = [];
    edited.value = null;
    violations.value = [];
  }

  /** Runs the optimizer for the day, dropping the pending edits. */
  async function optimize(date: string): Promise<void> {
    await whileBusy(async () => {
      plan.value = await ok(http.POST('/api/v1/dispatch/plans', { body: { date, timeLimitSeconds: 2 } }));
      resetEdits();
      await load(date);
    });
  }

  /** Adds an edit and has the server re-walk the edited routes; an edit it refuses is dropped again. */
  async function edit(change: DispatchEdit): Promise<void> {
    edits.value.push(change);
    await recheck();
  }

  async function recheck(): Promise<void> {
    if (!plan.value || edits.value.length === 0) return resetEdits();
    try {
      // The check's answer is not described by the API: it is the edited proposal and its violations.
      const result = (await ok(http.POST('/api/v1/dispatch/plans/{id}/check', { params: { path: { id: plan.value.id } }, body: { edits: edits.value } }))) as unknown as { proposal: DispatchProposal; violations: Violation[] };
      edited.value = result.proposal;
      violations.value = result.violations;
    } catch (error) {
      edits.value.pop();
      throw error;
    }
  }

  /** Approves the proposal with the pending edits: false (violations shown) if they break constraints. */
  async function approve(): Promise<boolean> {
    const current = plan.value;
    if (!current) return false;
    return whileBusy(async () => {
      try {
        plan.value = await ok(http.POST('/api/v1/dispatch/plans/{id}/approve', { params: { path: { id: current.id } }, body: { version: current.version, edits: edits.value } }));
        resetEdits();
        return true;
      } catch (error) {
        if (!(error instanceof ApiError && error.kind === 'dispatch-violations')) throw error;
        violations.value = (error.problem.violations as Violation[] | undefined) ?? [];
        return false;
      }
    });
  }

  /** Sends the proposal back for a new one. */
  async function reject(): Promise<void> {
    const current = plan.value;
    if (!current) return;
    await whileBusy(async () => {
      resetEdits();
      plan.value = await ok(http.POST('/api/v1/dispatch/plans/{id}/reject', { params: { path: { id: current.id } }, body: {} }));
    });
  }

  async function whileBusy<T>(work: () => Promise<T>): Promise<T> {
    busy.value = true;
    try {
      return await work();
    } finally {
      busy.value = false;
    }
  }

  return { plan, edits, edited, violations, busy, shown, load, resetEdits, optimize, edit, approve, reject };
});
