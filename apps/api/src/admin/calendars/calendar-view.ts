import type { StoredCalendar } from '@anjian/persistence';

/** A calendar version without its entry lists (the national one has hundreds). */
export function calendarSummary(c: StoredCalendar) {
  return {
    id: c.id,
    version: c.version,
    jurisdictionPrefix: c.jurisdictionPrefix,
    knownYears: c.data.knownYears,
    holidayCount: c.data.holidays.length,
    makeupWorkdayCount: c.data.makeupWorkdays.length,
    createdBy: c.createdBy,
    reason: c.reason,
    createdAt: c.createdAt,
  };
}

export const calendarDetail = (c: StoredCalendar) => ({ ...calendarSummary(c), data: c.data });
