import { nationalCalendarFromChineseDays } from '@anjian/seeds/calendar/chinese-days';
import { WorkingCalendar } from './calendar';
import { computeDeadline } from './deadline';
import type { Duration } from './duration';
import { offsetFrom, offsetFromDetailed, scheduleFor } from './schedule';

const calendar = WorkingCalendar.from(nationalCalendarFromChineseDays(1));
const at = (text: string): Date => new Date(`${text.replace(' ', 'T')}:00+08:00`);
const iso = (text: string): string => at(text).toISOString();
const wd = (amount: number): Duration => ({ amount, unit: 'workingDays' });

// 3 working days from Fri 2026-02-13: ends 24:00 on Wed 02-25 (= 02-26 00:00).
const due = computeDeadline(calendar, { start: at('2026-02-13 10:00'), duration: wd(3) }).dueAt;

describe('offsetFrom', () => {
  it.each<[string, Date, Duration, 'before' | 'after', string]>([
    ['1 working day before 24:00 Wed 02-25 is 24:00 Tue 02-24', due, wd(1), 'before', '2026-02-25 00:00'],
    ['2 working days before it is 24:00 on the make-up Saturday 02-14', due, wd(2), 'before', '2026-02-15 00:00'],
    ['3 working days before it is 24:00 on the start day 02-13', due, wd(3), 'before', '2026-02-14 00:00'],
    ['2 working days after it is 24:00 Fri 02-27', due, wd(2), 'after', '2026-02-28 00:00'],
    ['3 working days after it is 24:00 on the make-up Saturday 02-28', due, wd(3), 'after', '2026-03-01 00:00'],
    ['working days keep the time of day', at('2026-10-09 15:00'), wd(2), 'before', '2026-09-30 15:00'],
    ['24 hours before', due, { amount: 24, unit: 'hours' }, 'before', '2026-02-25 00:00'],
    ['2 calendar days after, no roll-over', due, { amount: 2, unit: 'calendarDays' }, 'after', '2026-02-28 00:00'],
  ])('%s', (_label, instant, duration, direction, expected) => {
    expect(offsetFrom(calendar, instant, duration, direction).toISOString()).toBe(iso(expected));
  });

  it('flags an offset reaching into an unknown year', () => {
    const result = offsetFromDetailed(calendar, at('2026-12-31 18:00'), wd(2), 'after');
    expect(result.at.toISOString()).toBe(iso('2027-01-04 18:00'));
    expect(result.outsideKnownYears).toBe(true);
  });
});

describe('scheduleFor', () => {
  it('returns reminders and escalation rungs in time order', () => {
    const schedule = scheduleFor(
      calendar,
      due,
      [wd(1), wd(3), { amount: 2, unit: 'hours' }],
      [wd(2), { amount: 1, unit: 'calendarDays' }, wd(10)],
    );
    expect(schedule.map((s) => [s.kind, s.index, s.at.toISOString()])).toEqual([
      ['reminder', 1, iso('2026-02-14 00:00')],
      ['reminder', 0, iso('2026-02-25 00:00')],
      ['reminder', 2, iso('2026-02-25 22:00')],
      ['escalation', 1, iso('2026-02-27 00:00')],
      ['escalation', 0, iso('2026-02-28 00:00')],
      // 02-26, 27, 28 (make-up Sat), 03-02 … 03-06, 03-09, 03-10
      ['escalation', 2, iso('2026-03-11 00:00')],
    ]);
    expect(schedule.every((s) => !s.outsideKnownYears)).toBe(true);
  });
});
