import type { Duration } from '@anjian/deadlines/src/duration';

/** About 250 working days a year in China; 10 years of them is the same ceiling as 3650 calendar days. */
export const MAX_WORKING_DAYS = 2500;

/**
 * Hours and calendar days convert exactly (China has no daylight saving). Working days do not: how long
 * "5 working days" lasts depends on the holiday calendar (a Spring Festival week adds 9 days), so they
 * are only comparable with other working days.
 */
export function compareDurations(a: Duration, b: Duration): number | undefined {
  if (a.unit === b.unit) return a.amount - b.amount;
  if (a.unit === 'workingDays' || b.unit === 'workingDays') return undefined;
  return toHours(a) - toHours(b);
}

function toHours(d: Duration): number {
  return d.unit === 'hours' ? d.amount : d.amount * 24;
}

export function formatDuration(d: Duration): string {
  const unit = d.unit === 'hours' ? 'hour' : d.unit === 'calendarDays' ? 'calendar day' : 'working day';
  return `${d.amount} ${unit}${d.amount === 1 ? '' : 's'}`;
}
