import { DEVELOPMENT_EVENT_CHAIN_KEY } from '@anjian/config';
import { type ArmedDeadline, jurisdictionScope, type NewCase } from '@anjian/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { CaseEntity } from '../cases/case.entity';
import { toCaseRecord } from '../cases/case.mapper';
import { insertNotifications } from '../notifications/notification-outbox';
import {
  type ApprovalRow,
  type EventRow,
  type ProcedureRow,
  toApprovalRecord,
  toChainedEventRecord,
  toPendingApprovalRecord,
  toProcedureRecord,
} from './procedure.mapper';
import type {
  ApprovalPatch,
  ApprovalRecord,
  CaseDetailRecord,
  CaseSummaryPatch,
  ChainedEventRecord,
  PendingApprovalRecord,
  ProcedureProjection,
  ProcedureProjectionResult,
  ProcedureRecord,
  ProcedureRowPatch,
  Recipient,
} from './procedure-records';
import { appendStreamEvents } from './stream-event-log';

/** Every deadline armed now: as given, else the shell's `data.deadlines`, else the one shown. */
function armedDeadlines(p: ProcedureRowPatch): ArmedDeadline[] {
  if (p.deadlines) return p.deadlines;
  const fromData = p.data['deadlines'];
  if (Array.isArray(fromData)) return fromData as ArmedDeadline[];
  return p.deadline ? [p.deadline] : [];
}

/**
 * The projection of the case workflow and its procedure workflows (issue 11), and what the API reads
 * back. Writes go through `project` only: one transaction per activity call, idempotent.
 */
/** A procedure row with the last seq projected on its event stream (the (case, stream, seq) unique index answers it). */
const SELECT_PROCEDURE = `SELECT cp.*,
  (SELECT coalesce(max(e.seq), 0) FROM case_events e WHERE e.case_id = cp.case_id AND e.stream = cp.procedure_id) AS seq
  FROM case_procedures cp`;

/**
 * An approval row with its requester's jurisdiction as the user directory has it now (users primary
 * key; null when the process asked or the requester is gone): who may decide an approval that names no
 * level depends on it (decidesAtRequesterLevel).
 */
const SELECT_APPROVAL = `SELECT a.*, u.jurisdiction AS requester_jurisdiction
  FROM case_approvals a LEFT JOIN users u ON u.id = a.requested_by`;

export class ProcedureProjectionRepository {
  /** @param chainKey HMAC key of the case event chain (EVENT_CHAIN_KEY), the same the CaseRepository uses. */
  constructor(
    private readonly db: DataSource,
    private readonly chainKey: string = DEVELOPMENT_EVENT_CHAIN_KEY,
  ) {}

  /**
   * One workflow report in one transaction: open the case row (if `open`), append the stream's
   * events (idempotent per (case, stream, seq), converging on a differing row), upsert the procedure
   * row, move the case summary to its most urgent active procedure, upsert approvals, and insert
   * notifications once per dedupe key. A retried call writes nothing twice.
   */
  async project(p: ProcedureProjection): Promise<ProcedureProjectionResult> {
    return this.db.transaction(async (m) => {
      if (p.open) await insertCase(m, p.open, p.casePatch?.step ?? p.procedure?.step ?? 'opened');
      const [locked] = (await m.query('SELECT id FROM cases WHERE id = $1 FOR UPDATE', [p.caseId])) as { id: string }[];
      if (!locked) throw new Error(`case ${p.caseId} has no row to project onto`);

      const written = await appendStreamEvents(m, this.chainKey, p.caseId, p.stream, p.events);
      if (p.procedure) await upsertProcedure(m, p.caseId, p.procedure);
      for (const a of p.approvals ?? []) await upsertApproval(m, p.caseId, a);
      const notified = await insertNotifications(m, p.caseId, p.notifications ?? []);

      const lastAt = p.events.length > 0 ? p.events.reduce((a, e) => (Date.parse(e.at) > Date.parse(a) ? e.at : a), p.events[0]!.at) : null;
      // Rows re-linked after a correction are removed and written again: the count moves by what was added and dropped.
      const rowDelta = written.appended - written.corrected;
      if (p.procedure || p.casePatch || written.appended > 0 || written.corrected > 0) {
        await summariseCase(m, p.caseId, p.casePatch, p.procedure, lastAt ?? p.procedure?.lastProgressAt ?? null, rowDelta);
      }
      return { ...written, notified };
    });
  }

  // ---- read side ----

  /** The case row with every procedure and every approval; null when the case does not exist. */
  async findCaseDetail(caseId: string): Promise<CaseDetailRecord | null> {
    const entity = await this.db.getRepository(CaseEntity).findOneBy({ id: caseId });
    if (!entity) return null;
    const [procedures, approvals] = await Promise.all([this.listProcedures(caseId), this.listApprovals(caseId)]);
    return { case: toCaseRecord(entity), procedures, approvals };
  }

  async listProcedures(caseId: string): Promise<ProcedureRecord[]> {
    const rows = (await this.db.query(`${SELECT_PROCEDURE} WHERE cp.case_id = $1 ORDER BY cp.started_at, cp.procedure_id`, [
      caseId,
    ])) as ProcedureRow[];
    return rows.map(toProcedureRecord);
  }

  async findProcedure(caseId: string, procedureId: string): Promise<ProcedureRecord | null> {
    const [row] = (await this.db.query(`${SELECT_PROCEDURE} WHERE cp.case_id = $1 AND cp.procedure_id = $2`, [
      caseId,
      procedureId,
    ])) as ProcedureRow[];
    return row ? toProcedureRecord(row) : null;
  }

  /** A case's approvals, oldest first; `pendingOnly` for those still waiting. */
  async listApprovals(caseId: string, { pendingOnly = false }: { pendingOnly?: boolean } = {}): Promise<ApprovalRecord[]> {
    const rows = (await this.db.query(
      `${SELECT_APPROVAL} WHERE a.case_id = $1 ${pendingOnly ? `AND a.status = 'pending'` : ''} ORDER BY a.requested_at, a.id`,
      [caseId],
    )) as ApprovalRow[];
    return rows.map(toApprovalRecord);
  }

  async findApproval(caseId: string, approvalId: string): Promise<ApprovalRecord | null> {
    const [row] = (await this.db.query(`${SELECT_APPROVAL} WHERE a.case_id = $1 AND a.id = $2`, [caseId, approvalId])) as ApprovalRow[];
    return row ? toApprovalRecord(row) : null;
  }

  /**
   * Approvals waiting for this approver: its role, on cases in its jurisdiction subtree, and — when
   * the approval names a jurisdiction (a listing's level) — only if that jurisdiction is in the
   * subtree too (a county supervisor does not delist a province-level listing). Oldest first.
   */
  async listPendingApprovalsFor(
    approver: Pick<Recipient, 'role' | 'jurisdiction'>,
    { limit = 100, afterRequestedAt }: { limit?: number; afterRequestedAt?: string } = {},
  ): Promise<PendingApprovalRecord[]> {
    const scope = `${jurisdictionScope(approver.jurisdiction)}%`;
    const rows = (await this.db.query(
      `SELECT a.*, c.title AS case_title, c.jurisdiction AS case_jurisdiction, c.enterprise_name
       FROM case_approvals a JOIN cases c ON c.id = a.case_id
       WHERE a.status = 'pending' AND a.approver_role = $1 AND c.jurisdiction LIKE $2
         AND (a.approver_jurisdiction IS NULL OR a.approver_jurisdiction LIKE $2)
         AND ($3::timestamptz IS NULL OR a.requested_at > $3)
       ORDER BY a.requested_at, a.case_id, a.id
       LIMIT $4`,
      [approver.role, scope, afterRequestedAt ?? null, Math.max(1, Math.min(limit, 1000))],
    )) as (ApprovalRow & { case_title: string; case_jurisdiction: string; enterprise_name: string })[];
    return rows.map(toPendingApprovalRecord);
  }

  /** Every event of the case across its streams, in chain (insertion) order. */
  async listCaseEvents(caseId: string): Promise<ChainedEventRecord[]> {
    const rows = (await this.db.query('SELECT * FROM case_events WHERE case_id = $1 ORDER BY id', [caseId])) as EventRow[];
    return rows.map(toChainedEventRecord);
  }
}

async function insertCase(m: EntityManager, open: NewCase, step: string): Promise<void> {
  await m.query(
    `INSERT INTO cases (id, title, description, source, sector, jurisdiction, hazard_grade, enterprise_name,
       enterprise_credit_code, procedure, step, status, assignee_id, opened_by, opened_at, policy_version,
       workflow_id, last_seq, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,'open',$12,$13,$14,$15,$16,0,$14)
     ON CONFLICT (id) DO NOTHING`,
    [
      open.id,
      open.title,
      open.description,
      open.source,
      open.sector,
      open.jurisdiction,
      open.hazardGrade,
      open.enterprise.name,
      open.enterprise.creditCode,
      open.procedure,
      step,
      open.assigneeId,
      open.openedBy,
      open.openedAt,
      open.policyVersion,
      open.workflowId,
    ],
  );
}

/** The whole procedure row, as the child workflow has it now (the last report wins). */
async function upsertProcedure(m: EntityManager, caseId: string, p: ProcedureRowPatch): Promise<void> {
  await m.query(
    `INSERT INTO case_procedures (case_id, procedure_id, procedure, step, status, suspended, outcome, deadline, deadlines,
       due_at, overdue, awaiting_role, assignee_id, data, workflow_id, started_at, last_progress_at, completed_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$17)
     ON CONFLICT (case_id, procedure_id) DO UPDATE SET
       procedure = EXCLUDED.procedure, step = EXCLUDED.step, status = EXCLUDED.status, suspended = EXCLUDED.suspended,
       outcome = EXCLUDED.outcome, deadline = EXCLUDED.deadline, deadlines = EXCLUDED.deadlines, due_at = EXCLUDED.due_at,
       overdue = EXCLUDED.overdue, awaiting_role = EXCLUDED.awaiting_role, assignee_id = EXCLUDED.assignee_id,
       data = EXCLUDED.data, workflow_id = EXCLUDED.workflow_id, started_at = EXCLUDED.started_at,
       last_progress_at = EXCLUDED.last_progress_at, completed_at = EXCLUDED.completed_at, updated_at = EXCLUDED.updated_at`,
    [
      caseId,
      p.procedureId,
      p.procedure,
      p.step,
      p.status,
      p.suspended,
      p.outcome,
      p.deadline ? JSON.stringify(p.deadline) : null,
      JSON.stringify(armedDeadlines(p)),
      p.dueAt ?? p.deadline?.dueAt ?? null,
      p.overdue,
      p.awaitingRole,
      p.assigneeId,
      JSON.stringify(p.data),
      p.workflowId,
      p.startedAt,
      p.lastProgressAt,
      p.completedAt,
    ],
  );
}

/**
 * Idempotent; a decision is never undone by a late (retried) 'pending' write, while a later decided
 * write replaces an earlier one (convergence with what the workflow committed).
 */
async function upsertApproval(m: EntityManager, caseId: string, a: ApprovalPatch): Promise<void> {
  await m.query(
    `INSERT INTO case_approvals (id, case_id, procedure_id, kind, approver_role, approver_jurisdiction, status, summary,
       requested_by, requested_at, decided_by, decided_at, reason, data)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)
     ON CONFLICT (case_id, id) DO UPDATE SET status = EXCLUDED.status, decided_by = EXCLUDED.decided_by,
       decided_at = EXCLUDED.decided_at, reason = EXCLUDED.reason, data = EXCLUDED.data,
       summary = COALESCE(EXCLUDED.summary, case_approvals.summary)
     WHERE case_approvals.status = 'pending' OR EXCLUDED.status <> 'pending'`,
    [
      a.id,
      caseId,
      a.procedureId,
      a.kind,
      a.approverRole,
      a.approverJurisdiction ?? null,
      a.status,
      a.summary ?? null,
      a.requestedBy,
      a.requestedAt,
      a.status === 'pending' ? null : (a.decidedBy ?? null),
      a.status === 'pending' ? null : (a.decidedAt ?? a.requestedAt),
      a.reason ?? null,
      JSON.stringify(a.data ?? {}),
    ],
  );
}

/**
 * The `cases` row keeps summarising the case for the existing lists and counts: its procedure, step,
 * deadline, due_at and overdue are those of the most urgent active procedure (overdue first, then the
 * earliest due instant; a suspended clock shows no due instant and is not overdue). With no active
 * procedure, the case patch (or the reporting procedure) says the step and no deadline runs. One
 * statement: choosing the procedure and moving the row.
 */
async function summariseCase(
  m: EntityManager,
  caseId: string,
  patch: CaseSummaryPatch | undefined,
  reported: ProcedureRowPatch | undefined,
  at: string | null,
  rowDelta: number,
): Promise<void> {
  await m.query(
    `WITH top AS (
       SELECT procedure, step, CASE WHEN suspended THEN NULL ELSE deadline END AS deadline,
              CASE WHEN suspended THEN NULL ELSE due_at END AS due_at, overdue AND NOT suspended AS overdue
       FROM case_procedures WHERE case_id = $1 AND status = 'active'
       ORDER BY suspended, overdue DESC, due_at NULLS LAST, started_at, procedure_id LIMIT 1
     ), pick AS (
       SELECT * FROM top
       UNION ALL
       SELECT $2::text, $3::text, $4::jsonb, $5::timestamptz, $6::boolean WHERE NOT EXISTS (SELECT 1 FROM top)
     )
     UPDATE cases c SET
       procedure = COALESCE(p.procedure, c.procedure), step = COALESCE(p.step, c.step),
       deadline = p.deadline, due_at = p.due_at, overdue = p.overdue,
       status = COALESCE($7, c.status),
       closed_at = CASE WHEN $8::boolean THEN $9::timestamptz ELSE c.closed_at END,
       failures = COALESCE($10, c.failures), policy_version = COALESCE($11, c.policy_version),
       assignee_id = COALESCE($12, c.assignee_id),
       last_seq = c.last_seq + $13,
       updated_at = GREATEST(c.updated_at, COALESCE($14::timestamptz, c.updated_at))
     FROM pick p WHERE c.id = $1`,
    [
      caseId,
      reported?.procedure ?? null,
      patch?.step ?? reported?.step ?? null,
      patch?.deadline ? JSON.stringify(patch.deadline) : null,
      patch?.deadline?.dueAt ?? null,
      patch?.overdue ?? false,
      patch?.status ?? null,
      patch !== undefined && patch.closedAt !== undefined,
      patch?.closedAt ?? null,
      patch?.failures ?? null,
      patch?.policyVersion ?? null,
      patch?.assigneeId ?? null,
      rowDelta,
      at,
    ],
  );
}
