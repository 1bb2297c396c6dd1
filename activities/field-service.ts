import type { Db } from '../db/connection';
import { createWorkOrderRecordActivities } from './work-order-records';
import { createWorkOrderReportActivities, reportMailerFromEnv } from './work-order-report';

/**
 * Every field-service activity the core worker runs: work-order records, maintenance runs,
 * service reports. Reports are mailed when `KEEL_REPORT_SMTP_URL` is set; the rating link
 * points at `KEEL_PUBLIC_URL` (default http://localhost:3000).
 */
export function createFieldServiceActivities(db: Db, env: NodeJS.ProcessEnv = process.env) {
  return {
    ...createWorkOrderRecordActivities(db),
    ...createWorkOrderReportActivities(db, { mailer: reportMailerFromEnv(env), publicUrl: env.KEEL_PUBLIC_URL ?? 'http://localhost:3000' }),
  };
}
