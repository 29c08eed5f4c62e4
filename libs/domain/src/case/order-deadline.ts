import { z } from 'zod';
import { OUTSIDE_CALENDAR_YEARS, withinCalendarYears } from './calendar-years';

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** 24:00 Asia/Shanghai of a calendar day (民法典 art. 203), as the instant 00:00 of the next day. */
export function endOfDayShanghai(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1) - SHANGHAI_OFFSET_MS).toISOString();
}

/**
 * The deadline an officer writes on an order (限期): either a date — the period ends at 24:00 of
 * that day in Asia/Shanghai, as on a paper notice — or an exact instant with its offset.
 * Normalised to an ISO instant, within the years the calendars cover (a deadline in year 9999 would
 * arm reminders and escalations nobody can reach, and cannot be explained by any calendar).
 */
export const OrderDeadline = z
  .union([z.iso.datetime({ offset: true }), z.iso.date().transform(endOfDayShanghai)])
  .refine(withinCalendarYears, { message: OUTSIDE_CALENDAR_YEARS })
  .describe("a date 'YYYY-MM-DD' (ends 24:00 Asia/Shanghai that day) or an ISO instant with offset");
