import type { ArmedDeadline } from '@anjian/domain';
import type {
  ApprovalRecord,
  ApprovalStatus,
  ChainedEventRecord,
  PendingApprovalRecord,
  ProcedureRecord,
  ProcedureStatus,
} from './procedure-records';

/** Rows as PostgreSQL returns them (snake_case, Date for timestamptz); only this file and the repositories see them. */
export interface ProcedureRow {
  /** Selected beside the row (SELECT_PROCEDURE); node-postgres returns bigint/int aggregates as given. */
  seq: number | string;
  case_id: string;
  procedure_id: string;
  procedure: string;
  step: string;
  status: string;
  suspended: boolean;
  outcome: string | null;
  deadline: ArmedDeadline | null;
  deadlines: ArmedDeadline[];
  due_at: Date | null;
  overdue: boolean;
  awaiting_role: string | null;
  assignee_id: string | null;
  data: Record<string, unknown>;
  workflow_id: string;
  started_at: Date;
  last_progress_at: Date;
  completed_at: Date | null;
  updated_at: Date;
}

export interface ApprovalRow {
  id: string;
  case_id: string;
  procedure_id: string | null;
  kind: string;
  approver_role: string;
  approver_jurisdiction: string | null;
  status: string;
  summary: string | null;
  requested_by: string | null;
  /** users.jurisdiction of requested_by, when the query joins the directory (SELECT_APPROVAL). */
  requester_jurisdiction?: string | null;
  requested_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  reason: string | null;
  data: Record<string, unknown>;
}

export interface EventRow {
  id: string;
  case_id: string;
  stream: string;
  seq: number;
  type: string;
  procedure: string;
  step_before: string | null;
  step_after: string;
  actor_id: string | null;
  actor_role: string | null;
  actor_jurisdiction: string | null;
  reason: string | null;
  data: Record<string, unknown>;
  occurred_at: Date;
  recorded_at: Date;
  prev_hash: string | null;
  hash: string;
  hash_alg: string;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toProcedureRecord(r: ProcedureRow): ProcedureRecord {
  return {
    caseId: r.case_id,
    procedureId: r.procedure_id,
    procedure: r.procedure,
    step: r.step,
    status: r.status as ProcedureStatus,
    suspended: r.suspended,
    outcome: r.outcome,
    deadline: r.deadline,
    deadlines: r.deadlines,
    dueAt: iso(r.due_at),
    overdue: r.overdue,
    awaitingRole: r.awaiting_role,
    assigneeId: r.assignee_id,
    data: r.data,
    workflowId: r.workflow_id,
    startedAt: r.started_at.toISOString(),
    lastProgressAt: r.last_progress_at.toISOString(),
    completedAt: iso(r.completed_at),
    updatedAt: r.updated_at.toISOString(),
    seq: Number(r.seq),
  };
}

export function toApprovalRecord(r: ApprovalRow): ApprovalRecord {
  return {
    id: r.id,
    caseId: r.case_id,
    procedureId: r.procedure_id,
    kind: r.kind,
    approverRole: r.approver_role,
    approverJurisdiction: r.approver_jurisdiction,
    status: r.status as ApprovalStatus,
    summary: r.summary,
    requestedBy: r.requested_by,
    requesterJurisdiction: r.requester_jurisdiction ?? null,
    requestedAt: r.requested_at.toISOString(),
    decidedBy: r.decided_by,
    decidedAt: iso(r.decided_at),
    reason: r.reason,
    data: r.data,
  };
}

export function toPendingApprovalRecord(
  r: ApprovalRow & { case_title: string; case_jurisdiction: string; enterprise_name: string },
): PendingApprovalRecord {
  return { ...toApprovalRecord(r), caseTitle: r.case_title, caseJurisdiction: r.case_jurisdiction, enterpriseName: r.enterprise_name };
}

export function toChainedEventRecord(r: EventRow): ChainedEventRecord {
  return {
    stream: r.stream,
    seq: r.seq,
    type: r.type,
    procedure: r.procedure,
    before: r.step_before,
    after: r.step_after,
    actor:
      r.actor_id && r.actor_role && r.actor_jurisdiction
        ? { id: r.actor_id, role: r.actor_role as never, jurisdiction: r.actor_jurisdiction }
        : null,
    reason: r.reason,
    data: r.data,
    occurredAt: r.occurred_at.toISOString(),
    recordedAt: r.recorded_at.toISOString(),
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}
