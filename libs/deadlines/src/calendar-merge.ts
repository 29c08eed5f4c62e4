import { type CalendarData, type CalendarDateEntry, CalendarDataSchema } from './calendar-data';

/**
 * Layers a jurisdiction's local calendar (e.g. 'CN-650000' with a regional festival, or a local
 * decision that moves a rest day) over the national one. For any date the local entry wins: a local
 * holiday can replace a national make-up day and vice versa; other national entries are kept.
 *
 * knownYears of the result is the intersection of both, because a year is only "known" when both
 * the national notice and the local decisions for it are in the data; national entries outside the
 * intersection are dropped (those years then fall back to Mon–Fri and are flagged, never guessed).
 */
export function mergeCalendars(national: CalendarData, local: CalendarData): CalendarData {
  const base = CalendarDataSchema.parse(national);
  const overlay = CalendarDataSchema.parse(local);
  if (base.basedOn !== undefined) throw new Error(`mergeCalendars: ${base.id} is itself a merged calendar`);
  const from = Math.max(base.knownYears.from, overlay.knownYears.from);
  const to = Math.min(base.knownYears.to, overlay.knownYears.to);
  if (from > to) {
    throw new Error(
      `mergeCalendars: ${overlay.id} knownYears ${overlay.knownYears.from}–${overlay.knownYears.to} ` +
        `does not overlap ${base.id} ${base.knownYears.from}–${base.knownYears.to}`,
    );
  }

  const byDate = new Map<string, { list: 'holidays' | 'makeupWorkdays'; entry: CalendarDateEntry }>();
  for (const source of [base, overlay]) {
    for (const list of ['holidays', 'makeupWorkdays'] as const) {
      for (const entry of source[list]) byDate.set(entry.date, { list, entry });
    }
  }
  const inKnownYears = (date: string): boolean => {
    const year = Number(date.slice(0, 4));
    return year >= from && year <= to;
  };
  const pick = (list: 'holidays' | 'makeupWorkdays'): CalendarDateEntry[] =>
    [...byDate.values()]
      .filter((item) => item.list === list && inKnownYears(item.entry.date))
      .map((item) => ({ date: item.entry.date, name: item.entry.name }))
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  return CalendarDataSchema.parse({
    id: overlay.id,
    version: overlay.version,
    knownYears: { from, to },
    holidays: pick('holidays'),
    makeupWorkdays: pick('makeupWorkdays'),
    basedOn: { id: base.id, version: base.version },
  });
}
