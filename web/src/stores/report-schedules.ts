import { defineStore } from 'pinia';
import { ref } from 'vue';
import { http, ok } from '../api/client';
import type { components } from '../api/schema';
import { writeThenReload } from './write-then-reload';

export type ReportSchedule = components['schemas']['ReportSchedule'];
export type ReportScheduleInput = components['schemas']['ReportScheduleInput'];
export type ReportRun = components['schemas']['ReportRun'];

/** The org's scheduled reports (every reader sees them; owners and admins change them). */
export const useReportSchedulesStore = defineStore('report-schedules', () => {
  const schedules = ref<ReportSchedule[]>([]);
  const path = (id: string) => ({ params: { path: { id } } });

  async function load(): Promise<void> {
    schedules.value = (await ok(http.GET('/api/v1/reports/schedules'))).data;
  }
  /** Creates a schedule (no id) or changes a saved one; answers it as the server has it. */
  function save(id: string | null, input: ReportScheduleInput): Promise<ReportSchedule> {
    if (id === null) return writeThenReload(ok(http.POST('/api/v1/reports/schedules', { body: input })), load);
    const { paused: _paused, ...changes } = input;
    return writeThenReload(ok(http.PATCH('/api/v1/reports/schedules/{id}', { ...path(id), body: changes })), load);
  }
  const setPaused = (id: string, paused: boolean) =>
    writeThenReload(ok(paused ? http.POST('/api/v1/reports/schedules/{id}/pause', path(id)) : http.POST('/api/v1/reports/schedules/{id}/resume', path(id))), load);
  /** Mails the report now; answers what was mailed (or why nothing was). */
  const sendNow = (id: string): Promise<ReportRun> => writeThenReload(ok(http.POST('/api/v1/reports/schedules/{id}/send', path(id))), load);
  const remove = (id: string): Promise<void> => writeThenReload(ok(http.DELETE('/api/v1/reports/schedules/{id}', path(id))), load);

  return { schedules, load, save, setPaused, sendNow, remove };
});
