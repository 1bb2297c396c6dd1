import type { ReportData } from './report-data';

/** A few lines for the linked ticket's internal note and the mail's body. */
export function summariseReport(data: ReportData): string {
  const done = data.checklist.filter((item) => item.done).length;
  const lines = [
    `Work order #${data.number} (${data.title}) was signed off.`,
    `Checklist: ${done}/${data.checklist.length} done.`,
    data.parts.length > 0 ? `Parts: ${data.parts.map((part) => `${part.quantity} × ${part.name}`).join(', ')}.` : 'No parts used.',
    data.timeOnSiteSeconds !== null ? `Time on site: ${Math.round(data.timeOnSiteSeconds / 60)} min.` : null,
    data.signerName ? `Signed by ${data.signerName}.` : data.waivedReason ? `Signature waived: ${data.waivedReason}.` : null,
  ];
  return lines.filter((line) => line !== null).join('\n');
}
