import { ScheduleAlreadyRunning, ScheduleNotFoundError, type Client, type ScheduleOptionsAction } from '@temporalio/client';
import { scheduleSpecOf, type Cadence, type ScheduledReportOutcome } from '../domain/metrics/report-schedule';
import { scheduledReportWorkflow } from '../workflows/scheduled-report';
import { EntityType, OrgId } from '../workflows/search-attributes';

/** A scheduled report's Temporal Schedule as Keel keeps it: the cadence in the schedule's zone. */
export interface ReportScheduleSpec {
  orgId: string;
  /** The row's id: the Temporal Schedule's id is derived from it. */
  id: string;
  name: string;
  cadence: Cadence;
  timeZone: string;
  paused: boolean;
}

export interface ReportScheduleClient {
  /** `{orgId}/report/{id}`: one Temporal Schedule per row, so creating twice makes one. */
  idOf(orgId: string, id: string): string;
  /** Creates the row's schedule, or (already there: a retried create) brings it to `spec`. */
  create(spec: ReportScheduleSpec): Promise<void>;
  /** Gives the schedule a new cadence, zone or name (a missing schedule is created). */
  update(spec: ReportScheduleSpec): Promise<void>;
  setPaused(orgId: string, id: string, paused: boolean, note: string): Promise<void>;
  /** Deletes the schedule; a missing one is already deleted. */
  remove(orgId: string, id: string): Promise<void>;
  /** The next (up to three) mailing times; none when paused or missing. */
  nextRuns(orgId: string, id: string): Promise<string[]>;
  /** Mails the report now (outside the cadence) and answers once the run is done. */
  sendNow(orgId: string, id: string): Promise<ScheduledReportOutcome>;
}

/** The only code that knows scheduled reports' schedule and workflow ids. */
export function reportScheduleClient(deps: { temporal: Client; taskQueue: string }): ReportScheduleClient {
  const schedules = deps.temporal.schedule;
  const idOf = (orgId: string, id: string) => `${orgId}/report/${id}`;
  const attributes = (orgId: string, type: string) => [{ key: OrgId, value: orgId }, { key: EntityType, value: type }];
  const action = (orgId: string, id: string): ScheduleOptionsAction => ({
    type: 'startWorkflow',
    workflowType: scheduledReportWorkflow,
    workflowId: `${idOf(orgId, id)}/run`,
    taskQueue: deps.taskQueue,
    args: [{ orgId, reportScheduleId: id }],
    typedSearchAttributes: attributes(orgId, 'report_run'),
  });

  async function update(spec: ReportScheduleSpec): Promise<void> {
    try {
      await schedules.getHandle(idOf(spec.orgId, spec.id)).update((previous) => ({
        ...previous,
        spec: scheduleSpecOf(spec.cadence, spec.timeZone),
        action: action(spec.orgId, spec.id),
        state: { ...previous.state, paused: spec.paused, note: `Scheduled report "${spec.name}"` },
      }));
    } catch (error) {
      if (!(error instanceof ScheduleNotFoundError)) throw error;
      await create(spec);
    }
  }

  async function create(spec: ReportScheduleSpec): Promise<void> {
    try {
      await schedules.create({
        scheduleId: idOf(spec.orgId, spec.id),
        spec: scheduleSpecOf(spec.cadence, spec.timeZone),
        action: action(spec.orgId, spec.id),
        // One mailing at a time; a run missed while the cluster was down is not sent late.
        policies: { overlap: 'SKIP', catchupWindow: '1 minute' },
        state: { paused: spec.paused, note: `Scheduled report "${spec.name}"` },
        typedSearchAttributes: attributes(spec.orgId, 'report_schedule'),
      });
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      await update(spec);
    }
  }

  return {
    idOf,
    create,
    update,

    async setPaused(orgId, id, paused, note) {
      const handle = schedules.getHandle(idOf(orgId, id));
      await (paused ? handle.pause(note) : handle.unpause(note));
    },

    async remove(orgId, id) {
      try {
        await schedules.getHandle(idOf(orgId, id)).delete();
      } catch (error) {
        if (!(error instanceof ScheduleNotFoundError)) throw error;
      }
    },

    async nextRuns(orgId, id) {
      try {
        const description = await schedules.getHandle(idOf(orgId, id)).describe();
        return description.state.paused ? [] : description.info.nextActionTimes.slice(0, 3).map((time) => time.toISOString());
      } catch (error) {
        if (error instanceof ScheduleNotFoundError) return [];
        throw error;
      }
    },

    sendNow: (orgId, id) =>
      deps.temporal.workflow.execute(scheduledReportWorkflow, {
        workflowId: `${idOf(orgId, id)}/now/${crypto.randomUUID()}`,
        taskQueue: deps.taskQueue,
        args: [{ orgId, reportScheduleId: id }],
        typedSearchAttributes: attributes(orgId, 'report_run'),
      }),
  };
}
