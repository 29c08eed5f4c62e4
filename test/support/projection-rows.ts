import type { DataSource } from 'typeorm';

/**
 * The projection rows a test reads back from PostgreSQL (events, notifications, approvals, procedure
 * and case rows), for the workflow-level suites (`test/procedures`) and the flow driver alike.
 */
type Db = { db: DataSource };

export interface EventRow {
  id: number;
  stream: string;
  seq: number;
  type: string;
  /** occurred_at, ISO 8601. */
  at: string;
  data: Record<string, unknown>;
  actor_id: string | null;
}

/** The case's events in chain (insertion) order, of one stream or all. */
export async function eventsOf(stack: Db, caseId: string, stream?: string): Promise<EventRow[]> {
  const rows = (await stack.db.query(
    `SELECT id, stream, seq, type, occurred_at, data, actor_id FROM case_events WHERE case_id = $1 ${stream ? 'AND stream = $2' : ''} ORDER BY id`,
    stream ? [caseId, stream] : [caseId],
  )) as {
    id: string;
    stream: string;
    seq: string;
    type: string;
    occurred_at: Date;
    data: Record<string, unknown>;
    actor_id: string | null;
  }[];
  return rows.map((r) => ({
    id: Number(r.id),
    stream: r.stream,
    seq: Number(r.seq),
    type: r.type,
    at: r.occurred_at.toISOString(),
    data: r.data,
    actor_id: r.actor_id,
  }));
}

export const typesOf = (rows: EventRow[]) => rows.map((r) => r.type);

export async function notificationsOf(stack: Db, caseId: string) {
  return (await stack.db.query(
    `SELECT dedupe_key, kind, procedure_id, recipient_id, recipient_role, recipient_jurisdiction, payload FROM notifications WHERE case_id = $1 ORDER BY id`,
    [caseId],
  )) as {
    dedupe_key: string;
    kind: string;
    procedure_id: string | null;
    recipient_id: string | null;
    recipient_role: string | null;
    recipient_jurisdiction: string | null;
    payload: Record<string, unknown>;
  }[];
}

export async function approvalRow(stack: Db, caseId: string, approvalId: string) {
  const [row] = (await stack.db.query(
    'SELECT kind, status, approver_role, procedure_id, requested_by, decided_by, reason, data FROM case_approvals WHERE case_id = $1 AND id = $2',
    [caseId, approvalId],
  )) as Record<string, unknown>[];
  return row;
}

export async function approvalsOf(stack: Db, caseId: string) {
  return (await stack.db.query(
    'SELECT id, kind, status, approver_role, procedure_id, decided_by FROM case_approvals WHERE case_id = $1 ORDER BY requested_at, id',
    [caseId],
  )) as Record<string, unknown>[];
}

export async function procedureRow(stack: Db, caseId: string, procedureId: string) {
  const [row] = (await stack.db.query('SELECT * FROM case_procedures WHERE case_id = $1 AND procedure_id = $2', [
    caseId,
    procedureId,
  ])) as Record<string, unknown>[];
  return row;
}

export async function caseRow(stack: Db, caseId: string) {
  const [row] = (await stack.db.query('SELECT * FROM cases WHERE id = $1', [caseId])) as Record<string, unknown>[];
  return row;
}
