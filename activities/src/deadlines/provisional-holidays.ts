import {
  type CalendarDateEntry,
  type FestivalDates,
  type LocalDate,
  type ProvisionalHolidays,
  STATUTORY_HOLIDAYS_BASIS,
  STATUTORY_RULE_FIRST_YEAR,
  SUPPORTED_YEARS,
  formatLocalDate,
  parseLocalDate,
  statutoryHolidays,
} from '@anjian/deadlines';
// chinese-days (already the source of the published calendar) also carries a lunar table for
// 1900–2100 and the solar-term formula; the engine itself stays free of it (it runs in workflows).
import { getLunarDate, getSolarTermDate } from 'chinese-days';

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * The first Gregorian day from `scanFrom` whose lunar date is month/day of a regular (not leap)
 * month; the windows below hold each festival's whole 1992–2100 range, and a lunar date recurs only
 * a year later, so the first hit is the only one. getLunarDate counts whole days between two fixed
 * instants, so unlike the package's other date functions it does not depend on the host's time zone.
 */
function lunarDay(year: number, month: number, day: number, scanFrom: string, scanDays: number): LocalDate {
  const start = parseLocalDate(`${year}-${scanFrom}`);
  for (let offset = 0; offset < scanDays; offset++) {
    const date = formatLocalDate(start + offset);
    const lunar = getLunarDate(date);
    if (lunar.lunarMon === month && lunar.lunarDay === day && !lunar.isLeap) return date;
  }
  throw new Error(`chinese-days: no lunar ${month}/${day} in the ${scanDays} days from ${year}-${scanFrom}`);
}

/**
 * The day of the 清明 solar term. chinese-days 1.5.7 builds the date as UTC midnight and prints it
 * with the host's local getters, so west of UTC it prints the day before. Print the April
 * candidates the same way and take the one that matches: the true day on any host.
 */
function qingmingDay(year: number): LocalDate {
  const printed = getSolarTermDate(year, 4, 'pure_brightness');
  for (let day = 1; day <= 10; day++) {
    const utcMidnight = new Date(Date.UTC(year, 3, day));
    const asPrinted = `${utcMidnight.getFullYear()}-${pad2(utcMidnight.getMonth() + 1)}-${pad2(utcMidnight.getDate())}`;
    if (asPrinted === printed) return `${year}-04-${pad2(day)}`;
  }
  throw new Error(`chinese-days: 清明 ${year} printed as ${printed}, not an April day`);
}

/** 春节 (正月初一), 清明, 端午 (五月初五), 中秋 (八月十五) of a Gregorian year, read from chinese-days. */
export function readFestivalDates(year: number): FestivalDates {
  return {
    year,
    springFestival: lunarDay(year, 1, 1, '01-20', 33),
    qingming: qingmingDay(year),
    dragonBoat: lunarDay(year, 5, 5, '05-25', 34),
    midAutumn: lunarDay(year, 8, 15, '09-05', 35),
  };
}

// The lunar lookups cost ~3 ms a year; each year is read once per process.
const festivalCache = new Map<number, FestivalDates>();

/** readFestivalDates, cached. */
export function festivalDates(year: number): FestivalDates {
  let dates = festivalCache.get(year);
  if (dates === undefined) {
    dates = readFestivalDates(year);
    festivalCache.set(year, dates);
  }
  return dates;
}

/**
 * Provisional statutory holidays (全国年节及纪念日放假办法, 2024 revision) for every year after
 * `lastKnownYear` up to the engine's last supported year; undefined when there is none. No 调休
 * make-up days and no 补假 substitute days: only a year's notice fixes those.
 */
export function provisionalHolidaysAfter(lastKnownYear: number): ProvisionalHolidays | undefined {
  const from = Math.max(lastKnownYear + 1, STATUTORY_RULE_FIRST_YEAR);
  if (from > SUPPORTED_YEARS.to) return undefined;
  const holidays: CalendarDateEntry[] = [];
  for (let year = from; year <= SUPPORTED_YEARS.to; year++) holidays.push(...statutoryHolidays(festivalDates(year)));
  return { basis: STATUTORY_HOLIDAYS_BASIS, holidays };
}
