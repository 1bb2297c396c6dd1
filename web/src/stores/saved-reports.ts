import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { http, ok } from '../api/client';
import type { components } from '../api/schema';

export type SavedReport = components['schemas']['SavedReport'];
export type SavedReportInput = components['schemas']['SavedReportInput'];

/** The org's shared reports and the member's own, and the custom dashboard's order of them. */
export const useSavedReportsStore = defineStore('saved-reports', () => {
  const reports = ref<SavedReport[]>([]);

  async function load(): Promise<void> {
    reports.value = (await ok(http.GET('/api/v1/reports/saved'))).data;
  }
  async function save(input: SavedReportInput): Promise<SavedReport> {
    const saved = await ok(http.POST('/api/v1/reports/saved', { body: input }));
    await load();
    return saved;
  }
  async function remove(id: string): Promise<void> {
    await ok(http.DELETE('/api/v1/reports/saved/{id}', { params: { path: { id } } }));
    await load();
  }
  /** Puts these reports on the dashboard in this order; the rest leave it. */
  async function arrange(reportIds: string[]): Promise<void> {
    reports.value = (await ok(http.PUT('/api/v1/reports/dashboard', { body: { reportIds } }))).data;
  }
  const onDashboard = computed(() => reports.value.filter((r) => r.dashboardPosition !== null).sort((a, b) => a.dashboardPosition! - b.dashboardPosition!));

  return { reports, onDashboard, load, save, remove, arrange };
});
