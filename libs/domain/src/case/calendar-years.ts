import { SUPPORTED_YEARS } from '@anjian/deadlines/src/calendar-data';

/** The calendars' years as instants (Asia/Shanghai days): a deadline cannot be counted from or to outside them. */
const FIRST_INSTANT = Date.parse(`${SUPPORTED_YEARS.from}-01-01T00:00:00+08:00`);
const AFTER_LAST_INSTANT = Date.parse(`${SUPPORTED_YEARS.to + 1}-01-01T00:00:00+08:00`);

/** Whether an ISO instant lies within the years the working-day calendars cover. */
export function withinCalendarYears(iso: string): boolean {
  const t = Date.parse(iso);
  return t >= FIRST_INSTANT && t < AFTER_LAST_INSTANT;
}

export const OUTSIDE_CALENDAR_YEARS = `outside ${SUPPORTED_YEARS.from}–${SUPPORTED_YEARS.to}, the years the working-day calendars cover`;
