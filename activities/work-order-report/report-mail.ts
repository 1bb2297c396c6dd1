import nodemailer from 'nodemailer';
import type { ReportData } from './report-data';

/** An outgoing message with the report attached. */
export interface ReportMessage {
  to: string;
  subject: string;
  text: string;
  attachments: { filename: string; content: Buffer; contentType: string }[];
}

/**
 * How service reports reach customers. Kept this small on purpose: the email channel
 * (mailboxes, threading, templates) is its own module; anything that can send one message
 * with an attachment fits here.
 */
export interface ReportMailer {
  send(message: ReportMessage): Promise<void>;
}

/**
 * The mailer configured by the environment: `KEEL_REPORT_SMTP_URL` (a nodemailer SMTP URL,
 * e.g. `smtps://user:pass@smtp.example.com`) and `KEEL_REPORT_MAIL_FROM`. Unset = reports are
 * stored and downloadable but not mailed.
 */
export function reportMailerFromEnv(env: NodeJS.ProcessEnv = process.env): ReportMailer | null {
  const url = env.KEEL_REPORT_SMTP_URL;
  if (!url) return null;
  const transport = nodemailer.createTransport(url);
  const from = env.KEEL_REPORT_MAIL_FROM ?? 'Keel <no-reply@localhost>';
  return {
    async send(message) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text, attachments: message.attachments });
    },
  };
}

/** The customer's mail: the summary, the rating link, the PDF attached. */
export function reportMessage(data: ReportData & { customerEmail: string }, summary: string, pdf: Buffer, ratingUrl: string): ReportMessage {
  return {
    to: data.customerEmail,
    subject: `Service report for work order #${data.number}: ${data.title}`,
    text: `Hello,\n\nattached is the service report for "${data.title}".\n\n${summary}\n\nHow did we do? Rate the visit: ${ratingUrl}\n`,
    attachments: [{ filename: `work-order-${data.number}.pdf`, content: pdf, contentType: 'application/pdf' }],
  };
}
