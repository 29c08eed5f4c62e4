import type { z } from 'zod';
import type { Actor, Role } from '../actor/actor';
import type { CaseEvent } from '../case/case-event';
import type { ProcedureId } from '../catalog/procedure';

/**
 * The contract between the six pure procedure machines and the one workflow shell that runs each of
 * them as a child of the case workflow (spec.md §C). A machine never reads the clock, never computes a
 * deadline instant and never talks to anything: it answers "given this state and this input, what
 * happened, which deadlines to arm or drop, and what must the case workflow do".
 */

/**
 * Who may perform an action. `agency_head` (负责人) is named here as well as in `Role` so machines can
 * list it whether or not the identity change to actor.ts has landed (a union with a repeated member
 * is the same type).
 */
export type ProcedureRole = Role | 'agency_head';

export interface ProcedureState {
  /** Instance id within the case, e.g. 'rectification-1'. */
  procedureId: string;
  procedure: ProcedureId;
  /** Catalog step id being waited on, or a terminal step. */
  step: string;
  /** Suspension (中止) is the shell's business, not the machine's. */
  status: 'active' | 'completed';
  /** e.g. 'rectified', 'escalated', 'filed', 'returned_to_administrative'; null while active. */
  outcome: string | null;
  /** Machine-specific (failures, level, branch, …); JSON-serialisable. */
  data: Record<string, unknown>;
}

/**
 * A deadline to arm: the shell resolves the pinned policy for (procedure, step) and computes the due
 * instant from `start`, unless the document itself stated one (`explicitDueAt`, e.g. the date written
 * on a rectification order). `basis` says in words what started the clock.
 */
export interface DeadlineRequest {
  step: string;
  start: string;
  explicitDueAt?: string;
  basis?: string;
}

export type ApprovalKind = 'closure' | 'transfer' | 'extension' | 'listing_level' | 'suspension';
export type ApproverRole = 'supervisor' | 'agency_head';
export type ApprovalDecision = 'approved' | 'returned';

export type ParentRequest =
  | { kind: 'start_procedure'; procedure: ProcedureId; reason: string; input?: Record<string, unknown> }
  | {
      kind: 'approval';
      approval: ApprovalKind;
      approverRole: ApproverRole;
      summary: string;
      data?: Record<string, unknown>;
    }
  | { kind: 'completed'; outcome: string }
  | { kind: 'pause_administrative' }
  | { kind: 'resume_administrative' };

export interface Outcome {
  state: ProcedureState;
  /** What happened (type, before/after step, data), in order. */
  events: CaseEvent[];
  /** Deadlines to arm now (replace any armed for the same step). */
  arm: DeadlineRequest[];
  /** Steps whose deadlines no longer apply. */
  disarm: string[];
  /** Requests to the case workflow. */
  requests: ParentRequest[];
}

export interface ActionContext {
  at: string;
  actor: Actor;
}

export interface ActionSpec {
  name: string;
  nameZh: string;
  nameEn: string;
  /** Strict zod schema of the action's input (published in OpenAPI). */
  input: z.ZodType;
  /** Who may perform it. Steps of the enterprise are recorded by an officer on its behalf. */
  roles: readonly ProcedureRole[];
  /**
   * The catalog step(s) this action records (for actions that may come at several steps, such as ending
   * a procedure as escalated, the steps it may come at). Documentation, checked against the catalog.
   */
  steps: readonly string[];
  allowedIn: (state: ProcedureState) => boolean;
  /** Validates `input` with `input` above itself (throws a ZodError), so a caller cannot skip it. */
  apply: (state: ProcedureState, input: unknown, ctx: ActionContext) => Outcome;
}

export interface ProcedureMachine {
  procedure: ProcedureId;
  /** What starting the procedure needs (strict). */
  startInput: z.ZodType;
  start: (procedureId: string, input: unknown, ctx: ActionContext) => Outcome;
  actions: Record<string, ActionSpec>;
  /** A deadline armed for `step` passed: always an event (never silent), unless no longer armed. */
  deadlinePassed: (state: ProcedureState, step: string, at: string) => Outcome;
  /** The case workflow's approver decided an approval this machine requested. */
  approvalDecided: (
    state: ProcedureState,
    approval: ApprovalKind,
    decision: ApprovalDecision,
    reason: string | null,
    ctx: ActionContext,
  ) => Outcome;
}

/**
 * The action exists but the current step does not allow it (HTTP 409). Carries what the API needs for
 * the problem document: the action, the step and what is allowed now.
 */
export class ProcedureActionNotAllowedError extends Error {
  readonly code = 'ACTION_NOT_ALLOWED';
  constructor(
    readonly action: string,
    readonly currentStep: string,
    readonly allowedActions: string[],
  ) {
    super(`Action "${action}" is not allowed in step "${currentStep}"; allowed: ${allowedActions.join(', ') || 'none'}`);
    this.name = 'ProcedureActionNotAllowedError';
  }

  get details(): { action: string; currentStep: string; allowedActions: string[] } {
    return { action: this.action, currentStep: this.currentStep, allowedActions: this.allowedActions };
  }
}

/** The procedure has no action of that name at all (HTTP 404 for the route). */
export class UnknownProcedureActionError extends Error {
  readonly code = 'UNKNOWN_ACTION';
  constructor(
    readonly procedure: string,
    readonly action: string,
  ) {
    super(`Procedure "${procedure}" has no action "${action}"`);
    this.name = 'UnknownProcedureActionError';
  }
}

/** The caller's role may not perform this action (HTTP 403): e.g. an officer delisting. */
export class ActionRoleNotAllowedError extends Error {
  readonly code = 'ROLE_NOT_ALLOWED';
  constructor(
    readonly action: string,
    readonly role: string,
    readonly roles: readonly string[],
  ) {
    super(`Role "${role}" may not perform "${action}"; allowed roles: ${roles.join(', ')}`);
    this.name = 'ActionRoleNotAllowedError';
  }
}

/**
 * Input that passed its schema but not a rule needing the moment of the act (a deadline that must
 * lie ahead) or the procedure's own data (the signing inspector must be one scheduled): HTTP 400.
 */
export class InvalidProcedureInputError extends Error {
  readonly code = 'INVALID_INPUT';
  constructor(readonly issues: { path: string; message: string }[]) {
    super(issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; '));
    this.name = 'InvalidProcedureInputError';
  }
}

/** The caller's jurisdiction may not perform this action here (HTTP 403): e.g. delisting a listing of another level. */
export class ActionJurisdictionNotAllowedError extends Error {
  readonly code = 'JURISDICTION_NOT_ALLOWED';
  constructor(
    readonly action: string,
    readonly jurisdiction: string,
    readonly required: string,
    message = `"${action}" must be performed from jurisdiction ${required}, not ${jurisdiction}`,
  ) {
    super(message);
    this.name = 'ActionJurisdictionNotAllowedError';
  }
}

/** An approval decision, signal or deadline the machine was not waiting for (a shell bug, not user input). */
export class UnexpectedProcedureInputError extends Error {
  readonly code = 'UNEXPECTED_INPUT';
  constructor(message: string) {
    super(message);
    this.name = 'UnexpectedProcedureInputError';
  }
}

/** Actions the step allows, for any role (when `role` is omitted) or for that role. */
export function machineAllowedActions(machine: ProcedureMachine, state: ProcedureState, role?: string): string[] {
  if (state.status !== 'active') return [];
  return Object.values(machine.actions)
    .filter((a) => a.allowedIn(state) && (role === undefined || (a.roles as readonly string[]).includes(role)))
    .map((a) => a.name);
}

/**
 * The check an update validator runs before anything touches history: the action exists (else
 * UnknownProcedureActionError), the step allows it (else ProcedureActionNotAllowedError, 409) and the
 * role may do it (else ActionRoleNotAllowedError, 403). Returns the action.
 */
export function checkAction(machine: ProcedureMachine, state: ProcedureState, action: string, role: string): ActionSpec {
  const spec = Object.prototype.hasOwnProperty.call(machine.actions, action) ? machine.actions[action] : undefined;
  if (!spec) throw new UnknownProcedureActionError(machine.procedure, action);
  if (state.status !== 'active' || !spec.allowedIn(state)) {
    throw new ProcedureActionNotAllowedError(action, state.step, machineAllowedActions(machine, state, role));
  }
  if (!(spec.roles as readonly string[]).includes(role)) throw new ActionRoleNotAllowedError(action, role, spec.roles);
  return spec;
}

/** Check, validate and apply one action: what the shell's update handler calls. */
export function performAction(
  machine: ProcedureMachine,
  state: ProcedureState,
  action: string,
  input: unknown,
  ctx: ActionContext,
): Outcome {
  return checkAction(machine, state, action, ctx.actor.role).apply(state, input, ctx);
}
