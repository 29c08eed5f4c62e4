import type { CalendarData, CalendarDateEntry } from '@anjian/deadlines';

type Lists = Pick<CalendarData, 'holidays' | 'makeupWorkdays'>;
const LISTS = ['holidays', 'makeupWorkdays'] as const;

/**
 * What one calendar version changed against the one before: known years, and entries added or removed
 * (a renamed entry shows as removed and added). Lets an auditor see "2027 schedule added" or "09-20
 * corrected" without comparing two 700-entry lists.
 */
export function diffCalendars(before: CalendarData, after: CalendarData) {
  const key = (e: CalendarDateEntry) => `${e.date}|${e.name}`;
  const added: Lists = { holidays: [], makeupWorkdays: [] };
  const removed: Lists = { holidays: [], makeupWorkdays: [] };
  for (const list of LISTS) {
    const was = new Set(before[list].map(key));
    const now = new Set(after[list].map(key));
    added[list] = after[list].filter((e) => !was.has(key(e)));
    removed[list] = before[list].filter((e) => !now.has(key(e)));
  }
  const sameYears = before.knownYears.from === after.knownYears.from && before.knownYears.to === after.knownYears.to;
  return { knownYears: sameYears ? null : { before: before.knownYears, after: after.knownYears }, added, removed };
}
