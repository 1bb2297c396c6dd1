/**
 * The planning day's clock: the optimizer works in seconds since midnight UTC of the planning
 * date; everything outside it is ISO instants.
 */

export function dayOrigin(date: string): number {
  return Date.parse(`${date}T00:00:00.000Z`);
}

export function toSeconds(date: string, instant: string): number {
  return (Date.parse(instant) - dayOrigin(date)) / 1000;
}

export function toInstant(date: string, seconds: number): string {
  return new Date(dayOrigin(date) + Math.round(seconds) * 1000).toISOString();
}

/** The calendar day after `date` (YYYY-MM-DD). */
export function nextDay(date: string): string {
  return new Date(dayOrigin(date) + 86_400_000).toISOString().slice(0, 10);
}
