import { z } from 'zod';
import type { Adjustment, WorkingCalendar } from './calendar';
import { explainCalendarDays, explainHours, explainWorkingDays, outsideKnownYearsWarning } from './deadline-explain';
import { Duration } from './duration';
import { type LocalDate, MS_PER_HOUR, MS_PER_MINUTE, dayOfInstant, startOfDayMs, tryParseTimeOfDay } from './local-date';

export const CUTOFF_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Boundary schema (API, policy records); computeDeadline itself checks the same rules by hand. */
export const DeadlineRequestSchema = z.object({
  start: z.date(),
  duration: Duration,
  /** Office-hours cut-off replacing 24:00 on the last day (民法典 art. 203 ¶2 "有业务时间的"). */
  cutoff: z.string().regex(CUTOFF_PATTERN).optional(),
  /** Move a last day that is a rest day to the next working day (default true; calendar days only). */
  rollOverRestDay: z.boolean().optional(),
});
export type DeadlineRequest = z.infer<typeof DeadlineRequestSchema>;

export interface DeadlineResult {
  /** The instant the period ends; 24:00 of a day is represented as 00:00 of the next day. */
  dueAt: Date;
  start: Date;
  duration: Duration;
  cutoff: string | null;
  /** Whether a rest-day last day was allowed to move (only ever true for calendar days). */
  rollOverRestDay: boolean;
  /** Day the period ends on (after any roll-over); null for hour periods. */
  lastDay: LocalDate | null;
  /** Day reached by counting alone, before moving off a rest day; null for hour periods. */
  nominalLastDay: LocalDate | null;
  rule: string;
  ruleZh: string;
  calendarId: string;
  calendarVersion: number;
  /** 'CN v3' or 'CN-140000 v2 on CN v3'. */
  calendarLabel: string;
  /** true when a day outside the calendar's knownYears was consulted (Mon–Fri guess). */
  outsideKnownYears: boolean;
  /** Each weekend, holiday or 调休 make-up day that moved the end (in date order). */
  adjustments: Adjustment[];
  warnings: string[];
}

function checkRequest(request: DeadlineRequest): number {
  const startMs = request.start instanceof Date ? request.start.getTime() : Number.NaN;
  if (Number.isNaN(startMs)) throw new TypeError('computeDeadline: start must be a valid Date');
  const { amount, unit } = request.duration;
  if (!Number.isInteger(amount) || amount < 0 || amount > 3650) {
    throw new RangeError(`computeDeadline: duration.amount must be an integer 0–3650, got ${amount}`);
  }
  if (unit !== 'hours' && unit !== 'calendarDays' && unit !== 'workingDays') {
    throw new TypeError(`computeDeadline: unknown duration unit ${String(unit)}`);
  }
  return startMs;
}

function cutoffMinutes(cutoff: string | undefined): number {
  if (cutoff === undefined) return 24 * 60;
  const minutes = tryParseTimeOfDay(cutoff);
  if (Number.isNaN(minutes) || minutes === 0) {
    throw new RangeError(`computeDeadline: cutoff must be 'HH:MM' between 00:01 and 23:59, got ${JSON.stringify(cutoff)}`);
  }
  return minutes;
}

/**
 * Computes when a legal period ends (procedures.md §3):
 * - the day or hour in which the period starts is not counted (民事诉讼法 art. 85, 刑事诉讼法 art. 105);
 * - a period in days ends at 24:00 Asia/Shanghai of its last day, or at the office-hours cut-off
 *   (民法典 art. 203);
 * - calendarDays: a last day that is a weekend or statutory holiday (not a 调休 make-up day) moves to
 *   the first working day after it (民法典 art. 203, 民诉 art. 85) unless rollOverRestDay is false;
 * - workingDays: counts working days (including 调休 make-up days) from the day after the start day;
 * - hours: counting starts at the first whole hour after the start instant; no roll-over.
 */
export function computeDeadline(calendar: WorkingCalendar, request: DeadlineRequest): DeadlineResult {
  const startMs = checkRequest(request);
  const { amount, unit } = request.duration;
  const startDay = dayOfInstant(startMs);
  calendar.assertInRangeAt(startDay);
  const warnings: string[] = [];
  const adjustments: Adjustment[] = [];

  if (unit === 'hours') {
    if (request.cutoff !== undefined) {
      warnings.push(`cut-off ${request.cutoff} ignored: an hour period ends at an exact instant`);
    }
    // The hour in which the period starts is not counted: count from the next whole hour.
    // Shanghai's offset is a whole number of hours, so UTC hour boundaries are local ones.
    const countFromMs = Math.floor(startMs / MS_PER_HOUR) * MS_PER_HOUR + MS_PER_HOUR;
    const dueMs = countFromMs + amount * MS_PER_HOUR;
    calendar.assertInRangeAt(dayOfInstant(dueMs));
    const text = explainHours(calendar, startMs, countFromMs, dueMs, amount);
    return {
      dueAt: new Date(dueMs),
      start: new Date(startMs),
      duration: { amount, unit },
      cutoff: null,
      rollOverRestDay: false,
      lastDay: null,
      nominalLastDay: null,
      rule: text.rule,
      ruleZh: text.ruleZh,
      calendarId: calendar.id,
      calendarVersion: calendar.version,
      calendarLabel: calendar.label,
      outsideKnownYears: false,
      adjustments,
      warnings,
    };
  }

  const endMinutes = cutoffMinutes(request.cutoff);
  let nominalLastDay: number;
  let lastDay: number;
  let rollOverRestDay = false;
  let outsideKnownYears: boolean;
  let text: { rule: string; ruleZh: string };

  if (unit === 'calendarDays') {
    rollOverRestDay = request.rollOverRestDay ?? true;
    nominalLastDay = startDay + amount;
    calendar.assertInRangeAt(nominalLastDay);
    if (rollOverRestDay) {
      lastDay = calendar.firstWorkingDayFromAt(nominalLastDay);
      calendar.collectAdjustmentsAt(nominalLastDay, lastDay - 1, adjustments);
    } else {
      lastDay = nominalLastDay;
      if (calendar.isRestDayAt(lastDay)) {
        const rest = calendar.adjustmentAt(lastDay);
        warnings.push(`last day ${rest.date} is a ${rest.kind} (${rest.name}); roll-over to the next working day is disabled`);
      }
    }
    outsideKnownYears = calendar.isOutsideKnownAt(nominalLastDay, lastDay);
    text = explainCalendarDays(calendar, startDay, amount, nominalLastDay, lastDay, request.cutoff);
  } else {
    lastDay = calendar.addWorkingDaysAt(startDay, amount);
    nominalLastDay = lastDay;
    if (amount > 0) {
      calendar.collectAdjustmentsAt(startDay + 1, lastDay, adjustments);
      outsideKnownYears = calendar.isOutsideKnownAt(startDay + 1, lastDay);
    } else {
      outsideKnownYears = false;
    }
    text = explainWorkingDays(calendar, startDay, amount, lastDay, request.cutoff);
  }

  if (outsideKnownYears) warnings.push(outsideKnownYearsWarning(calendar, startDay, lastDay));
  const dueMs = startOfDayMs(lastDay) + endMinutes * MS_PER_MINUTE;
  return {
    dueAt: new Date(dueMs),
    start: new Date(startMs),
    duration: { amount, unit },
    cutoff: request.cutoff ?? null,
    rollOverRestDay,
    lastDay: calendar.dateText(lastDay),
    nominalLastDay: calendar.dateText(nominalLastDay),
    rule: text.rule,
    ruleZh: text.ruleZh,
    calendarId: calendar.id,
    calendarVersion: calendar.version,
    calendarLabel: calendar.label,
    outsideKnownYears,
    adjustments,
    warnings,
  };
}
