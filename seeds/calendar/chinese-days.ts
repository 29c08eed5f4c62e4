import { type CalendarData, type CalendarDateEntry, CalendarDataSchema } from '@anjian/deadlines';
import { z } from 'zod';
// chinese-days documents dist/chinese-days.json as its data file for non-JS consumers; reading it
// directly avoids its runtime (which answers per date) and gives us the raw State Council lists.
import rawData from 'chinese-days/dist/chinese-days.json';

/**
 * chinese-days 1.5.7 JSON: date → "English name,中文名,n".
 * - holidays: statutory rest days (including weekend days inside a holiday block); ordinary
 *   weekends are not listed — WorkingCalendar derives them.
 * - workdays: 调休 make-up working days on weekends.
 * - inLieuDays: holiday days that are paid back by a make-up day (informational; already in holidays).
 */
const ChineseDaysJson = z.object({
  holidays: z.record(z.string(), z.string()),
  workdays: z.record(z.string(), z.string()),
  inLieuDays: z.record(z.string(), z.string()),
});

/** "Spring Festival,春节,4" → "春节 Spring Festival". */
function entryName(raw: string): string {
  const [english, chinese] = raw.split(',');
  if (english === undefined || chinese === undefined) throw new Error(`chinese-days: unexpected name ${raw}`);
  return `${chinese} ${english}`;
}

function toEntries(byDate: Record<string, string>): CalendarDateEntry[] {
  return Object.keys(byDate)
    .sort()
    .map((date) => ({ date, name: entryName(byDate[date]) }));
}

/**
 * The national calendar 'CN' from the chinese-days package. knownYears is the span of years the
 * package has State Council data for (2004–2026 in 1.5.7), checked to have no gap.
 */
export function nationalCalendarFromChineseDays(version: number): CalendarData {
  const data = ChineseDaysJson.parse(rawData);
  const years = Object.keys(data.holidays).map((date) => Number(date.slice(0, 4)));
  const from = Math.min(...years);
  const to = Math.max(...years);
  const covered = new Set(years);
  for (let year = from; year <= to; year++) {
    if (!covered.has(year)) throw new Error(`chinese-days: no holidays for ${year}, cannot claim ${from}–${to} as known`);
  }
  return CalendarDataSchema.parse({
    id: 'CN',
    version,
    knownYears: { from, to },
    holidays: toEntries(data.holidays),
    makeupWorkdays: toEntries(data.workdays),
  });
}
