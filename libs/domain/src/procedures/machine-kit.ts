import { z } from 'zod';
import type { Actor } from '../actor/actor';
import { OUTSIDE_CALENDAR_YEARS, withinCalendarYears } from '../case/calendar-years';
import type { CaseEvent } from '../case/case-event';
import { freeText, identifier } from '../text/free-text';
import { Attachment } from '../rectification/rectification.actions';
import { awaitingRoleOf } from './awaiting-role';
import {
  ActionContext,
  ActionSpec,
  DeadlineRequest,
  InvalidProcedureInputError,
  Outcome,
  ParentRequest,
  ProcedureRole,
  ProcedureState,
  UnexpectedProcedureInputError,
} from './procedure-machine';

/**
 * What every machine shares: building outcomes (so armed/overdue bookkeeping and the before/after of
 * events are done once), declaring actions with typed inputs, and the common deadline rule.
 *
 * Bookkeeping kept in `state.data` by every machine:
 * - `armed`: steps whose deadline this machine asked the shell to arm and has not dropped since;
 * - `overdue`: steps whose deadline passed while still awaited (cleared when the step is done or re-armed).
 */

export { Attachment };

/** The signing inspector (谁检查、谁签名、谁负责). */
export const Inspector = z.object({ id: identifier(64), name: freeText({ max: 100 }) }).strict();
export type Inspector = z.infer<typeof Inspector>;

/** Attachments of a step; enterprise documents (report, plan) must come with at least one. */
export const attachments = (min = 0) => (min === 0 ? z.array(Attachment).max(50).default([]) : z.array(Attachment).min(min).max(50));
export const documentAttachments = () =>
  attachments(1).describe("the enterprise's document (scan or file), recorded by the officer on its behalf: at least one");

/** A reason, note or summary typed by a person. */
export const text = (max = 5000) => freeText({ max, trim: true });

/**
 * An ISO instant with offset (when something happened outside the system: served, received, held),
 * within the years the calendars cover (1992–2100): deadlines are counted from these instants.
 */
export const Instant = z.iso.datetime({ offset: true }).refine(withinCalendarYears, { message: OUTSIDE_CALENDAR_YEARS });

export interface EventSpec {
  type: string;
  data?: Record<string, unknown>;
  reason?: string | null;
}

export interface Change {
  step?: string;
  outcome?: string;
  /** Shallow merge into `state.data`. */
  data?: Record<string, unknown>;
  events: EventSpec[];
  arm?: DeadlineRequest[];
  disarm?: string[];
  requests?: ParentRequest[];
}

export const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
export const armedSteps = (state: ProcedureState): string[] => strings(state.data['armed']);
export const overdueSteps = (state: ProcedureState): string[] => strings(state.data['overdue']);
export const isOverdue = (state: ProcedureState, step: string): boolean => overdueSteps(state).includes(step);

function without(list: string[], drop: readonly string[]): string[] {
  return list.filter((s) => !drop.includes(s));
}

/**
 * The one way a machine changes state. A completed outcome (`outcome` set) disarms every deadline and
 * ends with a `completed` request to the case workflow; disarmed or re-armed steps leave `overdue`.
 */
export function change(state: ProcedureState, c: Change, at: string, actor: Actor | null): Outcome {
  const completing = c.outcome !== undefined;
  const armNow = c.arm ?? [];
  const armedBefore = armedSteps(state);
  const disarm = completing ? [...new Set([...armedBefore, ...(c.disarm ?? [])])] : [...new Set(c.disarm ?? [])];
  const armSteps = armNow.map((d) => d.step);
  const armed = completing ? [] : [...without(without(armedBefore, disarm), armSteps), ...armSteps];
  const overdue = completing ? [] : without(overdueSteps(state), [...disarm, ...armSteps]);
  const next: ProcedureState = {
    ...state,
    step: c.step ?? state.step,
    status: completing ? 'completed' : state.status,
    outcome: completing ? (c.outcome as string) : state.outcome,
    data: {
      ...state.data,
      ...(c.data ?? {}),
      armed,
      overdue,
      awaitingRole: completing ? null : awaitingRoleOf(state.procedure, c.step ?? state.step),
    },
  };
  const events: CaseEvent[] = c.events.map((e) => ({
    type: e.type,
    procedure: state.procedure,
    at,
    actor,
    reason: e.reason ?? null,
    before: state.step,
    after: next.step,
    data: { procedureId: state.procedureId, ...(e.data ?? {}) },
  }));
  const requests = [...(c.requests ?? [])];
  if (completing) requests.push({ kind: 'completed', outcome: c.outcome as string });
  // Overdue steps are no longer armed here but the shell still shows their passed deadline: drop those too.
  const dropped = completing ? [...new Set([...disarm, ...overdueSteps(state)])] : disarm;
  return { state: next, events, arm: completing ? [] : armNow, disarm: dropped, requests };
}

/** The first state of a procedure instance, and its start event (before: null). */
export function started(
  procedureId: string,
  procedure: ProcedureState['procedure'],
  step: string,
  c: Omit<Change, 'step'> & { data: Record<string, unknown> },
  ctx: ActionContext,
): Outcome {
  const blank: ProcedureState = { procedureId, procedure, step, status: 'active', outcome: null, data: { armed: [], overdue: [] } };
  const out = change(blank, c, ctx.at, ctx.actor);
  return { ...out, events: out.events.map((e) => ({ ...e, before: null })) };
}

export function noChange(state: ProcedureState): Outcome {
  return { state, events: [], arm: [], disarm: [], requests: [] };
}

export interface ActionDef<S extends z.ZodType> {
  name: string;
  nameZh: string;
  nameEn: string;
  input: S;
  roles: readonly ProcedureRole[];
  /** Catalog step(s) the action belongs to; by default it is allowed exactly there. */
  steps: readonly string[];
  allowedIn?: (state: ProcedureState) => boolean;
  apply: (state: ProcedureState, input: z.infer<S>, ctx: ActionContext) => Outcome;
}

/** An action whose `apply` validates its input with its own schema before anything else. */
export function action<S extends z.ZodType>(def: ActionDef<S>): ActionSpec {
  const allowedIn = def.allowedIn ?? ((state: ProcedureState) => def.steps.includes(state.step));
  return {
    name: def.name,
    nameZh: def.nameZh,
    nameEn: def.nameEn,
    input: def.input,
    roles: def.roles,
    steps: def.steps,
    allowedIn: (state) => state.status === 'active' && allowedIn(state),
    apply: (state, input, ctx) => def.apply(state, def.input.parse(input), ctx),
  };
}

export const OFFICER: readonly ProcedureRole[] = ['officer'];
export const SUPERVISOR: readonly ProcedureRole[] = ['supervisor'];
export const AGENCY_HEAD: readonly ProcedureRole[] = ['agency_head'];
/** Steps of outside parties (enterprise, police, procuratorate): an officer records what arrived. */
export const RECORDED_BY_OFFICER: readonly ProcedureRole[] = ['officer'];

/**
 * A deadline passed. Always an event when the step's deadline is still armed here: `deadline_passed`,
 * and the step marked overdue (a second firing is then a no-op, as is a timer that fired after an
 * action had already dropped its deadline). The deadline is *not* disarmed: the shell keeps showing
 * it as overdue and runs its escalation rungs until the awaited act drops it. `then` adds what the
 * catalog says follows from the passing (e.g. a clock that starts "when the deadline passes").
 */
export function deadlinePassedDefault(
  state: ProcedureState,
  step: string,
  at: string,
  then?: (state: ProcedureState) => Partial<Change>,
): Outcome {
  if (state.status !== 'active' || !armedSteps(state).includes(step)) return noChange(state);
  const extra = then?.(state) ?? {};
  const out = change(
    state,
    { ...extra, events: [{ type: 'deadline_passed', data: { step, awaitedIn: state.step } }, ...(extra.events ?? [])] },
    at,
    null,
  );
  if (out.state.status !== 'active') return out;
  const data = out.state.data;
  return {
    ...out,
    state: {
      ...out.state,
      data: { ...data, armed: without(strings(data['armed']), [step]), overdue: [...without(strings(data['overdue']), [step]), step] },
    },
  };
}

/** Machines that request no approvals (or not this one) call this: a shell bug, not user input. */
export function unexpectedApproval(state: ProcedureState, approval: string): never {
  throw new UnexpectedProcedureInputError(
    `${state.procedure} (${state.procedureId}) in step "${state.step}" awaits no "${approval}" approval`,
  );
}

/** Whether `late`: the step's deadline was marked passed before the act was recorded. */
export const lateFor = (state: ProcedureState, step: string): boolean => isOverdue(state, step);

/** Deterministic instant comparison (no clock): a strictly after b. */
export const isAfter = (a: string, b: string): boolean => Date.parse(a) > Date.parse(b);

/** A date the act states (new deadline, rectification deadline) must lie after the act itself. */
export function requireAfter(value: string | undefined, at: string, path: string): void {
  if (value !== undefined && !isAfter(value, at)) {
    throw new InvalidProcedureInputError([{ path, message: `must lie after the moment of the act (${at})` }]);
  }
}

/** A date the act reports (received, held, decided) cannot lie after the moment it is recorded. */
export function requireNotAfter(value: string | undefined, at: string, path: string): void {
  if (value !== undefined && isAfter(value, at)) {
    throw new InvalidProcedureInputError([{ path, message: `cannot lie after the moment it is recorded (${at})` }]);
  }
}
