import { defineStore } from 'pinia';
import { ref } from 'vue';
import { http, ok } from '../api/client';
import type { BusinessCalendar, PolicyPreview, RequestBody, SlaPolicy } from '../api/types';
import { writeThenReload } from './write-then-reload';

export type CalendarDraft = Omit<BusinessCalendar, 'id'>;
export type PolicyDraft = Omit<SlaPolicy, 'id'>;
export type PolicySample = RequestBody<'previewSlaPolicy'>['ticket'];

/** Calendars and SLA policies, as the admin settings pages edit them. */
export const useSlaSettingsStore = defineStore('sla-settings', () => {
  const calendars = ref<BusinessCalendar[]>([]);
  const policies = ref<SlaPolicy[]>([]);

  async function loadCalendars(): Promise<void> {
    calendars.value = (await ok(http.GET('/api/v1/calendars'))).data;
  }
  async function loadPolicies(): Promise<void> {
    // The API describes a policy loosely (its stored fields passed through): they are the body's.
    policies.value = (await ok(http.GET('/api/v1/sla-policies'))).data as unknown as SlaPolicy[];
  }

  const saveCalendar = (id: string | null, draft: CalendarDraft): Promise<BusinessCalendar> =>
    writeThenReload(ok(id ? http.PUT('/api/v1/calendars/{id}', { params: { path: { id } }, body: draft }) : http.POST('/api/v1/calendars', { body: draft })), loadCalendars);
  const deleteCalendar = (id: string): Promise<void> => writeThenReload(ok(http.DELETE('/api/v1/calendars/{id}', { params: { path: { id } } })), loadCalendars);

  const savePolicy = async (id: string | null, draft: PolicyDraft): Promise<SlaPolicy> =>
    (await writeThenReload(ok(id ? http.PUT('/api/v1/sla-policies/{id}', { params: { path: { id } }, body: draft }) : http.POST('/api/v1/sla-policies', { body: draft })), loadPolicies)) as unknown as SlaPolicy;
  const deletePolicy = (id: string): Promise<void> => writeThenReload(ok(http.DELETE('/api/v1/sla-policies/{id}', { params: { path: { id } } })), loadPolicies);
  /** Moves a policy one place earlier or later in the order policies are tried. */
  async function movePolicy(id: string, by: -1 | 1): Promise<void> {
    const ordered = [...policies.value];
    const from = ordered.findIndex((policy) => policy.id === id);
    const to = from + by;
    const [moved] = ordered.splice(from, 1);
    if (!moved || to < 0 || to > ordered.length) return;
    ordered.splice(to, 0, moved);
    for (const [position, policy] of ordered.entries()) {
      if (policy.position !== position) {
        const { id: policyId, ...rest } = policy;
        await ok(http.PUT('/api/v1/sla-policies/{id}', { params: { path: { id: policyId } }, body: { ...rest, position } }));
      }
    }
    await loadPolicies();
  }

  /** When a sample ticket would be due under a draft policy (nothing is saved). */
  const previewPolicy = (input: RequestBody<'previewSlaPolicy'>): Promise<PolicyPreview> => ok(http.POST('/api/v1/sla-policies/preview', { body: input }));

  return { previewPolicy, calendars, policies, loadCalendars, loadPolicies, saveCalendar, deleteCalendar, savePolicy, deletePolicy, movePolicy };
});
