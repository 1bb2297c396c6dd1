import type { Db } from '../db/connection';
import { withTenant } from '../db/tenant';
import { loadReportData } from './work-order-report/report-data';
import { reportMessage, type ReportMailer } from './work-order-report/report-mail';
import { renderServiceReport } from './work-order-report/report-pdf';
import { reportStore } from './work-order-report/report-store';
import { summariseReport } from './work-order-report/report-summary';

export type { ReportMailer, ReportMessage } from './work-order-report/report-mail';
export { reportMailerFromEnv } from './work-order-report/report-mail';

export interface ReportOptions {
  mailer: ReportMailer | null;
  /** Base URL of the console, for the rating link in the mail. */
  publicUrl: string;
}

export interface ServiceReportResult {
  mailedTo: string | null;
  /** A few lines for the linked ticket's internal note. */
  summary: string;
}

/**
 * After sign-off: renders the service report PDF (`report-pdf.ts`) from the work order's
 * data (`report-data.ts`), stores it with a rating token (`report-store.ts`), and mails it
 * to the customer when a mailer is configured (`report-mail.ts`).
 * Idempotent: a stored report is not rendered or mailed again.
 */
export function createWorkOrderReportActivities(db: Db, options: ReportOptions) {
  return {
    async produceServiceReport({ orgId, number }: { orgId: string; number: number }): Promise<ServiceReportResult> {
      const data = await withTenant(db, { orgId }, (trx) => loadReportData(trx, orgId, number));
      const summary = summariseReport(data);
      const store = reportStore(db, orgId, number);
      const existing = await store.find();
      if (existing) return { mailedTo: existing.mailedTo, summary };
      const pdf = await renderServiceReport(data);
      const stored = await store.store(pdf);
      const customerEmail = data.customerEmail;
      if (!options.mailer || !customerEmail || stored.mailedTo) return { mailedTo: stored.mailedTo, summary };
      const ratingUrl = `${options.publicUrl.replace(/\/$/, '')}/rate/${orgId}/${number}/${stored.ratingToken}`;
      await options.mailer.send(reportMessage({ ...data, customerEmail }, summary, pdf, ratingUrl));
      await store.markMailed(customerEmail);
      return { mailedTo: customerEmail, summary };
    },
  };
}

export type WorkOrderReportActivities = ReturnType<typeof createWorkOrderReportActivities>;
