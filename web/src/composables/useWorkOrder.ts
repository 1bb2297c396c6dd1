import { ref } from 'vue';
import { http, ok } from '../api/client';
import type { WorkOrder, WorkOrderStatus, WorkOrderTimelineEvent } from '../api/types';

/** One work order and its timeline, with the commands a dispatcher sends and its service report. */
export function useWorkOrder(number: () => number) {
  const job = ref<WorkOrder | null>(null);
  const timeline = ref<WorkOrderTimelineEvent[]>([]);
  const path = () => ({ path: { number: number() } });

  async function load(): Promise<void> {
    job.value = await ok(http.GET('/api/v1/work-orders/{number}', { params: path() }));
    timeline.value = (await ok(http.GET('/api/v1/work-orders/{number}/timeline', { params: { ...path(), query: { limit: 200 } } }))).data;
  }

  /** Sends a command; on success the work order and its timeline show the server's truth. */
  async function command(send: () => Promise<WorkOrder>): Promise<void> {
    job.value = await send();
    await load();
  }

  return {
    job, timeline, load,
    /** Commits the slot; `override` past the reasons the check gave (an overtime visit, say). */
    schedule: (technicianId: string, windowStart: string, windowEnd: string, override = false) =>
      command(() => ok(http.POST('/api/v1/work-orders/{number}/schedule', { params: path(), body: { technicianId, windowStart, windowEnd, override } }))),
    unschedule: () => command(() => ok(http.POST('/api/v1/work-orders/{number}/unschedule', { params: path(), body: {} }))),
    /** Why the technician could not take the slot (skills, shifts, time off, other visits); commits nothing. */
    checkSlot: (technicianId: string, windowStart: string, windowEnd: string) =>
      ok(http.POST('/api/v1/work-orders/{number}/schedule/check', { params: path(), body: { technicianId, windowStart, windowEnd } })),
    move: (status: WorkOrderStatus, reason?: string) =>
      command(() => ok(http.POST('/api/v1/work-orders/{number}/transitions', { params: path(), body: { status, ...(reason && { reason }) } }))),
    waiveSignature: (reason: string) => command(() => ok(http.POST('/api/v1/work-orders/{number}/signature-waiver', { params: path(), body: { reason } }))),
    /** The service report (PDF), fetched with the session's token. */
    report: (): Promise<Blob> => ok(http.GET('/api/v1/work-orders/{number}/report.pdf', { params: path(), parseAs: 'blob' })),
  };
}
