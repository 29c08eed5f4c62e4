import { STATISTICS_MAX_MONTHS } from './list-defaults';

/**
 * A statistics period from calendar dates in China Standard Time (UTC+8, no daylight saving), both
 * inclusive, as the instants [from 00:00 CST, day after `to` 00:00 CST). Defaults: from 1 January of
 * `today`'s year to `today` (the year so far, how 动态清零 progress is reported).
 */
export type PeriodResult =
  { ok: true; from: string; to: string; fromDate: string; toDate: string } | { ok: false; path: 'from' | 'to'; message: string };

const startOfDayCst = (date: string): number => Date.parse(`${date}T00:00:00+08:00`);

export function statisticsPeriod(today: string, from?: string, to?: string): PeriodResult {
  const toDate = to ?? today;
  const fromDate = from ?? `${toDate.slice(0, 4)}-01-01`;
  if (fromDate > toDate) return { ok: false, path: 'from', message: `must not be after to (${toDate})` };
  const months =
    (Number(toDate.slice(0, 4)) - Number(fromDate.slice(0, 4))) * 12 + Number(toDate.slice(5, 7)) - Number(fromDate.slice(5, 7)) + 1;
  if (months > STATISTICS_MAX_MONTHS)
    return { ok: false, path: 'to', message: `the period spans ${months} months; at most ${STATISTICS_MAX_MONTHS}` };
  const start = startOfDayCst(fromDate);
  const end = startOfDayCst(toDate) + 24 * 3600 * 1000;
  return { ok: true, from: new Date(start).toISOString(), to: new Date(end).toISOString(), fromDate, toDate };
}

/** The calendar date in China Standard Time of an instant. */
export function cstDate(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3600 * 1000).toISOString().slice(0, 10);
}
