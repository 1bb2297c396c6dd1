import { describe, expect, it } from 'vitest';
import { describeRRule } from './recurrence-words';

describe('a maintenance plan recurrence in words', () => {
  it.each([
    ['FREQ=DAILY', 'Every day'],
    ['FREQ=WEEKLY;INTERVAL=2', 'Every 2 weeks'],
    ['FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=9;BYMINUTE=30', 'Every week on Monday and Thursday at 09:30 (UTC)'],
    ['FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=7', 'Every day on weekdays at 07:00 (UTC)'],
    ['FREQ=MONTHLY;BYMONTHDAY=15;BYHOUR=8', 'Every month on the 15th at 08:00 (UTC)'],
    ['FREQ=MONTHLY;BYMONTHDAY=-1', 'Every month on the last day'],
    ['FREQ=MONTHLY;BYDAY=1MO', 'Every month on the first Monday'],
    ['FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=1;BYHOUR=6', 'Every year on the 1st of April at 06:00 (UTC)'],
    ['FREQ=MONTHLY;BYMONTH=1,7;BYMONTHDAY=22', 'Every month in January and July on the 22nd'],
    ['DTSTART:20260105T083000Z\nRRULE:FREQ=WEEKLY;BYDAY=MO;BYHOUR=9', 'Every week on Monday at 09:30 (UTC), from 5 January 2026'],
    ['DTSTART;TZID=Europe/Amsterdam:20260302T071500\nRRULE:FREQ=MONTHLY;COUNT=12', 'Every month at 07:15 (Europe/Amsterdam), from 2 March 2026, 12 times'],
    ['FREQ=WEEKLY;UNTIL=20270101T000000Z', 'Every week, until 1 January 2027'],
    ['FREQ=DAILY;COUNT=1', 'Every day, once'],
  ])('%j reads "%s"', (rule, words) => {
    expect(describeRRule(rule)).toBe(words);
  });

  it('answers null for text that is not an RRULE', () => {
    expect(describeRRule('every other tuesday')).toBeNull();
    expect(describeRRule('BYDAY=MO')).toBeNull();
  });
});
