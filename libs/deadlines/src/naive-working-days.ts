import type { CalendarData } from './calendar-data';
import { MS_PER_DAY, SHANGHAI_OFFSET_MS } from './local-date';

/**
 * The obvious day-by-day implementation, kept only as a reference: the specs cross-check the
 * lookup tables against it and the benchmark measures what the lookup saves. Not exported from the
 * package; do not use it in workflow code.
 *
 * Returns the end instant (24:00 Asia/Shanghai of the n-th working day after the start day).
 */
export function naiveWorkingDayDeadline(data: CalendarData): (startMs: number, n: number) => number {
  const holidays = new Set(data.holidays.map((entry) => entry.date));
  const makeupWorkdays = new Set(data.makeupWorkdays.map((entry) => entry.date));
  return (startMs, n) => {
    // Midnight (local) of the start day, expressed as a UTC-shifted Date walked one day at a time.
    let local = new Date(Math.floor((startMs + SHANGHAI_OFFSET_MS) / MS_PER_DAY) * MS_PER_DAY);
    let counted = 0;
    while (counted < n) {
      local = new Date(local.getTime() + MS_PER_DAY);
      const key = local.toISOString().slice(0, 10);
      const weekday = local.getUTCDay();
      const working = makeupWorkdays.has(key) || (weekday !== 0 && weekday !== 6 && !holidays.has(key));
      if (working) counted++;
    }
    return local.getTime() + MS_PER_DAY - SHANGHAI_OFFSET_MS;
  };
}
