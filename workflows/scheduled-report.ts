import { proxyActivities } from '@temporalio/workflow';
import type { ScheduledReportActivities } from '../activities/scheduled-report';
import type { ScheduledReportOutcome } from '../domain/metrics/report-schedule';

// Querying, rendering and mailing a report: seconds, minutes for a large XLSX. A few spaced
// retries ride out an SMTP relay or Postgres restart; a report that is gone is not retried.
const { sendScheduledReport } = proxyActivities<ScheduledReportActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '30 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 5, nonRetryableErrorTypes: ['ReportScheduleGone'] },
});

/**
 * One mailing of a scheduled report: started by the report's Temporal Schedule, or at once by
 * "send now". The range is taken from the run's start (the workflow clock), so a retried
 * activity mails the same days.
 */
export async function scheduledReportWorkflow(input: { orgId: string; reportScheduleId: string }): Promise<ScheduledReportOutcome> {
  return sendScheduledReport({ orgId: input.orgId, reportScheduleId: input.reportScheduleId, runAt: new Date().toISOString() });
}
