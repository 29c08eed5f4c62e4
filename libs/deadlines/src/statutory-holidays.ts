import type { CalendarDateEntry } from './calendar-data';
import { type LocalDate, civilFromDays, daysFromCivil, formatLocalDate, parseLocalDate } from './local-date';

/**
 * The statutory holidays of 《全国年节及纪念日放假办法》 (2024 revision, in force 2025-01-01),
 * art. 2 — the days every citizen has off (全体公民放假的节日):
 *   元旦 1 day (1 January); 春节 4 days (农历除夕、正月初一至初三); 清明节 1 day (农历清明当日);
 *   劳动节 2 days (1–2 May); 端午节 1 day (农历端午当日); 中秋节 1 day (农历中秋当日);
 *   国庆节 3 days (1–3 October).
 *
 * Used for years after the last State Council notice in the calendar data: a provisional calendar
 * that is better than Mon–Fri (which would count 1 January or 1 October as working days) but still
 * flagged, because only the yearly notice fixes the 调休 make-up working days and the substitute
 * rest day for a holiday on a weekend (补假, required by the 办法 without saying which day) —
 * neither is derived here. Check the list against the official text before relying on it.
 *
 * The lunar dates and the Qingming solar term come from a lunar-calendar library through
 * `FestivalDates`, so this file stays pure (it runs in workflow code too).
 */
export const STATUTORY_HOLIDAYS_BASIS = '全国年节及纪念日放假办法 (2024 revision, art. 2)';
/** The 2024 revision is in force from 2025-01-01; earlier years had other rules (3-day 春节, 1-day 劳动节). */
export const STATUTORY_RULE_FIRST_YEAR = 2025;

/** Gregorian dates of the movable festivals in one year, from a lunar calendar (not guessed). */
export interface FestivalDates {
  year: number;
  /** 正月初一, lunar New Year's Day (除夕 is the day before). */
  springFestival: LocalDate;
  /** The day of the 清明 solar term. */
  qingming: LocalDate;
  /** 农历五月初五 (in the regular, not a leap, fifth month). */
  dragonBoat: LocalDate;
  /** 农历八月十五 (in the regular, not a leap, eighth month). */
  midAutumn: LocalDate;
}

// Names as the published data spells them (chinese-days: "中文 English"), so a provisional day reads
// like the day the notice will list.
export const STATUTORY_HOLIDAY_NAMES = {
  newYear: "元旦 New Year's Day",
  springFestival: '春节 Spring Festival',
  qingming: '清明 Tomb-sweeping Day',
  labourDay: '劳动节 Labour Day',
  dragonBoat: '端午 Dragon Boat Festival',
  midAutumn: '中秋 Mid-autumn Festival',
  nationalDay: '国庆节 National Day',
} as const;

/**
 * Where each movable festival can fall (inclusive month-day ranges; 1992–2100 they fall within
 * 01-21…02-19, 04-04…04-05, 05-27…06-25 and 09-07…10-06), to catch a lunar source that answers for
 * the wrong month or year.
 */
const WINDOWS: Record<'springFestival' | 'qingming' | 'dragonBoat' | 'midAutumn', readonly [string, string]> = {
  springFestival: ['01-21', '02-20'],
  qingming: ['04-03', '04-06'],
  dragonBoat: ['05-26', '06-26'],
  midAutumn: ['09-06', '10-08'],
};

function checkFestival(year: number, key: keyof typeof WINDOWS, date: LocalDate): number {
  const day = parseLocalDate(date);
  const [from, to] = WINDOWS[key];
  if (civilFromDays(day).year !== year || date.slice(5) < from || date.slice(5) > to) {
    throw new RangeError(`statutoryHolidays(${year}): ${key} ${date} is not between ${year}-${from} and ${year}-${to}`);
  }
  return day;
}

/**
 * The statutory rest days of one year under the 2024 revision, sorted by date. A day that two
 * festivals share (中秋 on 1–3 October, as in 2028) is listed once under both names.
 * Weekends inside a festival are listed too (they are part of it), as in the published data.
 */
export function statutoryHolidays(dates: FestivalDates): CalendarDateEntry[] {
  const { year } = dates;
  if (!Number.isInteger(year) || year < STATUTORY_RULE_FIRST_YEAR) {
    throw new RangeError(`statutoryHolidays: the 2024 revision applies from ${STATUTORY_RULE_FIRST_YEAR}, not to ${year}`);
  }
  const names = STATUTORY_HOLIDAY_NAMES;
  const byDay = new Map<number, string[]>();
  const add = (day: number, name: string): void => {
    const list = byDay.get(day) ?? [];
    if (!list.includes(name)) list.push(name);
    byDay.set(day, list);
  };

  add(daysFromCivil(year, 1, 1), names.newYear);
  const springFestival = checkFestival(year, 'springFestival', dates.springFestival);
  for (let offset = -1; offset <= 2; offset++) add(springFestival + offset, names.springFestival); // 除夕, 初一–初三
  add(checkFestival(year, 'qingming', dates.qingming), names.qingming);
  add(daysFromCivil(year, 5, 1), names.labourDay);
  add(daysFromCivil(year, 5, 2), names.labourDay);
  add(checkFestival(year, 'dragonBoat', dates.dragonBoat), names.dragonBoat);
  add(checkFestival(year, 'midAutumn', dates.midAutumn), names.midAutumn);
  for (let day = 1; day <= 3; day++) add(daysFromCivil(year, 10, day), names.nationalDay);

  return [...byDay.entries()].sort(([a], [b]) => a - b).map(([day, list]) => ({ date: formatLocalDate(day), name: list.join(' / ') }));
}
