import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../api/client';
import type { BusinessCalendar, SlaPolicy } from '../api/types';

export type CalendarDraft = Omit<BusinessCalendar, 'id'>;
export type PolicyDraft = Omit<SlaPolicy, 'id'>;

/** Calendars and SLA policies, as the admin settings pages edit them. */
export const useSlaSettingsStore = defineStore('sla-settings', () => {
  const calendars = ref<BusinessCalendar[]>([]);
  const policies = ref<SlaPolicy[]>([]);

  async function loadCalendars(): Promise<void> {
    calendars.value = (await api<{ data: BusinessCalendar[] }>('GET', '/calendars')).data;
  }
  async function loadPolicies(): Promise<void> {
    policies.value = (await api<{ data: SlaPolicy[] }>('GET', '/sla-policies')).data;
  }

  async function saveCalendar(id: string | null, draft: CalendarDraft): Promise<BusinessCalendar> {
    const saved = await api<BusinessCalendar>(id ? 'PUT' : 'POST', id ? `/calendars/${id}` : '/calendars', draft);
    await loadCalendars();
    return saved;
  }
  async function deleteCalendar(id: string): Promise<void> {
    await api('DELETE', `/calendars/${id}`);
    await loadCalendars();
  }

  async function savePolicy(id: string | null, draft: PolicyDraft): Promise<SlaPolicy> {
    const saved = await api<SlaPolicy>(id ? 'PUT' : 'POST', id ? `/sla-policies/${id}` : '/sla-policies', draft);
    await loadPolicies();
    return saved;
  }
  async function deletePolicy(id: string): Promise<void> {
    await api('DELETE', `/sla-policies/${id}`);
    await loadPolicies();
  }
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
        await api('PUT', `/sla-policies/${policyId}`, { ...rest, position });
      }
    }
    await loadPolicies();
  }

  return { calendars, policies, loadCalendars, loadPolicies, saveCalendar, deleteCalendar, savePolicy, deletePolicy, movePolicy };
});
