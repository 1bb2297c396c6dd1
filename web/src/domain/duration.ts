/**
 * Durations as admins type them: `4h`, `1d 2h`, `30m`, `90s`, or a bare number of minutes.
 * Returns seconds, or null when the text is not a duration.
 */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === '') return null;
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 60;
  const parts = [...trimmed.matchAll(/(\d+)\s*([dhms])/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('').replace(/\s/g, '') !== trimmed.replace(/\s/g, '')) return null;
  const unit = { d: 86_400, h: 3600, m: 60, s: 1 } as const;
  const seconds = parts.reduce((sum, part) => sum + Number(part[1]) * unit[part[2] as keyof typeof unit], 0);
  return seconds > 0 ? seconds : null;
}

export function formatDurationInput(seconds: number): string {
  const units: [string, number][] = [['d', 86_400], ['h', 3600], ['m', 60], ['s', 1]];
  const parts: string[] = [];
  let left = seconds;
  for (const [suffix, size] of units) {
    if (left >= size) {
      parts.push(`${Math.floor(left / size)}${suffix}`);
      left %= size;
    }
  }
  return parts.join(' ') || '0s';
}
