/**
 * Civil dates and instants in Asia/Shanghai (北京时间), in pure integer arithmetic.
 *
 * Why a fixed offset instead of Intl/tz data: China has used UTC+08:00 all year since summer time
 * (夏令时) was abolished after 1991, and the engine also runs inside Temporal workflow code, where
 * the host's time-zone database and locale must not influence a result. A constant offset is exact
 * for every date the engine accepts (1992-01-01 onwards, see SUPPORTED_RANGE in calendar.ts) and is
 * deterministic on every machine.
 *
 * Dates are handled as day indexes (days since 1970-01-01 on the Shanghai civil calendar), so the hot
 * path never allocates a Date.
 */

/** A civil date in Asia/Shanghai, 'YYYY-MM-DD'. */
export type LocalDate = string;

/** Days since 1970-01-01 on the Shanghai civil calendar. */
export type DayIndex = number;

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;
export const SHANGHAI_OFFSET_MS = 8 * MS_PER_HOUR;

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_OF_DAY_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): DayIndex {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Inverse of daysFromCivil (H. Hinnant's civil_from_days). */
export function civilFromDays(dayIndex: DayIndex): CivilDate {
  const z = dayIndex + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Day index of 'YYYY-MM-DD', or NaN when the text is not a real calendar date (e.g. 2026-02-30). */
export function tryParseLocalDate(text: string): DayIndex {
  const match = LOCAL_DATE_PATTERN.exec(text);
  if (match === null) return Number.NaN;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return Number.NaN;
  const index = daysFromCivil(year, month, day);
  // A day past the month's end rolls into the next month: reject instead of normalising.
  return civilFromDays(index).day === day ? index : Number.NaN;
}

export function isLocalDate(text: string): boolean {
  return !Number.isNaN(tryParseLocalDate(text));
}

export function parseLocalDate(text: string): DayIndex {
  const index = tryParseLocalDate(text);
  if (Number.isNaN(index)) throw new RangeError(`Not a calendar date 'YYYY-MM-DD': ${JSON.stringify(text)}`);
  return index;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

export function formatLocalDate(dayIndex: DayIndex): LocalDate {
  const { year, month, day } = civilFromDays(dayIndex);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOf(dayIndex: DayIndex): number {
  return (((dayIndex + 4) % 7) + 7) % 7;
}

export function isWeekend(dayIndex: DayIndex): boolean {
  const weekday = weekdayOf(dayIndex);
  return weekday === 0 || weekday === 6;
}

/** The Shanghai civil day an instant (epoch ms) falls in. */
export function dayOfInstant(epochMs: number): DayIndex {
  return Math.floor((epochMs + SHANGHAI_OFFSET_MS) / MS_PER_DAY);
}

/** The instant (epoch ms) of 00:00 Asia/Shanghai on a civil day. */
export function startOfDayMs(dayIndex: DayIndex): number {
  return dayIndex * MS_PER_DAY - SHANGHAI_OFFSET_MS;
}

/** Minutes after midnight of an 'HH:MM' time (00:00–23:59), or NaN. */
export function tryParseTimeOfDay(text: string): number {
  const match = TIME_OF_DAY_PATTERN.exec(text);
  return match === null ? Number.NaN : Number(match[1]) * 60 + Number(match[2]);
}

/** 'YYYY-MM-DD HH:MM' in Asia/Shanghai; an instant at 00:00 is written as 24:00 of the day before
 *  when `midnightAsEndOfDay` is set, the way a period's end is read aloud (民法典 art. 203). */
export function formatInstant(epochMs: number, midnightAsEndOfDay = false): string {
  const localMs = epochMs + SHANGHAI_OFFSET_MS;
  let day = Math.floor(localMs / MS_PER_DAY);
  let minutes = Math.floor((localMs - day * MS_PER_DAY) / MS_PER_MINUTE);
  if (midnightAsEndOfDay && localMs === day * MS_PER_DAY) {
    day -= 1;
    minutes = 24 * 60;
  }
  return `${formatLocalDate(day)} ${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}
