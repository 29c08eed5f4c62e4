import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor, ApprovalKind, ApproverRole, ProcedureId, ProcedureLinks } from '@anjian/domain';
import type { ProcedureSnapshot } from './procedure-workflow.contract';

/**
 * The case workflow (one per case, id `case-<caseId>`): owns the case's status, its procedures
 * (child workflows), pending approvals, escalations and the links between procedures.
 */
export const CASE_WORKFLOW = 'caseWorkflow';
export const caseWorkflowId = (caseId: string): string => `case-${caseId}`;

/** The case's identity facts (what `cases` holds besides the moving fields). */
export interface CaseFacts {
  title: string;
  description: string;
  source: string;
  sector: string;
  jurisdiction: string;
  hazardGrade: string;
  enterprise: { name: string; creditCode: string };
}

/** The pinned procedure links (policy data; defaults in seeds/policies/procedure-links.ts) as given to `linksFor`. */
export type PinnedProcedureLinks = ProcedureLinks;

export interface CaseWorkflowInput {
  caseId: string;
  /** Who opens the case; becomes the assignee. */
  actor: Actor;
  openedAt: string;
  facts: CaseFacts;
  /** The first procedure and its start input (`MACHINES[procedure].startInput`). */
  initialProcedure: { procedure: ProcedureId; input: Record<string, unknown> };
  /** Which procedure starts which, escalation rung → action; pinned when the case opens. */
  links: PinnedProcedureLinks;
  /** Pinned deadline policy version; null: the first armed deadline pins the version in force. */
  policyVersion: number | null;
  /** Tests only: continue-as-new once history has this many events (else when the server suggests it); passed on to its procedures. */
  continueAsNewAfterEvents?: number;
  /** Carried over continue-as-new; absent on a fresh start. */
  carried?: CaseCarriedState;
}

export interface PendingApproval {
  approvalId: string;
  procedureId: string | null;
  kind: ApprovalKind;
  approverRole: ApproverRole;
  summary: string;
  data: Record<string, unknown>;
  requestedBy: Actor | null;
  requestedAt: string;
}

/** One escalation rung that fired (or a supervisor's manual escalation) and what the case did about it. */
export interface EscalationRecord {
  procedureId: string;
  step: string;
  action: string;
  rung: number | null;
  at: string;
  manual: boolean;
  /** What the links made of it: e.g. 'started interview-1', 'approval transfer requested', 'recorded'. */
  effect: string;
}

export interface CaseSnapshot {
  caseId: string;
  status: 'opening' | 'open' | 'closed';
  assigneeId: string;
  policyVersion: number | null;
  /** A transfer (行刑衔接) paused the administrative track (its procedures are suspended). */
  administrativePaused: boolean;
  procedures: ProcedureSnapshot[];
  approvals: PendingApproval[];
  escalations: EscalationRecord[];
  /** Events projected on the case's own stream ('case'). */
  seq: number;
}

export interface CaseCarriedState {
  snapshot: CaseSnapshot;
  /** Per procedure: the last report number applied (reports with n ≤ it are duplicates). */
  lastReport: Record<string, number>;
  /** Per procedure type: instances started so far (ids are `<procedure>-<n>`). */
  counters: Record<string, number>;
  approvalCounter: number;
  facts: CaseFacts;
  openedAt: string;
  /** Procedures the case suspended because a transfer paused the administrative track. */
  pausedByTrack: string[];
  /** Escalation rungs already acted on (`<procedureId>:<step>:<dueAt>:<rung>`), manual or by timer. */
  takenRungs: string[];
  /** Updates applied (the newest 200): a retry with the same update id in a later run is not applied again. */
  appliedUpdates?: AppliedCaseUpdate[];
}

/** An update the case workflow applied: its id, and what a retry must be answered with (a started procedure). */
export interface AppliedCaseUpdate {
  id: string;
  procedureId?: string;
}

// ---- updates and query ---------------------------------------------------------------------------

export interface StartProcedureCommand {
  procedure: ProcedureId;
  input: Record<string, unknown>;
  reason: string;
  actor: Actor;
}
export interface StartProcedureResult {
  procedureId: string;
  workflowId: string;
  case: CaseSnapshot;
}
export interface DecideApprovalCommand {
  approvalId: string;
  decision: 'approved' | 'returned';
  reason: string;
  actor: Actor;
}
/** 延期: an officer asks; a supervisor approves (decideApproval) and the child moves the deadline. */
/**
 * What the caller saw of the procedure: its projected seq (GET /cases/{id}, or what the API read before
 * this request). The child answers an action once it is projected and reports to the case workflow just
 * after, so a request sent right after an action may reach the case workflow before that report; with
 * `knownSeq` the case workflow refuses to judge it on an older copy (PROCEDURE_CATCHING_UP) and the API
 * asks again a moment later, instead of refusing a deadline the caller can see.
 */
export interface KnownProcedureSeq {
  knownSeq?: number;
}

export interface RequestExtensionCommand extends KnownProcedureSeq {
  procedureId: string;
  step: string;
  newDueAt: string;
  reason: string;
  actor: Actor;
}
/** 中止: an officer asks; a supervisor approves and the child's clock stops (remaining time kept). */
export interface RequestSuspensionCommand extends KnownProcedureSeq {
  procedureId: string;
  reason: string;
  actor: Actor;
}
/** The cause of a suspension ended: the clock runs on with the time that was left. */
export interface ResumeProcedureCommand extends KnownProcedureSeq {
  procedureId: string;
  reason: string;
  actor: Actor;
}
/** A supervisor takes the next rung now (or `action`, a rung of the ladder) instead of waiting for its offset. */
export interface EscalateCommand extends KnownProcedureSeq {
  procedureId: string;
  action?: string;
  reason: string;
  actor: Actor;
}
export interface ReassignCommand {
  assigneeId: string;
  reason: string;
  actor: Actor;
}
export interface RearmDeadlinesCommand {
  policyVersion: number;
  reason: string;
  cause: 'policy_migration' | 'calendar_change';
  actor: Actor;
}

/** Completes once the first procedure started and the case is projected (update-with-start). */
export const caseOpenedUpdate = defineUpdate<CaseSnapshot>('opened');
export const startProcedureUpdate = defineUpdate<StartProcedureResult, [StartProcedureCommand]>('startProcedure');
export const decideApprovalUpdate = defineUpdate<CaseSnapshot, [DecideApprovalCommand]>('decideApproval');
export const requestExtensionUpdate = defineUpdate<CaseSnapshot, [RequestExtensionCommand]>('requestExtension');
export const requestSuspensionUpdate = defineUpdate<CaseSnapshot, [RequestSuspensionCommand]>('requestSuspension');
export const resumeProcedureUpdate = defineUpdate<CaseSnapshot, [ResumeProcedureCommand]>('resumeProcedure');
export const escalateUpdate = defineUpdate<CaseSnapshot, [EscalateCommand]>('escalate');
export const reassignUpdate = defineUpdate<CaseSnapshot, [ReassignCommand]>('reassign');
export const rearmDeadlinesUpdate = defineUpdate<CaseSnapshot, [RearmDeadlinesCommand]>('rearmDeadlines');
export const caseStateQuery = defineQuery<CaseSnapshot>('caseState');

/** POST /cases/{id}/procedures: the pinned links do not let this caller start this procedure now (details: allowedProcedures). */
export const PROCEDURE_NOT_STARTABLE = 'ProcedureNotStartable';
/** The case workflow has not yet taken the procedure's report of `knownSeq` (see KnownProcedureSeq): ask again shortly. */
export const PROCEDURE_CATCHING_UP = 'ProcedureCatchingUp';
/** Refusals of case updates (details[0] says what): unknown approval/procedure → NOT_FOUND; wrong role → ROLE_NOT_ALLOWED. */
export const CASE_ITEM_NOT_FOUND = 'CaseItemNotFound';
export const ROLE_NOT_ALLOWED = 'RoleNotAllowed';
/** The case is closed: nothing more may happen on it. */
export const CASE_CLOSED = 'CaseClosed';
/** A suspension or extension request for the same procedure (and step) already awaits a decision: details[0]: { action, approvalId }. */
export const APPROVAL_PENDING = 'ApprovalPending';
