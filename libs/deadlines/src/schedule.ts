import type { WorkingCalendar } from './calendar';
import type { Duration } from './duration';
import { MS_PER_DAY, MS_PER_HOUR, dayOfInstant, startOfDayMs } from './local-date';

export type OffsetDirection = 'before' | 'after';

export interface OffsetResult {
  at: Date;
  /** true when a working-day offset consulted a day outside the calendar's knownYears. */
  outsideKnownYears: boolean;
}

/**
 * An instant a given period before or after another one: reminders ("3 working days before the
 * deadline") and escalation rungs ("2 days after it became overdue").
 *
 * - hours / calendarDays: exact arithmetic (n × 1 h, n × 24 h; Shanghai has no DST), no roll-over —
 *   a reminder is a notification, not a legal period.
 * - workingDays: keeps the time of day and moves the day by n working days, never counting the
 *   anchor day itself. An instant at exactly 00:00 is read as 24:00 of the day before, so
 *   "3 working days before a deadline at 24:00 on Wed" is 24:00 three working days before Wed.
 */
export function offsetFromDetailed(calendar: WorkingCalendar, instant: Date, duration: Duration, direction: OffsetDirection): OffsetResult {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new TypeError('offsetFrom: instant must be a valid Date');
  const sign = direction === 'before' ? -1 : 1;
  const { amount, unit } = duration;
  if (!Number.isInteger(amount) || amount < 0) throw new RangeError(`offsetFrom: amount must be a non-negative integer`);
  if (unit === 'hours') return { at: new Date(ms + sign * amount * MS_PER_HOUR), outsideKnownYears: false };
  if (unit === 'calendarDays') return { at: new Date(ms + sign * amount * MS_PER_DAY), outsideKnownYears: false };

  const anchorDay = dayOfInstant(ms - 1);
  const timeOfDayMs = ms - startOfDayMs(anchorDay); // in (0, 24 h]
  const targetDay = calendar.addWorkingDaysAt(anchorDay, sign * amount);
  const outsideKnownYears =
    amount === 0
      ? false
      : sign > 0
        ? calendar.isOutsideKnownAt(anchorDay + 1, targetDay)
        : calendar.isOutsideKnownAt(targetDay, anchorDay - 1);
  return { at: new Date(startOfDayMs(targetDay) + timeOfDayMs), outsideKnownYears };
}

export function offsetFrom(calendar: WorkingCalendar, instant: Date, duration: Duration, direction: OffsetDirection): Date {
  return offsetFromDetailed(calendar, instant, duration, direction).at;
}

export interface ScheduledInstant {
  at: Date;
  kind: 'reminder' | 'escalation';
  /** Position in the reminders or escalations list it came from (= escalation rung). */
  index: number;
  offset: Duration;
  outsideKnownYears: boolean;
}

/**
 * Reminder instants (each offset before dueAt) and escalation instants (each offset after it), sorted
 * by time; ties keep reminders first, then list order. Instants already in the past are kept: the
 * caller knows "now" (workflow time), this pure function does not.
 */
export function scheduleFor(
  calendar: WorkingCalendar,
  dueAt: Date,
  reminders: readonly Duration[],
  escalations: readonly Duration[],
): ScheduledInstant[] {
  const planned: ScheduledInstant[] = [];
  reminders.forEach((offset, index) => {
    const { at, outsideKnownYears } = offsetFromDetailed(calendar, dueAt, offset, 'before');
    planned.push({ at, kind: 'reminder', index, offset, outsideKnownYears });
  });
  escalations.forEach((offset, index) => {
    const { at, outsideKnownYears } = offsetFromDetailed(calendar, dueAt, offset, 'after');
    planned.push({ at, kind: 'escalation', index, offset, outsideKnownYears });
  });
  // Array.prototype.sort is stable, so equal instants keep the push order above.
  return planned.sort((a, b) => a.at.getTime() - b.at.getTime());
}
