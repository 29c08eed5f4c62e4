import type { Actor } from '../actor/actor';
import type { CaseEvent } from '../case/case-event';
import type { ArmedDeadline } from '../case/deadline-basis';
import type { RectificationAction, RecordVerificationInput, SubmitReportInput } from './rectification.actions';

/**
 * The rectification order (责令限期整改) as a pure state machine. The workflow is a thin shell that
 * feeds it actions and timer firings and persists what it returns; tests drive it directly.
 *
 *   awaiting_report --submitReport--> awaiting_recheck --recordVerification(passed)--> closed
 *         ^                                   |
 *         +------recordVerification(failed)---+   (new deadline, failures + 1)
 *
 * A deadline passing never changes the step: it is an event (deadline_missed) and the case is
 * marked overdue until the awaited action arrives.
 */
export type RectificationStep = 'awaiting_report' | 'awaiting_recheck' | 'closed';

export const PROCEDURE = 'rectification';

export interface RectificationState {
  caseId: string;
  step: RectificationStep;
  /** The deadline the current step is waiting on; null once closed. */
  deadline: ArmedDeadline | null;
  overdue: boolean;
  /** Failed re-checks so far (escalation thresholds count these). */
  failures: number;
}

export interface Transition {
  state: RectificationState;
  events: CaseEvent[];
}

export class ActionNotAllowedError extends Error {
  constructor(
    readonly action: string,
    readonly currentStep: RectificationStep,
    readonly allowedActions: RectificationAction[],
  ) {
    super(`Action "${action}" is not allowed in step "${currentStep}"; allowed: ${allowedActions.join(', ') || 'none'}`);
    this.name = 'ActionNotAllowedError';
  }
}

const ALLOWED: Record<RectificationStep, RectificationAction[]> = {
  awaiting_report: ['submitReport'],
  awaiting_recheck: ['recordVerification'],
  closed: [],
};

export function allowedActions(state: Pick<RectificationState, 'step'>): RectificationAction[] {
  return ALLOWED[state.step] ?? [];
}

export function assertAllowed(state: RectificationState, action: RectificationAction): void {
  if (!ALLOWED[state.step].includes(action)) throw new ActionNotAllowedError(action, state.step, ALLOWED[state.step]);
}

function event(
  state: RectificationState,
  after: RectificationStep,
  type: string,
  at: string,
  actor: Actor | null,
  data: Record<string, unknown>,
  reason: string | null = null,
): CaseEvent {
  return { type, procedure: PROCEDURE, at, actor, reason, before: state.step, after, data };
}

/** The order is issued: the report deadline is armed. */
export function issueOrder(caseId: string, reportDeadline: ArmedDeadline, actor: Actor, at: string, orderKind: string): Transition {
  const state: RectificationState = { caseId, step: 'awaiting_report', deadline: reportDeadline, overdue: false, failures: 0 };
  return {
    state,
    events: [
      {
        type: 'order_issued',
        procedure: PROCEDURE,
        at,
        actor,
        reason: null,
        before: null,
        after: state.step,
        data: { orderKind, deadline: reportDeadline },
      },
    ],
  };
}

/** The enterprise's report arrives; the re-check (复查) deadline is armed from it. */
export function submitReport(
  state: RectificationState,
  input: SubmitReportInput,
  actor: Actor,
  at: string,
  recheckDeadline: ArmedDeadline,
): Transition {
  assertAllowed(state, 'submitReport');
  // Late when the deadline was marked missed, or when it passed before the report even though the
  // timer's transition had not run yet (it is dropped once the report has moved the step on).
  const late = state.overdue || (state.deadline !== null && Date.parse(at) > Date.parse(state.deadline.dueAt));
  const next: RectificationState = { ...state, step: 'awaiting_recheck', deadline: recheckDeadline, overdue: false };
  return {
    state: next,
    events: [
      event(state, next.step, 'report_submitted', at, actor, {
        summary: input.summary,
        attachments: input.attachments,
        late,
        deadline: recheckDeadline,
      }),
    ],
  };
}

/** The signed re-check result: pass ends the order; fail re-arms a new report deadline. */
export function recordVerification(
  state: RectificationState,
  input: RecordVerificationInput,
  actor: Actor,
  at: string,
  newReportDeadline: ArmedDeadline | null,
): Transition {
  assertAllowed(state, 'recordVerification');
  if (input.result === 'passed') {
    const next: RectificationState = { ...state, step: 'closed', deadline: null, overdue: false };
    return {
      state: next,
      events: [event(state, next.step, 'verification_passed', at, actor, { inspector: input.inspector, findings: input.findings })],
    };
  }
  if (!newReportDeadline) throw new Error('a failed re-check needs the new report deadline');
  const next: RectificationState = {
    ...state,
    step: 'awaiting_report',
    deadline: newReportDeadline,
    overdue: false,
    failures: state.failures + 1,
  };
  return {
    state: next,
    events: [
      event(state, next.step, 'verification_failed', at, actor, {
        inspector: input.inspector,
        findings: input.findings,
        failures: next.failures,
        deadline: newReportDeadline,
      }),
    ],
  };
}

/**
 * Which deadline a timer was set for: the step it guards, the event that started its clock, and
 * the instant it falls due. A re-arm or a new step gives a different identity.
 */
export type DeadlineIdentity = Pick<ArmedDeadline, 'step' | 'start' | 'dueAt'>;

export function sameDeadline(a: DeadlineIdentity | null, b: DeadlineIdentity | null): boolean {
  if (!a || !b) return false;
  return a.step === b.step && Date.parse(a.start) === Date.parse(b.start) && Date.parse(a.dueAt) === Date.parse(b.dueAt);
}

/**
 * The deadline `passed` (the one a timer was set for) went by with the awaited action missing. A
 * timer can fire while an action is queued; by the time its transition runs, that action may have
 * moved the step on and armed a new deadline. The transition therefore names its deadline and is
 * dropped when that deadline is no longer the armed one. Idempotent: a second firing is a no-op.
 */
export function deadlinePassed(state: RectificationState, passed: DeadlineIdentity, at: string): Transition {
  if (state.step === 'closed' || state.overdue || !state.deadline) return { state, events: [] };
  if (!sameDeadline(state.deadline, passed)) return { state, events: [] };
  const next: RectificationState = { ...state, overdue: true };
  return {
    state: next,
    events: [event(state, next.step, 'deadline_missed', at, null, { deadline: state.deadline })],
  };
}

/**
 * An administrator moved the case to another policy version or calendar: the current step's
 * deadline is recomputed and the change recorded (before and after). A deadline that now lies in
 * the future clears the overdue mark; one already past stays (or becomes) overdue on the next tick.
 */
export function rearmDeadline(
  state: RectificationState,
  deadline: ArmedDeadline,
  actor: Actor,
  at: string,
  reason: string,
  cause: string,
): Transition {
  if (state.step === 'closed' || !state.deadline) throw new ActionNotAllowedError('rearmDeadline', state.step, ALLOWED[state.step]);
  const stillPast = Date.parse(deadline.dueAt) <= Date.parse(at);
  const next: RectificationState = { ...state, deadline, overdue: stillPast && state.overdue };
  return {
    state: next,
    events: [event(state, next.step, 'deadline_rearmed', at, actor, { cause, before: state.deadline, after: deadline }, reason)],
  };
}
