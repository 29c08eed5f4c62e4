import { NATIONAL_CALENDAR } from '@anjian/activities';
import { type CalendarData, CalendarDataSchema } from '@anjian/deadlines';
import type { CalendarRepository } from '@anjian/persistence';
import type { FieldIssue } from '../../http/problem';

/** The engine's own calendar checks (entries inside knownYears, no date twice), on the request's paths. */
export function calendarDataIssues(data: CalendarData, prefix: string): FieldIssue[] {
  return (CalendarDataSchema.safeParse(data).error?.issues ?? []).map((i) => ({
    path: [prefix, ...i.path.map(String)].join('.'),
    message: i.message,
  }));
}

/**
 * A local calendar is layered on the national one and only the years both know count as known; with
 * no overlap at all every calculation in that jurisdiction would fail, so refuse to save it.
 */
export async function nationalOverlapIssues(data: CalendarData, calendars: CalendarRepository, path: string): Promise<FieldIssue[]> {
  if (data.id === NATIONAL_CALENDAR) return [];
  const national = await calendars.get(NATIONAL_CALENDAR);
  if (!national) return [{ path, message: 'no national calendar is loaded to layer a local calendar on' }];
  const n = national.data.knownYears;
  const l = data.knownYears;
  if (l.to < n.from || l.from > n.to) {
    return [{ path, message: `knownYears ${l.from}–${l.to} does not overlap the national calendar's ${n.from}–${n.to}` }];
  }
  return [];
}

export const byDate = (a: { date: string }, b: { date: string }) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
