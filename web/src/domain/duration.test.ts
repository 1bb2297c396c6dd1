import { describe, expect, it } from 'vitest';
import { formatDurationInput, parseDuration } from './duration';

describe('durations typed by admins', () => {
  it('reads units, combinations and bare minutes', () => {
    expect(parseDuration('4h')).toBe(14_400);
    expect(parseDuration('1d 2h')).toBe(93_600);
    expect(parseDuration('30m')).toBe(1800);
    expect(parseDuration('45')).toBe(2700);
    expect(parseDuration(' 2h30m ')).toBe(9000);
  });
  it('refuses what is not a duration', () => {
    for (const text of ['', 'soon', '4x', '4h later', '0m', '-2h']) expect(parseDuration(text)).toBeNull();
  });
  it('formats what it reads back to the same seconds', () => {
    for (const seconds of [60, 3600, 93_600, 9000, 86_400 * 3 + 61]) expect(parseDuration(formatDurationInput(seconds))).toBe(seconds);
  });
});
