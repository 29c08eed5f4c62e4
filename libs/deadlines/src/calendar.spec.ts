import { nationalCalendarFromChineseDays } from '@anjian/seeds/calendar/chinese-days';
import { WorkingCalendar } from './calendar';
import { type CalendarData, CalendarDataSchema } from './calendar-data';
import { mergeCalendars } from './calendar-merge';
import { computeDeadline } from './deadline';
import { dayOfInstant, parseLocalDate } from './local-date';
import { naiveWorkingDayDeadline } from './naive-working-days';

const national = nationalCalendarFromChineseDays(1);
const calendar = WorkingCalendar.from(national);

describe('CalendarDataSchema', () => {
  const valid: CalendarData = {
    id: 'CN',
    version: 1,
    knownYears: { from: 2026, to: 2026 },
    holidays: [{ date: '2026-10-01', name: '国庆节 National Day' }],
    makeupWorkdays: [{ date: '2026-10-10', name: '国庆节 National Day' }],
  };

  it('accepts a minimal calendar', () => {
    expect(CalendarDataSchema.safeParse(valid).success).toBe(true);
  });

  it.each<[string, CalendarData, RegExp]>([
    ['an impossible date', { ...valid, holidays: [{ date: '2026-02-30', name: 'x' }] }, /real calendar date/],
    [
      'a date both holiday and make-up day',
      { ...valid, makeupWorkdays: [{ date: '2026-10-01', name: 'x' }] },
      /both a holiday and a make-up/,
    ],
    ['a date outside knownYears', { ...valid, holidays: [{ date: '2027-01-01', name: 'x' }] }, /outside knownYears/],
    ['from > to', { ...valid, knownYears: { from: 2026, to: 2025 } }, /after knownYears.to/],
    ['a duplicate date', { ...valid, holidays: [...valid.holidays, ...valid.holidays] }, /listed twice/],
    ['an unsupported year', { ...valid, knownYears: { from: 1980, to: 2026 } }, /1992|>=|too small/i],
    ['a malformed id', { ...valid, id: 'china' }, /CN/],
  ])('rejects %s', (_label, data, message) => {
    const result = CalendarDataSchema.safeParse(data);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message).join('\n')).toMatch(message);
  });
});

describe('WorkingCalendar', () => {
  it.each([
    ['2026-02-13', 'workday', true, true],
    ['2026-02-14', 'makeupWorkday', true, true],
    ['2026-02-15', 'holiday', false, true],
    ['2026-02-21', 'holiday', false, true], // a Saturday inside Spring Festival
    ['2026-03-07', 'weekend', false, true],
    ['2026-01-04', 'makeupWorkday', true, true],
    ['2027-01-01', 'workday', true, false], // unknown year: Mon–Fri guess, flagged
  ])('%s is a %s (working %s, known %s)', (date, kind, working, known) => {
    expect(calendar.dayInfo(date)).toMatchObject({ date, kind, known });
    expect(calendar.isWorkingDay(date)).toBe(working);
  });

  it('names holidays, make-up days and weekends', () => {
    expect(calendar.dayInfo('2026-02-14').name).toBe('春节 Spring Festival');
    expect(calendar.dayInfo('2026-03-07').name).toBe('Saturday 星期六');
    expect(calendar.dayInfo('2026-03-09').name).toBeUndefined();
  });

  it.each([
    ['2026-02-13', 3, '2026-02-25', false],
    ['2026-02-13', 1, '2026-02-14', false],
    ['2026-02-25', -3, '2026-02-13', false],
    ['2026-02-24', -1, '2026-02-14', false],
    ['2026-09-30', 1, '2026-10-08', false],
    ['2026-12-31', 1, '2027-01-01', true],
    ['2026-02-15', 0, '2026-02-15', false],
  ])('addWorkingDays(%s, %i) = %s (outside %s)', (date, n, expected, outside) => {
    expect(calendar.addWorkingDays(date, n)).toEqual({ date: expected, outsideKnownYears: outside });
  });

  it('counts working days in (a, b]', () => {
    expect(calendar.workingDaysBetween('2026-02-13', '2026-02-25')).toEqual({ count: 3, outsideKnownYears: false });
    expect(calendar.workingDaysBetween('2026-02-25', '2026-02-13')).toEqual({ count: -3, outsideKnownYears: false });
    expect(calendar.workingDaysBetween('2026-09-30', '2026-10-07')).toEqual({ count: 0, outsideKnownYears: false });
    expect(calendar.workingDaysBetween('2026-12-30', '2027-01-04').outsideKnownYears).toBe(true);
  });

  it('refuses dates outside 1992–2100 instead of guessing', () => {
    expect(() => calendar.dayInfo('1991-12-31')).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2100-12-31', 1)).toThrow(RangeError);
  });

  it('agrees with a naive day-by-day loop on 20,000 random inputs 2004–2027', () => {
    const naive = naiveWorkingDayDeadline(national);
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const from = Date.parse('2004-01-01T00:00:00+08:00');
    const span = Date.parse('2027-06-01T00:00:00+08:00') - from;
    for (let i = 0; i < 20_000; i++) {
      const start = from + Math.floor(random() * span);
      const n = Math.floor(random() * 60);
      const lookup = computeDeadline(calendar, { start: new Date(start), duration: { amount: n, unit: 'workingDays' } });
      const expected = naive(start, n);
      if (lookup.dueAt.getTime() !== expected) {
        throw new Error(`${new Date(start).toISOString()} + ${n} wd: ${lookup.dueAt.toISOString()} ≠ ${new Date(expected).toISOString()}`);
      }
    }
    expect(dayOfInstant(from)).toBe(parseLocalDate('2004-01-01'));
  });
});

describe('mergeCalendars', () => {
  const local: CalendarData = {
    id: 'CN-650000',
    version: 2,
    knownYears: { from: 2025, to: 2026 },
    holidays: [
      { date: '2026-03-20', name: '地方节日 local festival' },
      { date: '2026-02-28', name: '地方调整 local rest day' }, // overrides a national make-up Saturday
    ],
    makeupWorkdays: [],
  };
  const merged = mergeCalendars(national, local);
  const local2026 = WorkingCalendar.from(merged);

  it('keeps national entries, adds and overrides local ones', () => {
    expect(local2026.dayInfo('2026-03-20')).toMatchObject({ kind: 'holiday', name: '地方节日 local festival' });
    expect(local2026.dayInfo('2026-02-28')).toMatchObject({ kind: 'holiday', name: '地方调整 local rest day' });
    expect(local2026.dayInfo('2026-02-14').kind).toBe('makeupWorkday');
    expect(local2026.dayInfo('2026-10-01').kind).toBe('holiday');
  });

  it('names both calendars and narrows knownYears to what both know', () => {
    expect(merged).toMatchObject({ id: 'CN-650000', version: 2, basedOn: { id: 'CN', version: 1 } });
    expect(merged.knownYears).toEqual({ from: 2025, to: 2026 });
    expect(local2026.label).toBe('CN-650000 v2 on CN v1');
    expect(local2026.dayInfo('2024-10-01')).toMatchObject({ kind: 'workday', known: false });
  });

  it('is what a deadline in that jurisdiction is computed with', () => {
    const result = computeDeadline(local2026, {
      start: new Date('2026-03-18T09:00:00+08:00'),
      duration: { amount: 3, unit: 'workingDays' },
    });
    // 03-19 Thu, (03-20 local holiday), (weekend), 03-23 Mon, 03-24 Tue
    expect(result.lastDay).toBe('2026-03-24');
    expect(result.calendarLabel).toBe('CN-650000 v2 on CN v1');
    expect(result.rule).toContain('CN-650000 v2 on CN v1');
  });

  it('refuses calendars whose known years do not overlap', () => {
    expect(() => mergeCalendars(national, { ...local, knownYears: { from: 2030, to: 2030 }, holidays: [] })).toThrow(/does not overlap/);
  });
});
