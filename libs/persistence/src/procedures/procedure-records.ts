import type { ArmedDeadline, CaseEventRecord, CasePatch, CaseRecord, NewCase, SequencedEvent } from '@anjian/domain';

/**
 * What the procedure projection writes and what the read side gets back: plain shapes, free of
 * persistence (rows and SQL stay in the repository and its mapper).
 */

/** Streams of a case's event log: the case workflow, each procedure (its id), or the legacy single workflow. */
export const CASE_STREAM = 'case';

export type ProcedureStatus = 'active' | 'completed' | 'cancelled';
export type ApprovalStatus = 'pending' | 'approved' | 'returned';

/** A procedure's current state as its child workflow reports it (the whole row, not a diff). */
export interface ProcedureRowPatch {
  procedureId: string; // e.g. 'rectification-1'
  procedure: string; // ProcedureId from the catalog
  step: string;
  status: ProcedureStatus;
  suspended: boolean;
  outcome: string | null;
  /** The deadline the lists show (the most urgent one not yet passed, else the last passed) and its due instant. */
  deadline: ArmedDeadline | null;
  dueAt: string | null;
  /** Every deadline armed now (for the case page); defaults to `data.deadlines` when that is a list, else [deadline]. */
  deadlines?: ArmedDeadline[];
  overdue: boolean;
  /** The role whose action the step waits for (e.g. 'supervisor' on an approval), null when none. */
  awaitingRole: string | null;
  assigneeId: string | null;
  data: Record<string, unknown>;
  workflowId: string;
  startedAt: string;
  lastProgressAt: string;
  completedAt: string | null;
}

/** An approval waiting in (or decided by) the case workflow. Writing it again is idempotent. */
export interface ApprovalPatch {
  id: string; // the workflow's approval id, unique within the case
  procedureId: string | null;
  kind: string; // 'closure' | 'transfer' | 'extension' | 'listing_level' | 'suspension'
  approverRole: string;
  /** Narrows who may decide (e.g. a province-level listing is delisted by the province); null = the case's chain. */
  approverJurisdiction?: string | null;
  status: ApprovalStatus;
  summary?: string | null;
  requestedBy: string | null;
  requestedAt: string;
  decidedBy?: string | null;
  decidedAt?: string | null;
  reason?: string | null;
  data?: Record<string, unknown>;
}

/** An outbox notification. Either a recipient user, or a role within a jurisdiction subtree. */
export interface NewNotification {
  /** Unique: the same reminder/escalation/approval written twice is one notification. */
  dedupeKey: string;
  /** Defaults to the projected case. */
  caseId?: string;
  procedureId: string | null;
  kind: string; // 'reminder' | 'escalation' | 'approval_requested' | 'approval_decided' | 'assigned'
  recipientId?: string | null;
  recipientRole?: string | null;
  recipientJurisdiction?: string | null;
  payload: Record<string, unknown>;
  /** When it was raised (workflow time); defaults to the write time. */
  createdAt?: string;
}

/** The case-level fields a procedure projection may move (the rest follows from the procedures). */
export type CaseSummaryPatch = Partial<CasePatch> & { assigneeId?: string };

/** One call of the `projectProcedure` activity: everything in one transaction. */
export interface ProcedureProjection {
  caseId: string;
  /** 'case' (the case workflow) or a procedure id; sequence numbers count per stream. */
  stream: string;
  events: SequencedEvent[];
  procedure?: ProcedureRowPatch;
  casePatch?: CaseSummaryPatch;
  open?: NewCase;
  notifications?: NewNotification[];
  approvals?: ApprovalPatch[];
}

export interface ProcedureProjectionResult {
  /** Event rows written by this call (new sequence numbers and replacements). */
  appended: number;
  /** Rows of this stream replaced because the workflow committed different content at their seq. */
  corrected: number;
  /** Rows of other streams re-chained (same content, new link) after such a replacement. */
  rechained: number;
  /** Notifications inserted (a known dedupe key inserts nothing). */
  notified: number;
}

// ---- read side ----

export interface ProcedureRecord {
  caseId: string;
  procedureId: string;
  procedure: string;
  step: string;
  status: ProcedureStatus;
  suspended: boolean;
  outcome: string | null;
  deadline: ArmedDeadline | null;
  deadlines: ArmedDeadline[];
  dueAt: string | null;
  overdue: boolean;
  awaitingRole: string | null;
  assigneeId: string | null;
  data: Record<string, unknown>;
  workflowId: string;
  startedAt: string;
  lastProgressAt: string;
  completedAt: string | null;
  updatedAt: string;
  /** The last event projected on the procedure's stream (its workflow's seq when it committed). */
  seq: number;
}

export interface ApprovalRecord {
  id: string;
  caseId: string;
  procedureId: string | null;
  kind: string;
  approverRole: string;
  approverJurisdiction: string | null;
  status: ApprovalStatus;
  summary: string | null;
  requestedBy: string | null;
  /**
   * The requester's jurisdiction as the user directory has it now (read with the approval); null when
   * the process asked or the requester is no longer in the directory. Decides who may decide an approval
   * that names no level (decidesAtRequesterLevel, libs/domain/src/access).
   */
  requesterJurisdiction: string | null;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
  data: Record<string, unknown>;
}

/** A pending approval with what an approver's list shows of its case. */
export interface PendingApprovalRecord extends ApprovalRecord {
  caseTitle: string;
  caseJurisdiction: string;
  enterpriseName: string;
}

/** An event row with its stream, in the case's chain order. */
export interface ChainedEventRecord extends CaseEventRecord {
  stream: string;
}

export interface CaseDetailRecord {
  case: CaseRecord;
  procedures: ProcedureRecord[];
  /** Every approval of the case, oldest first (pending ones have status 'pending'). */
  approvals: ApprovalRecord[];
}

/** Who reads approvals: the fields of a Principal the rule needs. */
export interface Recipient {
  id: string;
  role: string;
  jurisdiction: string;
}
