import { spawnSync } from 'node:child_process';
import { STATUTORY_HOLIDAYS_BASIS, statutoryHolidays, WorkingCalendar } from '@anjian/deadlines';
import { nationalCalendarFromChineseDays } from '@anjian/seeds/calendar/chinese-days';
import { festivalDates, provisionalHolidaysAfter } from './provisional-holidays';

const published = nationalCalendarFromChineseDays(1); // State Council notices 2004–2026
const publishedHolidays = new Map(published.holidays.map((h) => [h.date, h.name]));
const publishedCalendar = WorkingCalendar.from(published);

describe('statutory holidays derived from 全国年节及纪念日放假办法 + chinese-days lunar dates', () => {
  // The proof of both the rule and the lunar conversion: in the years the 2024 revision and a
  // published notice overlap, every day the rule gives is a rest day of the notice.
  it.each([2025, 2026])('gives %i only days that the published notice also has as holidays', (year) => {
    const derived = statutoryHolidays(festivalDates(year));
    expect(derived).toHaveLength(13);
    for (const day of derived) {
      expect({ date: day.date, publishedAs: publishedHolidays.get(day.date) }).toEqual({
        date: day.date,
        publishedAs: expect.stringContaining(day.name.split(' ')[0]),
      });
      expect(publishedCalendar.isWorkingDay(day.date)).toBe(false);
    }
  });

  it('gives 2025 and 2026 the days the notices list (春节 from 除夕, 劳动节 1–2 May)', () => {
    expect(statutoryHolidays(festivalDates(2025)).map((d) => d.date)).toEqual([
      '2025-01-01',
      '2025-01-28', // 除夕
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-04-04',
      '2025-05-01',
      '2025-05-02',
      '2025-05-31',
      '2025-10-01',
      '2025-10-02',
      '2025-10-03',
      '2025-10-06', // 中秋
    ]);
    expect(statutoryHolidays(festivalDates(2026)).map((d) => d.date)).toEqual([
      '2026-01-01',
      '2026-02-16', // 除夕
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-04-05',
      '2026-05-01',
      '2026-05-02',
      '2026-06-19',
      '2026-09-25',
      '2026-10-01',
      '2026-10-02',
      '2026-10-03',
    ]);
  });

  // 清明, 端午 and 中秋 are statutory holidays since 2008: every notice since has each on a rest day,
  // listed under that festival's name (or 国庆节's, when 中秋 falls inside it) — except a weekend
  // festival day the data omits (端午 on Saturday 2012-06-23, between its listed 06-22 and 06-24) — so
  // the lunar dates and the solar term agree with 19 years of published data.
  it.each(Array.from({ length: 2026 - 2008 + 1 }, (_, i) => 2008 + i))('agrees with the %i notice on 春节, 清明, 端午 and 中秋', (year) => {
    const dates = festivalDates(year);
    const names: [string, RegExp][] = [
      [dates.springFestival, /春节/],
      [dates.qingming, /清明/],
      [dates.dragonBoat, /端午/],
      [dates.midAutumn, /中秋|国庆/],
    ];
    for (const [date, name] of names) {
      expect({ date, working: publishedCalendar.isWorkingDay(date) }).toEqual({ date, working: false });
      const listed = publishedHolidays.get(date);
      if (listed !== undefined || publishedCalendar.dayInfo(date).kind !== 'weekend') expect(listed).toMatch(name);
    }
  });

  // chinese-days 1.5.7 prints dates with the host's local getters (a day early west of UTC); the
  // adapter must give the same dates whatever TZ the API or worker runs in. A fresh Node process per
  // zone, because jest's sandboxed process.env does not reach the time zone of this one.
  it.each(['Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Pago_Pago'])(
    'reads the same festival dates with TZ=%s',
    (tz) => {
      const script = `const { readFestivalDates } = require(${JSON.stringify(require.resolve('./provisional-holidays'))});
      process.stdout.write(JSON.stringify([2027, 2050, 2099].map(readFestivalDates)));`;
      const child = spawnSync(process.execPath, ['-r', '@swc-node/register', '-e', script], {
        env: { ...process.env, TZ: tz },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(child.stderr).toBe('');
      expect(JSON.parse(child.stdout)).toEqual([
        { year: 2027, springFestival: '2027-02-06', qingming: '2027-04-05', dragonBoat: '2027-06-09', midAutumn: '2027-09-15' },
        festivalDates(2050),
        festivalDates(2099),
      ]);
      expect(festivalDates(2050)).toMatchObject({ springFestival: '2050-01-23', qingming: '2050-04-04' });
    },
    60_000,
  );

  it('covers every year after the last notice up to 2100, and none before the revision took effect', () => {
    const after2026 = provisionalHolidaysAfter(2026)!;
    expect(after2026.basis).toBe(STATUTORY_HOLIDAYS_BASIS);
    const years = new Set(after2026.holidays.map((h) => Number(h.date.slice(0, 4))));
    expect(Math.min(...years)).toBe(2027);
    expect(Math.max(...years)).toBe(2100);
    expect(years.size).toBe(2100 - 2027 + 1);
    expect(Math.min(...provisionalHolidaysAfter(2010)!.holidays.map((h) => Number(h.date.slice(0, 4))))).toBe(2025);
    expect(provisionalHolidaysAfter(2100)).toBeUndefined();
  });
});
