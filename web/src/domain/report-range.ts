export const DAY = 86_400_000;

/** A day as YYYY-MM-DD (the date picker's values are UTC midnights of the reader's dates). */
export const isoDay = (at: number) => new Date(at).toISOString().slice(0, 10);

/** The last `days` days, today included, as the date picker's [first, last] day. */
export function lastDays(days: number, now = new Date()): [number, number] {
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  return [today - (days - 1) * DAY, today];
}
