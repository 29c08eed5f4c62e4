import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor, ApprovalKind, ArmedDeadline, ParentRequest, ProcedureId, ProcedureState, Role } from '@anjian/domain';

/**
 * One child workflow per procedure a case runs (挂牌督办, 约谈, 整改, 验收/复查, 销号/结案, 行刑衔接):
 * a thin shell around the procedure's pure machine (`MACHINES[procedure]` in @anjian/domain).
 * Officer actions are updates on the child; the child reports to the case workflow by signal.
 */
export const PROCEDURE_WORKFLOW = 'procedureWorkflow';
export const procedureWorkflowId = (caseId: string, procedureId: string): string => `case-${caseId}--${procedureId}`;

/** What the case workflow knows about the case that a procedure needs (deadlines, notifications). */
export interface ProcedureCaseFacts {
  sector: string;
  jurisdiction: string;
  hazardGrade: string;
}

export interface ProcedureWorkflowInput {
  caseId: string;
  /** Instance id within the case, e.g. 'rectification-1'. */
  procedureId: string;
  procedure: ProcedureId;
  /** The machine's start input (validated against `MACHINES[procedure].startInput` by the parent). */
  input: Record<string, unknown>;
  /** Who started it (the officer opening the case, or the case workflow acting on a link: actor of the trigger). */
  actor: Actor;
  startedAt: string;
  facts: ProcedureCaseFacts;
  assigneeId: string;
  /** The policy version the case pinned; null only for the case's first procedure (its first deadline pins it). */
  policyVersion: number | null;
  /** The case workflow to report to (`caseWorkflowId(caseId)`). */
  parentWorkflowId: string;
  /**
   * Set for the case's first procedure: the case row is inserted in the same projectProcedure call
   * as the procedure's start (policyVersion filled in from the first armed deadline), so a case
   * whose first deadline cannot be armed is never projected.
   */
  openCase?: OpenCaseDtoWithoutPolicy;
  /** Tests only: continue-as-new once history has this many events (else when the server suggests it). */
  continueAsNewAfterEvents?: number;
  /** Carried over continue-as-new; absent on a fresh start. */
  carried?: ProcedureCarriedState;
}

/** NewCaseDto minus what the first armed deadline decides. */
export interface OpenCaseDtoWithoutPolicy {
  id: string;
  title: string;
  description: string;
  source: string;
  sector: string;
  jurisdiction: string;
  hazardGrade: string;
  enterprise: { name: string; creditCode: string };
  procedure: string;
  assigneeId: string;
  openedBy: string;
  openedAt: string;
  workflowId: string;
}

/** A deadline the procedure has armed, with what the shell tracks about it. */
export interface ProcedureDeadline extends ArmedDeadline {
  /** What started the clock, in words (the machine's DeadlineRequest.basis). */
  basis?: string;
  /** The due instant passed (deadlinePassed was applied). */
  overdue: boolean;
  /** How many of `reminders` / `escalations` have fired (they fire in order). */
  remindersFired: number;
  escalationsFired: number;
  /** While the procedure is suspended (中止): the time that was left when the clock stopped. */
  remainingMs: number | null;
}

/** Where a procedure stands; what `act`, `procedureState` and reports answer. */
export interface ProcedureSnapshot {
  caseId: string;
  procedureId: string;
  procedure: ProcedureId;
  step: string;
  status: 'active' | 'completed' | 'cancelled';
  suspended: boolean;
  suspension: { since: string; reason: string } | null;
  outcome: string | null;
  deadlines: ProcedureDeadline[];
  /** Every action the current step allows (any role). */
  allowedActions: string[];
  /** The same, per role that may perform it (the API shows the caller's). */
  actionsByRole: Partial<Record<Role, string[]>>;
  /** Machine-specific data (failures, level, branch, …), as the machine keeps it. */
  data: Record<string, unknown>;
  workflowId: string;
  policyVersion: number | null;
  assigneeId: string;
  /** Events projected on this procedure's stream so far (the last seq). */
  seq: number;
}

/** An officer action on a procedure (`MACHINES[procedure].actions[action]`), performed by `actor`. */
export interface ActCommand {
  action: string;
  actor: Actor;
  input: unknown;
}

export interface ProcedureCarriedState {
  state: ProcedureStateDto;
  seq: number;
  reportSeq: number;
  deadlines: ProcedureDeadline[];
  suspension: { since: string; reason: string } | null;
  cancelled: boolean;
  policyVersion: number | null;
  assigneeId: string;
  lastProgressAt?: string;
  completedAt?: string | null;
  /** Update ids of the actions applied so far (the newest 200): a retry in a later run is not applied again. */
  appliedUpdateIds?: readonly string[];
}

/** The machine's state and requests as the domain defines them (libs/domain/src/procedures/procedure-machine.ts). */
export type ProcedureStateDto = ProcedureState;
export type ParentRequestDto = ParentRequest;

// ---- parent → child signals -------------------------------------------------------------------

export interface SuspendSignal {
  reason: string;
  actor: Actor;
  /** The approval that granted it, or 'administrative_track' when a transfer pauses the track. */
  cause: string;
}
export interface ResumeSignal {
  reason: string;
  actor: Actor;
  cause: string;
}
/** 延期: move the deadline of `step` to `newDueAt` (recorded before/after). */
export interface ExtendSignal {
  step: string;
  newDueAt: string;
  reason: string;
  /** The approver (supervisor) who granted it. */
  actor: Actor;
  approvalId: string;
}
export interface CancelSignal {
  reason: string;
  actor: Actor;
}
export interface ApprovalDecidedSignal {
  approvalId: string;
  approval: ApprovalKind;
  decision: 'approved' | 'returned';
  reason: string;
  actor: Actor;
}
/** An administrator moved the case to another policy version: re-arm armed deadlines under it. */
export interface RearmDeadlinesSignal {
  policyVersion: number;
  reason: string;
  cause: 'policy_migration' | 'calendar_change';
  actor: Actor;
}
/** The case was reassigned: notifications go to the new assignee. */
export interface AssigneeSignal {
  assigneeId: string;
}

export const suspendSignal = defineSignal<[SuspendSignal]>('suspend');
export const resumeSignal = defineSignal<[ResumeSignal]>('resume');
export const extendSignal = defineSignal<[ExtendSignal]>('extend');
export const cancelSignal = defineSignal<[CancelSignal]>('cancel');
export const approvalDecidedSignal = defineSignal<[ApprovalDecidedSignal]>('approvalDecided');
export const rearmDeadlinesSignal = defineSignal<[RearmDeadlinesSignal]>('rearmDeadlines');
export const assigneeSignal = defineSignal<[AssigneeSignal]>('assignee');

// ---- child → parent -------------------------------------------------------------------------

export type ProcedureReportKind =
  'started' | 'progress' | 'reminder' | 'deadline_passed' | 'escalation' | 'suspended' | 'resumed' | 'extended' | 'completed' | 'cancelled';

/**
 * The child tells the case workflow what changed. `reportId` is `<procedureId>#<n>` with n counting
 * up per procedure; the parent ignores an id it has seen (n ≤ the last one it applied).
 */
export interface ProcedureReport {
  reportId: string;
  procedureId: string;
  n: number;
  kind: ProcedureReportKind;
  at: string;
  snapshot: ProcedureSnapshot;
  /** What the machine asks of the case workflow (start a procedure, an approval, pause the track…). */
  requests: ParentRequestDto[];
  /** For kind 'escalation': the rung that fired. */
  escalation?: { step: string; action: string; rung: number; dueAt: string };
  /**
   * The person whose act this report follows (absent: a timer fired, or a report recorded before
   * reports carried it). What the case workflow does in reaction (a procedure a link starts) is
   * recorded as done on their behalf, not by an anonymous process.
   */
  actor?: Actor | null;
}

export const procedureReportSignal = defineSignal<[ProcedureReport]>('procedureReport');

// ---- officer actions ---------------------------------------------------------------------------

/**
 * One update for every action (`MACHINES[procedure].actions[action]`). The validator refuses before
 * history: INVALID_INPUT (details[0]: [{path, message}], paths start with 'input'), ACTION_NOT_ALLOWED
 * (details[0]: ActionRefusal {action, currentStep, allowedActions for the caller's role}), ROLE_NOT_ALLOWED
 * for a role the action does not admit (details[0]: {action, role, roles, currentStep}), UNKNOWN_PROCEDURE_ACTION,
 * PROCEDURE_SUSPENDED / PROCEDURE_ENDED likewise with ActionRefusal details.
 */
export const actUpdate = defineUpdate<ProcedureSnapshot, [ActCommand]>('act');
export const procedureStateQuery = defineQuery<ProcedureSnapshot>('procedureState');

/** Refusal types of `act` besides ACTION_NOT_ALLOWED / INVALID_INPUT (details as ActionRefusal). */
export const PROCEDURE_SUSPENDED = 'ProcedureSuspended';
/** The procedure has no action of that name (details[0]: { action, currentStep }). */
export const UNKNOWN_PROCEDURE_ACTION = 'UnknownProcedureAction';
/** The caller's jurisdiction may not perform this action (e.g. delisting at another level): details[0]: { action, jurisdiction, required }. */
export const JURISDICTION_NOT_ALLOWED = 'JurisdictionNotAllowed';
export const PROCEDURE_ENDED = 'ProcedureEnded';
/** The child could not start (its first deadline could not be armed, …): details[0]: { cause }. */
export const PROCEDURE_NOT_STARTED = 'ProcedureNotStarted';
