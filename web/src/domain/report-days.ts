import type { SlaReport } from '../api/types';

/** Every day of [from, to) as `YYYY-MM-DD`, with empty days filled in so a chart has no gaps. */
export function fillDays(daily: SlaReport['daily'], from: string, to: string): SlaReport['daily'] {
  const byDate = new Map(daily.map((day) => [day.date, day]));
  const days: SlaReport['daily'] = [];
  for (let at = Date.parse(`${from}T00:00:00Z`); at < Date.parse(`${to}T00:00:00Z`); at += 86_400_000) {
    const date = new Date(at).toISOString().slice(0, 10);
    days.push(byDate.get(date) ?? { date, met: 0, breached: 0, open: 0, compliance: null });
  }
  return days;
}
