import { CalendarDataSchema } from '@anjian/deadlines';
import { nationalCalendarFromChineseDays } from './chinese-days';

describe('nationalCalendarFromChineseDays', () => {
  const calendar = nationalCalendarFromChineseDays(7);
  const holidays = new Map(calendar.holidays.map((entry) => [entry.date, entry.name]));
  const makeupDays = new Map(calendar.makeupWorkdays.map((entry) => [entry.date, entry.name]));

  it('is a valid national calendar covering the package years 2004–2026', () => {
    expect(CalendarDataSchema.safeParse(calendar).success).toBe(true);
    expect(calendar).toMatchObject({ id: 'CN', version: 7, knownYears: { from: 2004, to: 2026 } });
  });

  it('has the 2026 make-up working days (调休上班日) of the State Council notice', () => {
    const days2026 = [...makeupDays.keys()].filter((date) => date.startsWith('2026-'));
    expect(days2026).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });

  it('has Spring Festival 2026 as 02-15 … 02-23, named in Chinese and English', () => {
    const springFestival = [...holidays.entries()].filter(([date]) => date >= '2026-02-01' && date < '2026-03-01');
    expect(springFestival.map(([date]) => date)).toEqual([
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
    ]);
    expect(new Set(springFestival.map(([, name]) => name))).toEqual(new Set(['春节 Spring Festival']));
  });

  it.each([
    ['2026-01-01', "元旦 New Year's Day"],
    ['2026-10-01', '国庆节 National Day'],
    ['2025-10-06', '中秋 Mid-autumn Festival'],
  ])('names %s %s', (date, name) => {
    expect(holidays.get(date)).toBe(name);
  });

  it('lists only statutory rest days, not ordinary weekends', () => {
    expect(holidays.has('2026-03-07')).toBe(false); // an ordinary Saturday
    expect(holidays.has('2026-02-21')).toBe(true); // a Saturday inside Spring Festival
  });
});
