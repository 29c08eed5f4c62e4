import type { ApprovalKind, ApproverRole, ArmedDeadline, ProcedureId } from '@anjian/domain';
import type { CaseActivities } from './case-activities.contract';
import type { CasePatchDto, NewCaseDto, SequencedEventDto } from './projection.dto';

/**
 * The activities the case workflow and the procedure workflows call (local activities, like the
 * legacy rectification workflow). Workflows import these types only; the projection helper
 * implements `projectProcedure` in activities/src/procedures/.
 */

/** The row of `case_procedures` after a transition (the whole row: a retried write writes the same). */
export interface ProcedurePatchDto {
  procedureId: string;
  procedure: ProcedureId;
  step: string;
  status: 'active' | 'completed' | 'cancelled';
  suspended: boolean;
  outcome: string | null;
  /** The most urgent armed deadline not yet passed, else the most recent passed one; null when none. */
  deadline: ArmedDeadline | null;
  /** Every deadline armed now (passed ones with their ladder included), for the case page. */
  deadlines?: ArmedDeadline[];
  dueAt: string | null;
  /** Some armed deadline of this procedure has passed without the awaited action. */
  overdue: boolean;
  /** Who the current step waits on (catalog ActorRole, e.g. 'enterprise', 'agency_head'); null when nothing waits. */
  awaitingRole: string | null;
  assigneeId: string;
  /** Machine data plus what the shell keeps: every armed deadline (`deadlines`), suspension (remaining ms). */
  data: Record<string, unknown>;
  workflowId: string;
  startedAt: string;
  /** The last officer action or enterprise step recorded (stalled-case review counts from it). */
  lastProgressAt: string;
  completedAt: string | null;
}

export type NotificationKind = 'reminder' | 'escalation' | 'approval_requested' | 'approval_decided' | 'assigned';

/**
 * One outbox row. `dedupeKey` is unique: the same firing written twice (a retried activity, a replay
 * after a worker crash) stays one notification. Either `recipientId` (a user) or `recipientRole` +
 * `recipientJurisdiction` (everyone with that role whose subtree covers the jurisdiction).
 */
export interface NotificationDto {
  dedupeKey: string;
  caseId: string;
  procedureId: string | null;
  kind: NotificationKind;
  recipientId: string | null;
  recipientRole: string | null;
  recipientJurisdiction: string | null;
  /** What the message says: { titleZh, titleEn, step, dueAt, action, … }. */
  payload: Record<string, unknown>;
}

/** Insert (status 'pending') or decide (status 'approved' | 'returned') a row of `case_approvals`. */
export interface ApprovalPatchDto {
  id: string;
  caseId: string;
  procedureId: string | null;
  kind: ApprovalKind;
  approverRole: ApproverRole;
  status: 'pending' | 'approved' | 'returned';
  requestedBy: string | null;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
  data: Record<string, unknown>;
}

/** What a case-level change moves on the `cases` row (its summary of the most urgent procedure, its assignee). */
export type CaseSummaryPatchDto = Partial<CasePatchDto> & { assigneeId?: string };

export interface ProjectProcedureRequest {
  caseId: string;
  /** 'case' for the case workflow's own events, else the procedureId. */
  stream: string;
  /** seq counts per (case, stream) from 1; a retried call finds them already there (unique (case_id, stream, seq)). */
  events: SequencedEventDto[];
  procedure?: ProcedurePatchDto;
  casePatch?: CaseSummaryPatchDto;
  /** Inserts the case row first (the case's first procedure's first write); idempotent. */
  open?: NewCaseDto;
  notifications?: NotificationDto[];
  approvals?: ApprovalPatchDto[];
}

export interface ProcedureActivities extends Pick<CaseActivities, 'armDeadline'> {
  /** One transaction, idempotent. Failures as CaseActivities.projectCase (PROJECTION_REJECTED, DATABASE_UNAVAILABLE). */
  projectProcedure(req: ProjectProcedureRequest): Promise<{ appended: number }>;
}
