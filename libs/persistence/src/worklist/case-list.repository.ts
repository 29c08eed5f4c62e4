import { jurisdictionScope, type StalledReason, type VisibilityScope } from '@anjian/domain';
import type { DataSource } from 'typeorm';
import { queryWithoutJit } from './query-without-jit';
import { type Keyset, keysetAfter, keyText, orderBy, type SortColumn } from './keyset';
import { containsPattern, overdueSql, scopeSql, SqlParams } from './sql-builder';

/** One case as the lists show it: the case row's summary of its most urgent procedure. */
export interface CaseListRow {
  id: string;
  title: string;
  enterpriseName: string;
  enterpriseCreditCode: string;
  sector: string;
  jurisdiction: string;
  hazardGrade: string;
  procedure: string;
  step: string;
  status: string;
  dueAt: string | null;
  /**
   * A deadline of the case was missed and its act is still awaited. The summary's due_at may already be
   * a later deadline (a missed report deadline starts the re-check clock), so overdue is this flag OR a
   * passed due_at — never due_at alone, or an overdue case would drop out of the overdue lists.
   */
  missedDeadline: boolean;
  assigneeId: string;
  openedAt: string;
  updatedAt: string;
  /** When an active procedure of the case last recorded progress (an action); the last change when none is active. */
  lastProgressAt: string;
  /**
   * When the earliest deadline whose act is still awaited was missed (its due instant), from the
   * active procedures' armed deadlines; null when none was missed or the case has no procedure rows.
   */
  overdueSince: string | null;
}

export interface StalledRow extends CaseListRow {
  reasons: StalledReason[];
}

export interface Page<T> {
  rows: T[];
  /** Where the next page starts; null on the last page. */
  next: Keyset | null;
}

export interface WorklistQuery {
  scope: VisibilityScope;
  /** Only cases assigned to this user (the officer's "mine"). */
  assigneeId?: string;
  /** 'soon': due within `dueSoonHours` and not yet passed; 'overdue': deadline passed. */
  due?: 'soon' | 'overdue';
  dueSoonHours: number;
  procedure?: string;
  step?: string;
  now: string;
  limit: number;
  after?: Keyset;
}

/**
 * The earliest missed deadline still awaited among the case's running clocks (a suspended procedure's
 * clock does not run). Evaluated per listed row only (a page, an export batch): a few rows of the
 * case's own primary-key range.
 */
const OVERDUE_SINCE = `(SELECT min((d->>'dueAt')::timestamptz) FROM case_procedures cp
  CROSS JOIN LATERAL jsonb_array_elements(cp.deadlines) d
  WHERE cp.case_id = c.id AND cp.status = 'active' AND NOT cp.suspended AND (d->>'overdue')::boolean)`;

/** The case's last progress: its active procedures' latest (cases.progress_at), else its last change. */
const LAST_PROGRESS = 'COALESCE(c.progress_at, c.updated_at)';

export const STALLED_SORTS = {
  due_at: { sql: 'c.due_at', nullable: true },
  opened_at: { sql: 'c.opened_at', nullable: false },
  updated_at: { sql: 'c.updated_at', nullable: false },
  last_progress_at: { sql: LAST_PROGRESS, nullable: false },
} as const satisfies Record<string, SortColumn>;
export type StalledSort = keyof typeof STALLED_SORTS;

export interface StalledFilters {
  scope: VisibilityScope;
  /** Reasons to list (a case shows when any applies). */
  reasons: readonly StalledReason[];
  noProgressDays: number;
  /**
   * The caller, for "awaiting my approval": the approvals they may decide (their role; no level named,
   * or a level within their subtree; not requested by themselves), as the decision route checks.
   */
  approver: { id: string; role: string; jurisdiction: string };
  procedure?: string;
  step?: string;
  hazardGrades?: readonly string[];
  assigneeId?: string;
  openedFrom?: string;
  openedTo?: string;
  dueFrom?: string;
  dueTo?: string;
  /** Free text on enterprise name and credit code (matched literally, case-insensitively). */
  text?: string;
  now: string;
}

export type StalledCounts = Record<StalledReason | 'total', number>;

const COLUMNS = `c.id, c.title, c.enterprise_name, c.enterprise_credit_code, c.sector, c.jurisdiction, c.hazard_grade,
  c.procedure, c.step, c.status, c.due_at, c.overdue, c.assignee_id, c.opened_at, c.updated_at, ${LAST_PROGRESS} AS last_progress_at, ${OVERDUE_SINCE} AS overdue_since`;

interface RawRow {
  id: string;
  title: string;
  enterprise_name: string;
  enterprise_credit_code: string;
  sector: string;
  jurisdiction: string;
  hazard_grade: string;
  procedure: string;
  step: string;
  status: string;
  due_at: Date | null;
  overdue: boolean;
  assignee_id: string;
  opened_at: Date;
  updated_at: Date;
  last_progress_at: Date;
  overdue_since: Date | null;
  k: string | null;
}

const toRow = (r: RawRow): CaseListRow => ({
  id: r.id,
  title: r.title,
  enterpriseName: r.enterprise_name,
  enterpriseCreditCode: r.enterprise_credit_code,
  sector: r.sector,
  jurisdiction: r.jurisdiction,
  hazardGrade: r.hazard_grade,
  procedure: r.procedure,
  step: r.step,
  status: r.status,
  dueAt: r.due_at ? r.due_at.toISOString() : null,
  missedDeadline: r.overdue,
  assigneeId: r.assignee_id,
  openedAt: r.opened_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  lastProgressAt: r.last_progress_at.toISOString(),
  overdueSince: r.overdue_since ? r.overdue_since.toISOString() : null,
});

/**
 * A case is "at" a procedure/step when its summary row says so, or when any of its active procedures
 * is there (a case may run several procedures; the row shows the most urgent one).
 */
function procedureStepSql(procedure: string | undefined, step: string | undefined, p: SqlParams): string | null {
  if (procedure === undefined && step === undefined) return null;
  const onRow: string[] = [];
  const onProc: string[] = [];
  if (procedure !== undefined) {
    const v = p.add(procedure);
    onRow.push(`c.procedure = ${v}`);
    onProc.push(`cp.procedure = ${v}`);
  }
  if (step !== undefined) {
    const v = p.add(step);
    onRow.push(`c.step = ${v}`);
    onProc.push(`cp.step = ${v}`);
  }
  return `((${onRow.join(' AND ')}) OR EXISTS (SELECT 1 FROM case_procedures cp WHERE cp.case_id = c.id AND cp.status = 'active' AND ${onProc.join(' AND ')}))`;
}

/**
 * The list queries (officer worklist, stalled review and its export). Every query starts from the
 * caller's VisibilityScope (scopeSql), so no list can show a case outside the caller's reach. Only
 * open cases are listed.
 */
export class CaseListRepository {
  constructor(private readonly db: DataSource) {}

  async worklist(q: WorklistQuery): Promise<Page<CaseListRow>> {
    const { sql, values } = this.worklistSql(q);
    return this.page(await this.db.query<RawRow[]>(sql, values), q.limit, toRow);
  }

  /** The SQL of one worklist page, exposed for the benchmark (the same text the API runs). */
  worklistSql(q: WorklistQuery): { sql: string; values: unknown[] } {
    const p = new SqlParams();
    const where = [`c.status = 'open'`, scopeSql(q.scope, p, 'c', 'level')];
    if (q.assigneeId !== undefined) where.push(`c.assignee_id = ${p.add(q.assigneeId)}`);
    if (q.due === 'overdue') where.push(overdueSql(p.add(q.now)));
    if (q.due === 'soon') {
      const now = p.add(q.now);
      where.push(
        `c.due_at >= ${now}::timestamptz AND c.due_at < ${now}::timestamptz + make_interval(hours => ${p.add(q.dueSoonHours)}::int)`,
      );
    }
    const ps = procedureStepSql(q.procedure, q.step, p);
    if (ps) where.push(ps);
    const col = STALLED_SORTS.due_at;
    if (q.after) where.push(keysetAfter(col, 'asc', q.after, p));
    const sql = `SELECT ${COLUMNS}, ${keyText(col.sql)} AS k FROM cases c WHERE ${where.join(' AND ')}
      ORDER BY ${orderBy(col, 'asc')} LIMIT ${p.add(q.limit + 1)}`;
    return { sql, values: p.values };
  }

  async stalled(f: StalledFilters, sort: StalledSort, order: 'asc' | 'desc', limit: number, after?: Keyset): Promise<Page<StalledRow>> {
    const { sql, values } = this.stalledSql(f, sort, order, limit + 1, after);
    return this.page(await this.db.query<(RawRow & Record<string, boolean>)[]>(sql, values), limit, toStalledRow);
  }

  /** The whole filtered list in keyset batches (an export): memory stays one batch whatever the total. */
  async *stalledBatches(f: StalledFilters, sort: StalledSort, order: 'asc' | 'desc', batchSize = 1000): AsyncGenerator<StalledRow[]> {
    let after: Keyset | undefined;
    for (;;) {
      const page = await this.stalled(f, sort, order, batchSize, after);
      if (page.rows.length) yield page.rows;
      if (!page.next) return;
      after = page.next;
    }
  }

  /** How many cases each reason holds under the same filters (a case with two reasons counts in both). */
  async stalledCounts(f: StalledFilters): Promise<StalledCounts> {
    const p = new SqlParams();
    const base = this.baseWhere(f, p);
    const r = this.reasonSql(f, p);
    const sql = `SELECT count(*) FILTER (WHERE ${r.overdue}) AS overdue, count(*) FILTER (WHERE ${r.no_progress}) AS no_progress,
      count(*) FILTER (WHERE ${r.awaiting_my_approval}) AS awaiting_my_approval, count(*) AS total
      FROM cases c WHERE ${base.join(' AND ')} AND (${f.reasons.map((x) => r[x]).join(' OR ')})`;
    const [row] = await queryWithoutJit<Record<string, string>[]>(this.db, sql, p.values);
    return {
      overdue: f.reasons.includes('overdue') ? Number(row!['overdue']) : 0,
      no_progress: f.reasons.includes('no_progress') ? Number(row!['no_progress']) : 0,
      awaiting_my_approval: f.reasons.includes('awaiting_my_approval') ? Number(row!['awaiting_my_approval']) : 0,
      total: Number(row!['total']),
    };
  }

  /** The SQL of one stalled page, exposed for the benchmark (the same text the API runs). */
  stalledSql(
    f: StalledFilters,
    sort: StalledSort,
    order: 'asc' | 'desc',
    fetch: number,
    after?: Keyset,
  ): { sql: string; values: unknown[] } {
    const p = new SqlParams();
    const where = this.baseWhere(f, p, 'level');
    const r = this.reasonSql(f, p);
    where.push(`(${f.reasons.map((x) => r[x]).join(' OR ')})`);
    const col = STALLED_SORTS[sort];
    if (after) where.push(keysetAfter(col, order, after, p));
    const sql = `SELECT ${COLUMNS}, ${keyText(col.sql)} AS k, ${r.overdue} AS r_overdue, ${r.no_progress} AS r_no_progress,
      ${r.awaitingMyApprovalColumn} AS r_awaiting_my_approval
      FROM cases c WHERE ${where.join(' AND ')} ORDER BY ${orderBy(col, order)} LIMIT ${p.add(fetch)}`;
    return { sql, values: p.values };
  }

  /** `level`: the list pages (ordered walks of the per-level indexes); counts keep the prefix form (scopeSql). */
  private baseWhere(f: StalledFilters, p: SqlParams, scopeForm: 'prefix' | 'level' = 'prefix'): string[] {
    const where = [`c.status = 'open'`, scopeSql(f.scope, p, 'c', scopeForm)];
    const ps = procedureStepSql(f.procedure, f.step, p);
    if (ps) where.push(ps);
    if (f.hazardGrades?.length) where.push(`c.hazard_grade = ANY(${p.add(f.hazardGrades)}::text[])`);
    if (f.assigneeId !== undefined) where.push(`c.assignee_id = ${p.add(f.assigneeId)}`);
    if (f.openedFrom) where.push(`c.opened_at >= ${p.add(f.openedFrom)}::timestamptz`);
    if (f.openedTo) where.push(`c.opened_at < ${p.add(f.openedTo)}::timestamptz`);
    if (f.dueFrom) where.push(`c.due_at >= ${p.add(f.dueFrom)}::timestamptz`);
    if (f.dueTo) where.push(`c.due_at < ${p.add(f.dueTo)}::timestamptz`);
    if (f.text) {
      // Literal, case-insensitive substring (wildcards escaped); the pg_trgm GIN indexes serve it.
      const pattern = p.add(containsPattern(f.text));
      where.push(`(c.enterprise_name ILIKE ${pattern} ESCAPE '\\' OR c.enterprise_credit_code::text ILIKE ${pattern} ESCAPE '\\')`);
    }
    return where;
  }

  private reasonSql(f: StalledFilters, p: SqlParams): Record<StalledReason, string> & { awaitingMyApprovalColumn: string } {
    const now = p.add(f.now);
    const days = p.add(f.noProgressDays);
    const role = p.add(f.approver.role);
    // Who may decide (decide-access.ts decideApproval; case-commands assertApprover): the approver role;
    // the level the approval is decided at within the caller's subtree (a province supervisor decides a
    // city's) — the level it names, else its requester's as the directory has it (decidesAtRequesterLevel;
    // neither: the case's reach alone); and never the requester (four eyes; requested_by is null when
    // the process asked itself).
    const scope = jurisdictionScope(f.approver.jurisdiction);
    if (!/^[0-9]{0,6}$/.test(scope)) throw new Error(`invalid approver jurisdiction ${f.approver.jurisdiction}`);
    const level = p.add(`${scope}%`);
    const me = p.add(f.approver.id);
    const approvals = 'case_approvals a LEFT JOIN users u ON u.id = a.requested_by';
    const decidedAt = 'COALESCE(a.approver_jurisdiction, u.jurisdiction)';
    const pendingForMe = `a.status = 'pending' AND a.approver_role = ${role}
      AND (${decidedAt} IS NULL OR ${decidedAt} LIKE ${level}) AND a.requested_by IS DISTINCT FROM ${me}`;
    const mine = `a.case_id = c.id AND ${pendingForMe}`;
    return {
      overdue: overdueSql(now),
      // Progress is what the procedures record as such (actions), not reminders or deadlines passing,
      // which also move cases.updated_at; progress_at is their latest among the active procedures (kept
      // on the row by a trigger, migration 1734600000000), and cases without one fall back to updated_at.
      no_progress: `(${LAST_PROGRESS} < ${now}::timestamptz - make_interval(days => ${days}::int))`,
      // Uncorrelated, so PostgreSQL hashes the pending approvals once wherever it is used (the counts'
      // FILTER too, where EXISTS was probed per open case: 107 → 71–77 ms for province 14 at 1M cases).
      awaiting_my_approval: `c.id IN (SELECT a.case_id FROM ${approvals} WHERE ${pendingForMe})`,
      // The same test for the rows of one page: a lookup per row by the primary key (case_id, id). As
      // EXISTS the planner hashes every pending approval of the country once per page (~2 ms at 3,600).
      awaitingMyApprovalColumn: `((SELECT count(*) FROM ${approvals} WHERE ${mine}) > 0)`,
    };
  }

  private page<R extends RawRow, T extends CaseListRow>(raw: R[], limit: number, map: (r: R) => T): Page<T> {
    const more = raw.length > limit;
    const rows = (more ? raw.slice(0, limit) : raw).map(map);
    const last = more ? raw[limit - 1]! : null;
    return { rows, next: last ? { key: last.k, id: last.id } : null };
  }
}

function toStalledRow(r: RawRow & Record<string, boolean>): StalledRow {
  const reasons: StalledReason[] = [];
  if (r['r_overdue']) reasons.push('overdue');
  if (r['r_no_progress']) reasons.push('no_progress');
  if (r['r_awaiting_my_approval']) reasons.push('awaiting_my_approval');
  return { ...toRow(r), reasons };
}
