import { nationalCalendarFromChineseDays } from '@anjian/seeds/calendar/chinese-days';
import { WorkingCalendar } from './calendar';
import type { CalendarData, ProvisionalHolidays } from './calendar-data';
import { computeDeadline } from './deadline';
import { adjustmentsText, describeAdjustment } from './deadline-explain';
import type { Duration } from './duration';
import { STATUTORY_HOLIDAYS_BASIS as BASIS, statutoryHolidays } from './statutory-holidays';

// Provisional days for 2027–2028 from the statute; the festival dates are chinese-days' (the
// adapter that reads them is tested in activities/src/deadlines/provisional-holidays.spec.ts).
const provisional: ProvisionalHolidays = {
  basis: BASIS,
  holidays: [
    ...statutoryHolidays({
      year: 2027,
      springFestival: '2027-02-06',
      qingming: '2027-04-05',
      dragonBoat: '2027-06-09',
      midAutumn: '2027-09-15',
    }),
    ...statutoryHolidays({
      year: 2028,
      springFestival: '2028-01-26',
      qingming: '2028-04-04',
      dragonBoat: '2028-05-28',
      midAutumn: '2028-10-03',
    }),
  ],
};
const national = nationalCalendarFromChineseDays(1); // State Council notices 2004–2026
const weekdaysOnly = WorkingCalendar.from(national); // what 2027 was counted with before
const calendar = WorkingCalendar.from(national, provisional);

const at = (text: string): Date => new Date(`${text.replace(' ', 'T')}:00+08:00`);
const workingDays = (amount: number): Duration => ({ amount, unit: 'workingDays' });
const calendarDays = (amount: number): Duration => ({ amount, unit: 'calendarDays' });

describe('provisional calendar for years without a State Council notice', () => {
  it.each([
    ['2027-01-01', '元旦', 'Friday'],
    ['2027-02-05', '春节 (除夕)', 'Friday'],
    ['2027-02-06', '春节 (初一)', 'Saturday'],
    ['2027-02-07', '春节 (初二)', 'Sunday'],
    ['2027-02-08', '春节 (初三)', 'Monday'],
    ['2027-04-05', '清明', 'Monday'],
    ['2027-05-01', '劳动节', 'Saturday'],
    ['2027-05-02', '劳动节', 'Sunday'],
    ['2027-06-09', '端午', 'Wednesday'],
    ['2027-09-15', '中秋', 'Wednesday'],
    ['2027-10-01', '国庆节', 'Friday'],
    ['2027-10-02', '国庆节', 'Saturday'],
    ['2027-10-03', '国庆节', 'Sunday'],
  ])('%s (%s, a %s) is a provisional rest day, flagged as not known', (date, _festival, _weekday) => {
    expect(calendar.isWorkingDay(date)).toBe(false);
    expect(calendar.dayInfo(date)).toMatchObject({ date, kind: 'holiday', known: false, provisional: BASIS });
  });

  it('was a working day before (Mon–Fri fallback) for every weekday among them', () => {
    for (const date of ['2027-01-01', '2027-02-05', '2027-02-08', '2027-04-05', '2027-06-09', '2027-09-15', '2027-10-01']) {
      expect(weekdaysOnly.isWorkingDay(date)).toBe(true);
    }
  });

  it.each([
    ['2027-01-04', 'workday'], // the Monday after 元旦: no 补假 or 调休 is guessed
    ['2027-02-09', 'workday'], // the day after 初三
    ['2027-02-20', 'weekend'], // a Saturday stays a rest day: no make-up working day is invented
    ['2027-10-04', 'workday'],
  ])('%s stays a plain %s', (date, kind) => {
    expect(calendar.dayInfo(date)).toMatchObject({ kind, known: false });
    expect(calendar.dayInfo(date).provisional).toBeUndefined();
  });

  it('leaves the published years untouched (2026 keeps its notice, including 调休)', () => {
    expect(calendar.dayInfo('2026-02-14')).toMatchObject({ kind: 'makeupWorkday', known: true });
    expect(calendar.dayInfo('2026-10-07')).toMatchObject({ kind: 'holiday', known: true });
    expect(calendar.dayInfo('2026-10-07').provisional).toBeUndefined();
    expect(calendar.provisional).toEqual({ basis: BASIS, years: { from: 2027, to: 2028 } });
  });

  interface Case {
    name: string;
    start: string;
    duration: Duration;
    lastDay: string;
    before: string;
    provisionalAdjustments: string[];
  }
  it.each<Case>([
    {
      name: 'across 元旦 2027: 1 working day from 2026-12-31',
      start: '2026-12-31 10:00',
      duration: workingDays(1),
      lastDay: '2027-01-04',
      before: '2027-01-01',
      provisionalAdjustments: ['2027-01-01'],
    },
    {
      name: 'across Spring Festival 2027: 2 working days from Thu 02-04 (除夕 Fri … 初三 Mon are rest days)',
      start: '2027-02-04 09:00',
      duration: workingDays(2),
      lastDay: '2027-02-10',
      before: '2027-02-08',
      provisionalAdjustments: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'],
    },
    {
      name: 'across 劳动节 2027 (Sat–Sun): nothing moves on weekdays, and no 补假 is invented',
      start: '2027-04-30 09:00',
      duration: workingDays(1),
      lastDay: '2027-05-03',
      before: '2027-05-03',
      provisionalAdjustments: ['2027-05-01', '2027-05-02'],
    },
    {
      name: 'across 国庆节 2027: 1 working day from 09-30',
      start: '2027-09-30 09:00',
      duration: workingDays(1),
      lastDay: '2027-10-04',
      before: '2027-10-01',
      provisionalAdjustments: ['2027-10-01', '2027-10-02', '2027-10-03'],
    },
    {
      name: 'a working-day period spanning 端午, 中秋 and 国庆 2027',
      start: '2027-06-08 09:00',
      duration: workingDays(85),
      lastDay: '2027-10-08',
      before: '2027-10-05', // three of the five fall on weekdays
      provisionalAdjustments: ['2027-06-09', '2027-09-15', '2027-10-01', '2027-10-02', '2027-10-03'],
    },
    {
      name: 'a calendar-day period ending on 清明 2027 (Mon 04-05) rolls over to Tue',
      start: '2027-04-02 09:00',
      duration: calendarDays(3),
      lastDay: '2027-04-06',
      before: '2027-04-05',
      provisionalAdjustments: ['2027-04-05'],
    },
    {
      name: 'a calendar-day period ending on 除夕 2028 (Tue 01-25) rolls over past Spring Festival',
      start: '2028-01-20 09:00',
      duration: calendarDays(5),
      lastDay: '2028-01-31',
      before: '2028-01-25',
      provisionalAdjustments: ['2028-01-25', '2028-01-26', '2028-01-27', '2028-01-28'],
    },
  ])('$name', ({ start, duration, lastDay, before, provisionalAdjustments }) => {
    const result = computeDeadline(calendar, { start: at(start), duration });
    expect(result.lastDay).toBe(lastDay);
    expect(result.outsideKnownYears).toBe(true);
    expect(result.adjustments.filter((a) => a.provisional === BASIS).map((a) => a.date)).toEqual(provisionalAdjustments);
    expect(result.warnings.join(' ')).toContain(`counted provisionally with the statutory holidays of ${BASIS}`);
    expect(result.warnings.join(' ')).toMatch(/without 调休 make-up working days or 补假 substitute rest days/);
    expect(computeDeadline(weekdaysOnly, { start: at(start), duration }).lastDay).toBe(before);
  });

  it('explains each provisional day as such', () => {
    const result = computeDeadline(calendar, { start: at('2027-02-04 09:00'), duration: workingDays(2) });
    expect(adjustmentsText(result)).toBe(
      ' Rest days skipped: ' +
        [
          `2027-02-05 春节 Spring Festival (provisional: ${BASIS}, no 调休 announced yet)`,
          `2027-02-06 春节 Spring Festival (provisional: ${BASIS}, no 调休 announced yet)`,
          `2027-02-07 春节 Spring Festival (provisional: ${BASIS}, no 调休 announced yet)`,
          `2027-02-08 春节 Spring Festival (provisional: ${BASIS}, no 调休 announced yet)`,
        ].join(', ') +
        '.',
    );
  });

  it('is replaced year by year once a notice is loaded: the stored data wins wherever it knows the year', () => {
    // Shaped like a notice (test data, not the official 2027 schedule): 国庆 1–7 October with a make-up Saturday.
    const with2027: CalendarData = {
      ...national,
      version: 2,
      knownYears: { from: national.knownYears.from, to: 2027 },
      holidays: [
        ...national.holidays,
        { date: '2027-01-01', name: '元旦 (test notice)' },
        ...[1, 2, 3, 4, 5, 6, 7].map((d) => ({ date: `2027-10-0${d}`, name: '国庆节 (test notice)' })),
      ],
      makeupWorkdays: [...national.makeupWorkdays, { date: '2027-10-09', name: '国庆节 (test notice)' }],
    };
    const loaded = WorkingCalendar.from(with2027, provisional);
    expect(loaded.dayInfo('2027-10-04')).toMatchObject({ kind: 'holiday', name: '国庆节 (test notice)', known: true });
    expect(loaded.dayInfo('2027-10-09')).toMatchObject({ kind: 'makeupWorkday', known: true });
    // 中秋 2027 is not in this (test) notice, so it is a working day now: the provisional day is gone.
    expect(loaded.dayInfo('2027-09-15')).toMatchObject({ kind: 'workday', known: true });
    expect(loaded.dayInfo('2027-09-15').provisional).toBeUndefined();
    // 2028 is still provisional.
    expect(loaded.dayInfo('2028-10-03')).toMatchObject({ kind: 'holiday', known: false, provisional: BASIS });
    expect(loaded.provisional).toEqual({ basis: BASIS, years: { from: 2028, to: 2028 } });

    const result = computeDeadline(loaded, { start: at('2027-09-30 09:00'), duration: workingDays(1) });
    expect(result).toMatchObject({ lastDay: '2027-10-08', outsideKnownYears: false, warnings: [] });
    expect(result.adjustments.some((a) => a.provisional !== undefined)).toBe(false);
  });

  it('still counts years before the data with Mon–Fri and says so (the 2024 revision does not reach back)', () => {
    const result = computeDeadline(calendar, { start: at('2003-12-30 09:00'), duration: workingDays(3) });
    expect(result.outsideKnownYears).toBe(true);
    expect(result.warnings.join(' ')).toMatch(/2003 was counted with Mon–Fri working days/);
  });

  it('refuses malformed provisional data', () => {
    const twice = { basis: BASIS, holidays: [provisional.holidays[0], provisional.holidays[0]] };
    expect(() => WorkingCalendar.from(national, twice)).toThrow(/listed twice/);
    expect(() => WorkingCalendar.from(national, { basis: ' ', holidays: [] })).toThrow();
  });
});

describe('describeAdjustment', () => {
  it('says a 调休 make-up day was a working day, not a holiday (2026-01-04, 元旦)', () => {
    const result = computeDeadline(calendar, { start: at('2025-12-31 10:00'), duration: workingDays(1) });
    // 01-01 … 01-03 are 元旦 holidays, Sun 01-04 is the make-up working day and day 1.
    expect(result.lastDay).toBe('2026-01-04');
    const makeup = result.adjustments.find((a) => a.kind === 'makeupWorkday')!;
    expect(describeAdjustment(makeup)).toBe("2026-01-04 调休上班日 (make-up working day for 元旦 New Year's Day)");
    expect(adjustmentsText(result)).toBe(
      " Rest days skipped: 2026-01-01 元旦 New Year's Day, 2026-01-02 元旦 New Year's Day, 2026-01-03 元旦 New Year's Day." +
        " Counted as 调休 working days: 2026-01-04 调休上班日 (make-up working day for 元旦 New Year's Day).",
    );
  });

  it('says a calendar-day period was moved by the rest days it rolled over', () => {
    const result = computeDeadline(calendar, { start: at('2026-03-04 09:30'), duration: calendarDays(3) });
    expect(adjustmentsText(result)).toBe(' Moved by rest days: 2026-03-07 Saturday 星期六, 2026-03-08 Sunday 星期日.');
    expect(adjustmentsText(computeDeadline(calendar, { start: at('2026-03-02 09:30'), duration: calendarDays(1) }))).toBe('');
  });
});
