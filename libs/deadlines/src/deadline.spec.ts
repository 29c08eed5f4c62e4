import { nationalCalendarFromChineseDays } from '@anjian/seeds/calendar/chinese-days';
import { WorkingCalendar } from './calendar';
import { type DeadlineRequest, DeadlineRequestSchema, computeDeadline } from './deadline';
import type { Duration } from './duration';

const calendar = WorkingCalendar.from(nationalCalendarFromChineseDays(3));

/** A Shanghai wall-clock time, e.g. at('2026-02-13 10:00'). */
const at = (text: string): Date => new Date(`${text.replace(' ', 'T')}:00+08:00`);
const days = (amount: number): Duration => ({ amount, unit: 'calendarDays' });
const workingDays = (amount: number): Duration => ({ amount, unit: 'workingDays' });
const hours = (amount: number): Duration => ({ amount, unit: 'hours' });

interface Case {
  name: string;
  start: string;
  duration: Duration;
  cutoff?: string;
  rollOverRestDay?: boolean;
  /** Expected end, Shanghai wall clock ('… 24:00' written as 00:00 of the next day). */
  dueAt: string;
  lastDay?: string | null;
  adjustments?: string[];
  outsideKnownYears?: boolean;
}

const cases: Case[] = [
  // Spring Festival 2026: 02-14 (Sat) make-up working day, 02-15 … 02-23 holidays, 02-28 (Sat) make-up.
  {
    name: 'Spring Festival 2026: 3 working days from Fri 02-13 (02-14 make-up = day 1, 02-24 = 2, 02-25 = 3)',
    start: '2026-02-13 10:00',
    duration: workingDays(3),
    dueAt: '2026-02-26 00:00',
    lastDay: '2026-02-25',
    adjustments: [
      '2026-02-14 makeupWorkday',
      '2026-02-15 holiday',
      '2026-02-16 holiday',
      '2026-02-17 holiday',
      '2026-02-18 holiday',
      '2026-02-19 holiday',
      '2026-02-20 holiday',
      '2026-02-21 holiday',
      '2026-02-22 holiday',
      '2026-02-23 holiday',
    ],
  },
  {
    name: 'Spring Festival 2026: a start at 00:00 belongs to that day (02-14), so 02-24 is day 1',
    start: '2026-02-14 00:00',
    duration: workingDays(3),
    dueAt: '2026-02-27 00:00',
  },
  {
    name: 'Spring Festival 2026: a calendar period ending on the make-up Saturday 02-28 is not moved',
    start: '2026-02-25 16:00',
    duration: days(3),
    dueAt: '2026-03-01 00:00',
    adjustments: [],
  },
  // National Day 2026: 10-01 … 10-07 holidays; 09-20 (Sun) and 10-10 (Sat) make-up days.
  {
    name: 'National Day 2026: 3 calendar days from 09-29, last day 10-02 is a holiday → 10-08',
    start: '2026-09-29 10:00',
    duration: days(3),
    dueAt: '2026-10-09 00:00',
    lastDay: '2026-10-08',
    adjustments: [
      '2026-10-02 holiday',
      '2026-10-03 holiday',
      '2026-10-04 holiday',
      '2026-10-05 holiday',
      '2026-10-06 holiday',
      '2026-10-07 holiday',
    ],
  },
  {
    name: 'National Day 2026: the same with an office-hours cut-off of 17:30',
    start: '2026-09-29 10:00',
    duration: days(3),
    cutoff: '17:30',
    dueAt: '2026-10-08 17:30',
  },
  {
    name: 'National Day 2026: roll-over disabled ends on the holiday itself',
    start: '2026-09-29 10:00',
    duration: days(3),
    rollOverRestDay: false,
    dueAt: '2026-10-03 00:00',
    lastDay: '2026-10-02',
    adjustments: [],
  },
  {
    name: 'National Day 2026: 5 working days from Tue 09-29 reach the make-up Saturday 10-10 and Mon 10-12',
    start: '2026-09-29 08:30',
    duration: workingDays(5),
    dueAt: '2026-10-13 00:00',
  },
  {
    name: 'National Day 2026: 1 working day from Sat 09-19 is the make-up Sunday 09-20',
    start: '2026-09-19 12:00',
    duration: workingDays(1),
    dueAt: '2026-09-21 00:00',
  },
  {
    name: 'National Day 2026: a start on a holiday counts from the next working day',
    start: '2026-10-03 09:00',
    duration: workingDays(1),
    dueAt: '2026-10-09 00:00',
  },
  // New Year 2026: 01-01 … 01-03 holidays, 01-04 (Sun) make-up day.
  {
    name: 'New Year 2026: 1 working day from Wed 2025-12-31 is the make-up Sunday 01-04',
    start: '2025-12-31 17:00',
    duration: workingDays(1),
    dueAt: '2026-01-05 00:00',
  },
  {
    name: 'New Year 2026: 2 calendar days from 2025-12-30 end on holiday 01-01, rolled to the make-up Sunday 01-04',
    start: '2025-12-30 11:00',
    duration: days(2),
    dueAt: '2026-01-05 00:00',
    lastDay: '2026-01-04',
    adjustments: ['2026-01-01 holiday', '2026-01-02 holiday', '2026-01-03 holiday'],
  },
  // Spring Festival 2025: 01-28 … 02-04 holidays; 01-26 (Sun) and 02-08 (Sat) make-up days.
  {
    name: 'Spring Festival 2025: 5 working days from Fri 01-24 (01-26, 01-27, 02-05, 02-06, 02-07)',
    start: '2025-01-24 10:00',
    duration: workingDays(5),
    dueAt: '2025-02-08 00:00',
  },
  {
    name: 'Spring Festival 2025: 3 calendar days from 01-26 end on holiday 01-29 → 02-05',
    start: '2025-01-26 09:00',
    duration: days(3),
    dueAt: '2025-02-06 00:00',
  },
  {
    name: 'an ordinary weekend moves a calendar period to Monday',
    start: '2026-03-05 09:00',
    duration: days(2),
    dueAt: '2026-03-10 00:00',
    adjustments: ['2026-03-07 weekend', '2026-03-08 weekend'],
  },
  {
    name: '90 natural days (行政处罚法 art. 60) from 2026-01-10',
    start: '2026-01-10 09:00',
    duration: days(90),
    dueAt: '2026-04-11 00:00',
  },
  // Hours: the starting hour is not counted; no roll-over.
  {
    name: '24 hours from 22:30 count from 23:00 and run across midnight',
    start: '2026-02-13 22:30',
    duration: hours(24),
    dueAt: '2026-02-14 23:00',
    lastDay: null,
  },
  {
    name: '2 hours from 23:10 on 09-30 end at 02:00 on a holiday (no roll-over for hours)',
    start: '2026-09-30 23:10',
    duration: hours(2),
    dueAt: '2026-10-01 02:00',
  },
  {
    name: 'a start exactly on the hour: that hour is still the starting hour',
    start: '2026-03-02 10:00',
    duration: hours(24),
    dueAt: '2026-03-03 11:00',
  },
  // Outside the known years (chinese-days has no 2027 data): Mon–Fri fallback, flagged.
  {
    name: '2027: 3 working days from Thu 2026-12-31 assume 01-01 (Fri) works',
    start: '2026-12-31 10:00',
    duration: workingDays(3),
    dueAt: '2027-01-06 00:00',
    outsideKnownYears: true,
  },
  {
    name: '2027: 10 calendar days from 2027-03-01',
    start: '2027-03-01 09:00',
    duration: days(10),
    dueAt: '2027-03-12 00:00',
    outsideKnownYears: true,
  },
  {
    name: 'zero working days end at 24:00 of the start day',
    start: '2026-05-06 09:00',
    duration: workingDays(0),
    dueAt: '2026-05-07 00:00',
  },
];

describe('computeDeadline', () => {
  it.each(cases)('$name', (c) => {
    const request: DeadlineRequest = { start: at(c.start), duration: c.duration };
    if (c.cutoff !== undefined) request.cutoff = c.cutoff;
    if (c.rollOverRestDay !== undefined) request.rollOverRestDay = c.rollOverRestDay;
    expect(DeadlineRequestSchema.safeParse(request).success).toBe(true);

    const result = computeDeadline(calendar, request);

    expect(result.dueAt.toISOString()).toBe(at(c.dueAt).toISOString());
    if (c.lastDay !== undefined) expect(result.lastDay).toBe(c.lastDay);
    if (c.adjustments !== undefined) {
      expect(result.adjustments.map((a) => `${a.date} ${a.kind}`)).toEqual(c.adjustments);
    }
    expect(result.outsideKnownYears).toBe(c.outsideKnownYears ?? false);
    expect(result.warnings.some((w) => w.includes('has holiday data for 2004–2026 only'))).toBe(c.outsideKnownYears ?? false);
    expect(result).toMatchObject({ calendarId: 'CN', calendarVersion: 3, calendarLabel: 'CN v3' });
    expect(result.rule).toContain('CN v3');
    expect(result.ruleZh).toContain('CN v3');
  });

  it('explains a rolled-over period in English and Chinese', () => {
    const result = computeDeadline(calendar, { start: at('2026-09-29 10:00'), duration: days(3) });
    expect(result.rule).toBe(
      '3 calendar day(s) counted from the day after 2026-09-29 (start day not counted: 民事诉讼法 art. 85; 刑事诉讼法 art. 105); ' +
        'last day 2026-10-02 is a rest day, moved to the next working day 2026-10-08 (民法典 art. 203; 民事诉讼法 art. 85); ' +
        'ends 24:00 Asia/Shanghai on 2026-10-08 (民法典 art. 203); calendar CN v3',
    );
    expect(result.ruleZh).toBe(
      '自2026-09-29次日起计算3日（开始之日不计入），期间最后一日2026-10-02为休息日，顺延至其后第一个工作日2026-10-08，至2026-10-08 24:00（北京时间）届满；日历：CN v3',
    );
    expect(result.nominalLastDay).toBe('2026-10-02');
    expect(result.adjustments[0]).toEqual({ date: '2026-10-02', kind: 'holiday', name: '国庆节 National Day' });
  });

  it('warns when roll-over is disabled and the period ends on a rest day', () => {
    const result = computeDeadline(calendar, { start: at('2026-09-29 10:00'), duration: days(3), rollOverRestDay: false });
    expect(result.warnings).toEqual([
      'last day 2026-10-02 is a holiday (国庆节 National Day); roll-over to the next working day is disabled',
    ]);
  });

  it('warns that a cut-off does not apply to hours', () => {
    const result = computeDeadline(calendar, { start: at('2026-03-02 10:20'), duration: hours(3), cutoff: '17:00' });
    expect(result.dueAt.toISOString()).toBe(at('2026-03-02 14:00').toISOString());
    expect(result.warnings).toEqual(['cut-off 17:00 ignored: an hour period ends at an exact instant']);
  });

  it("returns values, not the caller's objects", () => {
    const start = at('2026-03-02 10:20');
    const duration = days(3);
    const result = computeDeadline(calendar, { start, duration });
    expect(result.start).not.toBe(start);
    expect(result.start.getTime()).toBe(start.getTime());
    expect(result.duration).not.toBe(duration);
  });

  it.each<[string, DeadlineRequest, RegExp]>([
    ['an invalid start', { start: new Date(Number.NaN), duration: days(1) }, /valid Date/],
    ['a negative amount', { start: at('2026-03-02 10:00'), duration: days(-1) }, /0–3650/],
    ['a fractional amount', { start: at('2026-03-02 10:00'), duration: days(1.5) }, /0–3650/],
    ['a malformed cut-off', { start: at('2026-03-02 10:00'), duration: days(1), cutoff: '5pm' }, /HH:MM/],
    ['a 00:00 cut-off', { start: at('2026-03-02 10:00'), duration: days(1), cutoff: '00:00' }, /HH:MM/],
    ['a start before 1992', { start: at('1991-06-01 10:00'), duration: days(1) }, /supported range/],
  ])('rejects %s', (_label, request, message) => {
    expect(() => computeDeadline(calendar, request)).toThrow(message);
  });
});
