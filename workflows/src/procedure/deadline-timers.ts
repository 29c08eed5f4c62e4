import type { ProcedureDeadline } from '@anjian/contracts';
import type { ArmedDeadline } from '@anjian/domain/src/case/deadline-basis';

/**
 * What the procedure shell keeps about each armed deadline and which timer fires next. Pure: the
 * workflow passes "now" (workflow time) in, so these functions are tested without a server.
 *
 * Each deadline has, in time order: its reminders (before the due instant), the due instant itself,
 * then its escalation rungs (after it). They fire in that order, one at a time; counters say how far
 * each deadline has got, so a firing is never repeated (also across continue-as-new).
 */

export type FiringKind = 'reminder' | 'due' | 'escalation';

export interface Firing {
  kind: FiringKind;
  step: string;
  /** Which reminder / rung (0-based); 0 for 'due'. */
  index: number;
  at: string;
  /** Identity of the deadline it belongs to: a re-armed or extended deadline is another one. */
  dueAt: string;
  start: string;
}

/**
 * A freshly armed (or re-armed, extended, resumed) deadline. Reminders already past when it is armed
 * are collapsed: the latest of them fires once, right away (a reminder 3 days before a deadline armed
 * 1 day ahead still tells the assignee), the earlier ones are skipped.
 */
export function trackDeadline(armed: ArmedDeadline, nowMs: number): ProcedureDeadline {
  const past = armed.reminders.filter((r) => Date.parse(r) <= nowMs).length;
  return { ...armed, overdue: false, remindersFired: Math.max(0, past - 1), escalationsFired: 0, remainingMs: null };
}

/** Replaces the deadlines of the steps armed now and drops the disarmed ones; order by due instant. */
export function replaceDeadlines(
  current: readonly ProcedureDeadline[],
  disarm: readonly string[],
  armed: readonly ProcedureDeadline[],
): ProcedureDeadline[] {
  const replaced = new Set([...disarm, ...armed.map((d) => d.step)]);
  return [...current.filter((d) => !replaced.has(d.step)), ...armed].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
}

function nextOf(d: ProcedureDeadline): Firing | null {
  const base = { step: d.step, dueAt: d.dueAt, start: d.start };
  if (d.remindersFired < d.reminders.length && !d.overdue) {
    return { ...base, kind: 'reminder', index: d.remindersFired, at: d.reminders[d.remindersFired]! };
  }
  if (!d.overdue) return { ...base, kind: 'due', index: 0, at: d.dueAt };
  const rung = d.escalations[d.escalationsFired];
  if (rung) return { ...base, kind: 'escalation', index: d.escalationsFired, at: rung.at };
  return null;
}

/** The earliest firing over all deadlines; none while the procedure is suspended (中止). */
export function nextFiring(deadlines: readonly ProcedureDeadline[], suspended: boolean): Firing | null {
  if (suspended) return null;
  let best: Firing | null = null;
  for (const d of deadlines) {
    const f = nextOf(d);
    if (f && (!best || Date.parse(f.at) < Date.parse(best.at))) best = f;
  }
  return best;
}

/** The deadline a firing was computed for, if it is still armed as it was and the firing still due next. */
export function deadlineOf(deadlines: readonly ProcedureDeadline[], f: Firing): ProcedureDeadline | undefined {
  const d = deadlines.find((x) => x.step === f.step && x.dueAt === f.dueAt && x.start === f.start);
  if (!d) return undefined;
  const n = nextOf(d);
  return n && n.kind === f.kind && n.index === f.index ? d : undefined;
}

/** The deadline after `f` fired. */
export function afterFiring(d: ProcedureDeadline, f: Firing): ProcedureDeadline {
  switch (f.kind) {
    case 'reminder':
      return { ...d, remindersFired: d.remindersFired + 1 };
    case 'due':
      // Reminders not yet sent are moot once the deadline passed.
      return { ...d, overdue: true, remindersFired: d.reminders.length };
    case 'escalation':
      return { ...d, escalationsFired: d.escalationsFired + 1 };
  }
}

export function updateDeadline(deadlines: readonly ProcedureDeadline[], next: ProcedureDeadline): ProcedureDeadline[] {
  return deadlines.map((d) => (d.step === next.step ? next : d));
}

/**
 * 中止: each deadline not yet passed keeps the time left (to the millisecond); the ones already
 * passed keep their escalation ladder, shifted on resume by the time spent suspended.
 */
export function suspendDeadlines(deadlines: readonly ProcedureDeadline[], nowMs: number): ProcedureDeadline[] {
  return deadlines.map((d) => ({ ...d, remainingMs: d.overdue ? 0 : Math.max(0, Date.parse(d.dueAt) - nowMs) }));
}

/**
 * Where a suspended deadline falls due on resumption: now + the time that was left; a passed one
 * moves by the time spent suspended (its rungs with it). The shell re-arms not-yet-passed deadlines
 * at this instant (explicitDueAt), so reminders and rungs come from the policy again.
 */
export function resumedDueAt(d: ProcedureDeadline, suspendedAtMs: number, nowMs: number): string {
  if (d.overdue) return new Date(Date.parse(d.dueAt) + (nowMs - suspendedAtMs)).toISOString();
  return new Date(nowMs + (d.remainingMs ?? Math.max(0, Date.parse(d.dueAt) - suspendedAtMs))).toISOString();
}

/** A passed deadline after resumption: its unfired rungs move by the time spent suspended. */
export function shiftOverdue(d: ProcedureDeadline, suspendedAtMs: number, nowMs: number): ProcedureDeadline {
  const by = nowMs - suspendedAtMs;
  const shift = (iso: string) => new Date(Date.parse(iso) + by).toISOString();
  return {
    ...d,
    dueAt: shift(d.dueAt),
    escalations: d.escalations.map((e, i) => (i < d.escalationsFired ? e : { ...e, at: shift(e.at) })),
    remainingMs: null,
  };
}

/** The most urgent deadline for the projection row: the earliest not yet passed, else the latest passed. */
export function mostUrgent(deadlines: readonly ProcedureDeadline[]): ProcedureDeadline | null {
  const open = deadlines.filter((d) => !d.overdue);
  if (open.length > 0) return open.reduce((a, b) => (Date.parse(a.dueAt) <= Date.parse(b.dueAt) ? a : b));
  return deadlines.length > 0 ? deadlines.reduce((a, b) => (Date.parse(a.dueAt) >= Date.parse(b.dueAt) ? a : b)) : null;
}
