import { ScheduleNotFoundError, type Client, type ScheduleHandle, type ScheduleSpec } from '@temporalio/client';
import type { ScheduleRecurrence } from '../domain/work-order/recurrence';
import { EntityType, OrgId } from '../workflows/search-attributes';
import { maintenanceRunWorkflow } from '../workflows/work-order';

/** A maintenance plan's Temporal Schedule as created: the recurrence and what it starts. */
export interface MaintenanceSchedule {
  orgId: string;
  planId: string;
  /** Shown in the Temporal UI. */
  name: string;
  paused: boolean;
  recurrence: ScheduleRecurrence;
}

/** `missing`: the plan's schedule is gone (deleted in Temporal behind Keel's back). */
export type ScheduleAnswer = { ok: true } | { ok: false; refusal: 'missing' };

export interface MaintenanceScheduleClient {
  /** The schedule id of a plan: named after the org and the plan, so the Temporal UI shows whose it is. */
  idOf(orgId: string, planId: string): string;
  /** Creates the plan's schedule under `idOf(orgId, planId)`; each run opens one work order for the plan. */
  create(schedule: MaintenanceSchedule): Promise<void>;
  /** The next (up to five) times the schedule starts a run; none when the schedule is missing. */
  nextRuns(scheduleId: string): Promise<string[]>;
  /** Gives the schedule a new recurrence (and its run limit, when it has one). */
  reschedule(scheduleId: string, recurrence: ScheduleRecurrence): Promise<ScheduleAnswer>;
  pause(scheduleId: string, note: string): Promise<ScheduleAnswer>;
  resume(scheduleId: string, note: string): Promise<ScheduleAnswer>;
  /** Deletes the schedule; the work orders it opened stay. A missing schedule is already deleted. */
  remove(scheduleId: string): Promise<void>;
}

/** A recurrence as a Temporal Schedule spec (intervals and calendars, in the plan's time zone). */
export function specOf(recurrence: ScheduleRecurrence): ScheduleSpec {
  return {
    intervals: recurrence.intervals.map((interval) => ({ every: interval.everySeconds * 1000, offset: interval.offsetSeconds * 1000 })),
    calendars: recurrence.calendars.map((calendar) => ({
      second: calendar.second,
      minute: calendar.minute,
      hour: calendar.hour,
      ...(calendar.dayOfMonth && { dayOfMonth: calendar.dayOfMonth }),
      ...(calendar.month && { month: calendar.month }),
      ...(calendar.dayOfWeek && { dayOfWeek: calendar.dayOfWeek }),
    })),
    ...(recurrence.startAt && { startAt: new Date(recurrence.startAt) }),
    ...(recurrence.endAt && { endAt: new Date(recurrence.endAt) }),
    timezone: recurrence.timezone,
  };
}

async function onSchedule(handle: ScheduleHandle, act: (handle: ScheduleHandle) => Promise<void>): Promise<ScheduleAnswer> {
  try {
    await act(handle);
    return { ok: true };
  } catch (error) {
    if (error instanceof ScheduleNotFoundError) return { ok: false, refusal: 'missing' };
    throw error;
  }
}

/** The only code that knows maintenance plans' schedule ids and what their runs start. */
export function maintenanceScheduleClient(deps: { temporal: Client; taskQueue: string }): MaintenanceScheduleClient {
  const schedules = deps.temporal.schedule;
  const idOf = (orgId: string, planId: string) => `${orgId}/pm/${planId}`;

  return {
    idOf,

    async create({ orgId, planId, name, paused, recurrence }) {
      const scheduleId = idOf(orgId, planId);
      await schedules.create({
        scheduleId,
        spec: specOf(recurrence),
        action: {
          type: 'startWorkflow',
          workflowType: maintenanceRunWorkflow,
          workflowId: `${scheduleId}/run`,
          taskQueue: deps.taskQueue,
          args: [{ orgId, planId }],
          typedSearchAttributes: [
            { key: OrgId, value: orgId },
            { key: EntityType, value: 'maintenance_run' },
          ],
        },
        state: {
          paused,
          note: `Maintenance plan "${name}"`,
          ...(recurrence.limitedActions !== null && { remainingActions: recurrence.limitedActions }),
        },
        typedSearchAttributes: [
          { key: OrgId, value: orgId },
          { key: EntityType, value: 'maintenance_plan' },
        ],
      });
    },

    async nextRuns(scheduleId) {
      try {
        const description = await schedules.getHandle(scheduleId).describe();
        return description.info.nextActionTimes.slice(0, 5).map((time) => time.toISOString());
      } catch (error) {
        if (error instanceof ScheduleNotFoundError) return [];
        throw error;
      }
    },

    reschedule: (scheduleId, recurrence) =>
      onSchedule(schedules.getHandle(scheduleId), (handle) =>
        handle.update((previous) => ({
          ...previous,
          spec: specOf(recurrence),
          state: { ...previous.state, ...(recurrence.limitedActions !== null && { remainingActions: recurrence.limitedActions }) },
        }))),

    pause: (scheduleId, note) => onSchedule(schedules.getHandle(scheduleId), (handle) => handle.pause(note)),
    resume: (scheduleId, note) => onSchedule(schedules.getHandle(scheduleId), (handle) => handle.unpause(note)),

    async remove(scheduleId) {
      await onSchedule(schedules.getHandle(scheduleId), (handle) => handle.delete());
    },
  };
}
