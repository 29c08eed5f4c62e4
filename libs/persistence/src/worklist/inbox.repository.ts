import type { VisibilityScope } from '@anjian/domain';
import type { DataSource } from 'typeorm';
import { scopeSql, SqlParams } from './sql-builder';

export interface InboxNotification {
  id: string;
  caseId: string;
  procedureId: string | null;
  kind: string;
  payload: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

export interface InboxReader {
  id: string;
  role: string;
  jurisdiction: string;
  scope: VisibilityScope;
}

interface Raw {
  id: string;
  case_id: string;
  procedure_id: string | null;
  kind: string;
  payload: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
}

/**
 * The notification outbox as one user sees it (spec.md §C): rows addressed to the user, or to the
 * user's role in a jurisdiction inside the user's subtree. On top of that rule, a notification shows
 * only while its case lies in the user's scope (visibilityScope): a notification tells something about
 * a case, so it must not reach someone who may not see the case (e.g. an officer of another sector).
 */
export class InboxRepository {
  constructor(private readonly db: DataSource) {}

  async list(
    reader: InboxReader,
    unreadOnly: boolean,
    limit: number,
    beforeId?: string,
  ): Promise<{ rows: InboxNotification[]; more: boolean }> {
    const p = new SqlParams();
    const where = [this.visible(reader, p)];
    if (unreadOnly) where.push('r.read_at IS NULL');
    if (beforeId !== undefined) where.push(`n.id < ${p.add(beforeId)}::bigint`);
    const rows = await this.db.query<Raw[]>(
      `SELECT n.id::text AS id, n.case_id, n.procedure_id, n.kind, n.payload, n.created_at, r.read_at
       FROM notifications n JOIN cases c ON c.id = n.case_id
       LEFT JOIN notification_reads r ON r.notification_id = n.id AND r.user_id = ${p.add(reader.id)}
       WHERE ${where.join(' AND ')} ORDER BY n.id DESC LIMIT ${p.add(limit + 1)}`,
      p.values,
    );
    return { rows: rows.slice(0, limit).map(toRow), more: rows.length > limit };
  }

  async unreadCount(reader: InboxReader): Promise<number> {
    const p = new SqlParams();
    const [row] = await this.db.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM notifications n JOIN cases c ON c.id = n.case_id
       WHERE ${this.visible(reader, p)}
         AND NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.notification_id = n.id AND r.user_id = ${p.add(reader.id)})`,
      p.values,
    );
    return Number(row!.n);
  }

  /** Marks one notification read for this user; the first read's instant stays. null = not the user's notification. */
  async markRead(reader: InboxReader, id: string): Promise<{ id: string; readAt: string } | null> {
    const p = new SqlParams();
    const user = p.add(reader.id);
    const rows = await this.db.query<{ read_at: Date }[]>(
      `WITH target AS (
         SELECT n.id FROM notifications n JOIN cases c ON c.id = n.case_id WHERE n.id = ${p.add(id)}::bigint AND ${this.visible(reader, p)}
       ), inserted AS (
         INSERT INTO notification_reads (notification_id, user_id) SELECT id, ${user} FROM target
         ON CONFLICT (notification_id, user_id) DO NOTHING RETURNING read_at
       )
       SELECT read_at FROM inserted
       UNION ALL
       SELECT r.read_at FROM notification_reads r JOIN target t ON t.id = r.notification_id WHERE r.user_id = ${user}`,
      p.values,
    );
    const first = rows[0];
    return first ? { id, readAt: first.read_at.toISOString() } : null;
  }

  private visible(reader: InboxReader, p: SqlParams): string {
    const prefix = reader.scope.jurisdictionPrefix;
    const addressed = `(n.recipient_id = ${p.add(reader.id)} OR (n.recipient_role = ${p.add(reader.role)} AND n.recipient_jurisdiction LIKE ${p.add(`${prefix}%`)}))`;
    return `${addressed} AND ${scopeSql(reader.scope, p)}`;
  }
}

const toRow = (r: Raw): InboxNotification => ({
  id: r.id,
  caseId: r.case_id,
  procedureId: r.procedure_id,
  kind: r.kind,
  payload: r.payload,
  createdAt: r.created_at.toISOString(),
  readAt: r.read_at ? r.read_at.toISOString() : null,
});
