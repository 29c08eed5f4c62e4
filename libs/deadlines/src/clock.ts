import { z } from 'zod';
import type { Adjustment, WorkingCalendar } from './calendar';
import type { DeadlineResult } from './deadline';
import { outsideKnownYearsWarning } from './deadline-explain';
import type { DurationUnit } from './duration';
import {
  type DayIndex,
  type LocalDate,
  MS_PER_HOUR,
  dayOfInstant,
  formatInstant,
  formatLocalDate,
  parseLocalDate,
  startOfDayMs,
} from './local-date';

/**
 * A deadline clock with suspension (中止) and extension (延期), as a pure fold over events.
 *
 * Suspension, precisely:
 * - hours: the clock freezes to the millisecond; on resume the remaining time runs on.
 * - calendarDays / workingDays: whole days. The days from the suspension day (inclusive) to the
 *   resume day (exclusive) are not counted — the suspension day is given back whole, and counting
 *   resumes on the resume day (期间从中止原因消除之日起继续计算). Same-day suspend and resume gives back
 *   nothing. Calendar days move the last day by that many days (then the rest-day roll-over applies
 *   again); working days move it by the number of *working* days in that range, via the lookup.
 *   Days before counting began (the start day itself) are never given back.
 *   If the suspension starts after the counted last day, inside a rest-day roll-over, the days are
 *   added to the rolled-over day instead, so a resumed clock never ends before it was suspended.
 * While suspended, `dueAt` is the due instant as it stood when the clock stopped; no timer should be
 * armed on it.
 *
 * Extension moves the deadline to an approved later instant; it needs a reason and an approver and
 * is refused while suspended (resume first, so the approved instant is not shifted afterwards).
 */

export const ClockEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('suspend'), at: z.date(), reason: z.string().trim().min(1) }),
  z.object({ type: z.literal('resume'), at: z.date() }),
  z.object({
    type: z.literal('extend'),
    to: z.date(),
    reason: z.string().trim().min(1),
    approvedBy: z.string().trim().min(1),
    /** When the extension was approved; optional, checked for order when given. */
    at: z.date().optional(),
  }),
]);
export type ClockEvent = z.infer<typeof ClockEventSchema>;

export interface ClockHistoryEntry {
  type: 'computed' | 'suspend' | 'resume' | 'extend';
  at: Date | null;
  dueAtBefore: Date | null;
  dueAtAfter: Date;
  reason?: string;
  approvedBy?: string;
  /** English explanation of what this step did and why. */
  note: string;
  /** Rest days / make-up days that moved the end in this step. */
  adjustments: Adjustment[];
  outsideKnownYears: boolean;
}

/** Where the period stands, as plain data, so the next event can move it. */
export interface ClockPosition {
  unit: DurationUnit;
  calendarId: string;
  calendarVersion: number;
  /** First instant that counts: the next whole hour (hours) or 00:00 of the day after the start day. */
  countFromMs: number;
  /** Day periods: the counted last day, before any rest-day roll-over. */
  nominalLastDay: LocalDate | null;
  /** Day periods: the day the period ends on. */
  lastDay: LocalDate | null;
  /** Day periods: when on the last day it ends, in ms after 00:00 (24 h = 24:00, or the cut-off). */
  endOffsetMs: number | null;
  rollOverRestDay: boolean;
}

export interface ClockState {
  dueAt: Date;
  suspended: boolean;
  suspendedAt: Date | null;
  outsideKnownYears: boolean;
  warnings: string[];
  history: ClockHistoryEntry[];
  position: ClockPosition;
  /** Latest event instant seen, to refuse events out of order. */
  lastEventAt: Date;
}

export class ClockSequenceError extends Error {
  override readonly name = 'ClockSequenceError';
}

export function startClock(base: DeadlineResult): ClockState {
  const startMs = base.start.getTime();
  const unit = base.duration.unit;
  const countFromMs =
    unit === 'hours' ? Math.floor(startMs / MS_PER_HOUR) * MS_PER_HOUR + MS_PER_HOUR : startOfDayMs(dayOfInstant(startMs) + 1);
  const lastDay = base.lastDay;
  return {
    dueAt: base.dueAt,
    suspended: false,
    suspendedAt: null,
    outsideKnownYears: base.outsideKnownYears,
    warnings: [...base.warnings],
    history: [
      {
        type: 'computed',
        at: base.start,
        dueAtBefore: null,
        dueAtAfter: base.dueAt,
        note: base.rule,
        adjustments: base.adjustments,
        outsideKnownYears: base.outsideKnownYears,
      },
    ],
    position: {
      unit,
      calendarId: base.calendarId,
      calendarVersion: base.calendarVersion,
      countFromMs,
      nominalLastDay: base.nominalLastDay,
      lastDay,
      endOffsetMs: lastDay === null ? null : base.dueAt.getTime() - startOfDayMs(parseLocalDate(lastDay)),
      rollOverRestDay: base.rollOverRestDay,
    },
    lastEventAt: base.start,
  };
}

/** Applies one event; returns a new state (the input is not modified). Throws ClockSequenceError. */
export function applyClockEvent(calendar: WorkingCalendar, state: ClockState, event: ClockEvent): ClockState {
  const parsed = ClockEventSchema.safeParse(event);
  if (!parsed.success) {
    throw new ClockSequenceError(`invalid ${String(event.type)} event: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  if (calendar.id !== state.position.calendarId) {
    throw new ClockSequenceError(`clock was computed with calendar ${state.position.calendarId}, not ${calendar.id}`);
  }
  const at = event.at;
  if (at !== undefined && at.getTime() < state.lastEventAt.getTime()) {
    throw new ClockSequenceError(
      `${event.type} at ${formatInstant(at.getTime())} is before the previous event (${formatInstant(state.lastEventAt.getTime())})`,
    );
  }
  const next: ClockState = {
    ...state,
    warnings: [...state.warnings],
    history: [...state.history],
    position: { ...state.position },
    lastEventAt: at ?? state.lastEventAt,
  };
  if (calendar.version !== state.position.calendarVersion) {
    const warning = `calendar ${calendar.label} used for a clock computed with ${calendar.id} v${state.position.calendarVersion}`;
    if (!next.warnings.includes(warning)) next.warnings.push(warning);
  }
  switch (event.type) {
    case 'suspend':
      return suspend(next, event.at, event.reason);
    case 'resume':
      return resume(calendar, next, event.at);
    case 'extend':
      return extend(next, event.to, event.reason, event.approvedBy, event.at);
  }
}

/** Folds events in order over a computed deadline. */
export function foldClock(calendar: WorkingCalendar, base: DeadlineResult, events: readonly ClockEvent[]): ClockState {
  return events.reduce((state, event) => applyClockEvent(calendar, state, event), startClock(base));
}

function suspend(state: ClockState, at: Date, reason: string): ClockState {
  if (state.suspended) throw new ClockSequenceError('suspend: the clock is already suspended');
  if (at.getTime() >= state.dueAt.getTime()) {
    throw new ClockSequenceError(
      `suspend at ${formatInstant(at.getTime())}: the deadline ${formatInstant(state.dueAt.getTime(), true)} has already passed`,
    );
  }
  state.suspended = true;
  state.suspendedAt = at;
  state.history.push({
    type: 'suspend',
    at,
    dueAtBefore: state.dueAt,
    dueAtAfter: state.dueAt,
    reason,
    note: `clock suspended (中止) at ${formatInstant(at.getTime())}: ${reason}`,
    adjustments: [],
    outsideKnownYears: false,
  });
  return state;
}

function resume(calendar: WorkingCalendar, state: ClockState, at: Date): ClockState {
  if (!state.suspended || state.suspendedAt === null) {
    throw new ClockSequenceError('resume: the clock is not suspended');
  }
  const suspendedMs = state.suspendedAt.getTime();
  const resumedMs = at.getTime();
  const position = state.position;
  const adjustments: Adjustment[] = [];
  let dueMs: number;
  let note: string;
  let outsideKnownYears = false;

  if (position.unit === 'hours') {
    const frozenFrom = Math.max(suspendedMs, position.countFromMs);
    const remaining = state.dueAt.getTime() - frozenFrom;
    dueMs = Math.max(resumedMs, position.countFromMs) + remaining;
    note = `clock resumed at ${formatInstant(resumedMs)}; ${Math.round(remaining / 60_000)} minute(s) remained`;
  } else {
    const countFromDay = dayOfInstant(position.countFromMs);
    const firstSuspendedDay = Math.max(dayOfInstant(suspendedMs), countFromDay);
    const resumeDay = dayOfInstant(resumedMs);
    const nominal = parseLocalDate(position.nominalLastDay as LocalDate);
    const current = parseLocalDate(position.lastDay as LocalDate);
    let newNominal: DayIndex;
    let newLast: DayIndex;
    if (resumeDay <= firstSuspendedDay) {
      newNominal = nominal;
      newLast = current;
      note = `clock resumed at ${formatInstant(resumedMs)}; no whole day was suspended, deadline unchanged`;
    } else if (position.unit === 'calendarDays') {
      const days = resumeDay - firstSuspendedDay;
      newNominal = (firstSuspendedDay > nominal ? current : nominal) + days;
      newLast = position.rollOverRestDay ? calendar.firstWorkingDayFromAt(newNominal) : newNominal;
      calendar.collectAdjustmentsAt(newNominal, newLast - 1, adjustments);
      note =
        `clock resumed at ${formatInstant(resumedMs)}; ${days} calendar day(s) ` +
        `${calendar.dateText(firstSuspendedDay)}…${calendar.dateText(resumeDay - 1)} not counted`;
    } else {
      const days = calendar.workingDaysBetweenAt(firstSuspendedDay - 1, resumeDay - 1);
      newNominal = calendar.addWorkingDaysAt(current, days);
      newLast = newNominal;
      calendar.collectAdjustmentsAt(current + 1, newLast, adjustments);
      note =
        `clock resumed at ${formatInstant(resumedMs)}; ${days} working day(s) in ` +
        `${calendar.dateText(firstSuspendedDay)}…${calendar.dateText(resumeDay - 1)} not counted (calendar ${calendar.label})`;
    }
    if (resumeDay > firstSuspendedDay) {
      outsideKnownYears = calendar.isOutsideKnownAt(firstSuspendedDay, newLast);
      if (outsideKnownYears) state.warnings.push(outsideKnownYearsWarning(calendar, firstSuspendedDay, newLast));
    }
    position.nominalLastDay = calendar.dateText(newNominal);
    position.lastDay = calendar.dateText(newLast);
    dueMs = startOfDayMs(newLast) + (position.endOffsetMs as number);
  }

  const dueAt = new Date(dueMs);
  state.history.push({
    type: 'resume',
    at,
    dueAtBefore: state.dueAt,
    dueAtAfter: dueAt,
    note: `${note}; now due ${formatInstant(dueMs, true)}`,
    adjustments,
    outsideKnownYears,
  });
  state.dueAt = dueAt;
  state.suspended = false;
  state.suspendedAt = null;
  state.outsideKnownYears = state.outsideKnownYears || outsideKnownYears;
  return state;
}

function extend(state: ClockState, to: Date, reason: string, approvedBy: string, at: Date | undefined): ClockState {
  if (state.suspended) {
    throw new ClockSequenceError('extend: the clock is suspended; resume it before extending the deadline');
  }
  const toMs = to.getTime();
  if (toMs <= state.dueAt.getTime()) {
    throw new ClockSequenceError(
      `extend: new deadline ${formatInstant(toMs, true)} is not later than the current one ${formatInstant(state.dueAt.getTime(), true)}`,
    );
  }
  const position = state.position;
  if (position.unit !== 'hours') {
    // An instant at 00:00 belongs to the day it closes (24:00), like every day-period end.
    const lastDay = dayOfInstant(toMs - 1);
    position.nominalLastDay = formatLocalDate(lastDay);
    position.lastDay = position.nominalLastDay;
    position.endOffsetMs = toMs - startOfDayMs(lastDay);
  }
  state.history.push({
    type: 'extend',
    at: at ?? null,
    dueAtBefore: state.dueAt,
    dueAtAfter: to,
    reason,
    approvedBy,
    note: `deadline extended (延期) to ${formatInstant(toMs, true)}, approved by ${approvedBy}: ${reason}`,
    adjustments: [],
    outsideKnownYears: false,
  });
  state.dueAt = to;
  return state;
}
