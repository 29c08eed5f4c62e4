import type { Actor, Principal, ReassignableCase } from '@anjian/domain';
import type { DataSource } from 'typeorm';

/** Reads and the one direct write (legacy cases) of a reassignment. */
export class ReassignmentRepository {
  constructor(private readonly db: DataSource) {}

  async cases(ids: readonly string[]): Promise<Map<string, ReassignableCase>> {
    const rows = await this.db.query<(ReassignableCase & { id: string })[]>(
      `SELECT id, jurisdiction, sector, status, assignee_id AS "assigneeId", workflow_id AS "workflowId" FROM cases WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map(({ id, ...c }) => [id, c]));
  }

  /** The directory entry of a would-be assignee (null: no such user). */
  async user(id: string): Promise<(Principal & { active: boolean }) | null> {
    const rows = await this.db.query<(Principal & { active: boolean })[]>(
      `SELECT id, name, role, trim(jurisdiction) AS jurisdiction, sectors, active FROM users WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /**
   * A legacy case's assignee, changed in the projection with an audit row in the same transaction.
   * Guarded on the assignee read before (optimistic): a concurrent change makes this return false.
   */
  async reassignLegacy(caseId: string, from: string, to: string, actor: Actor, reason: string): Promise<boolean> {
    // One statement: the change and its audit row commit together or not at all.
    const rows = await this.db.query<{ n: number }[]>(
      `WITH u AS (
         UPDATE cases SET assignee_id = $3 WHERE id = $1 AND status = 'open' AND assignee_id = $2 RETURNING id
       ), a AS (
         INSERT INTO admin_changes (entity, entity_id, action, actor_id, actor_role, reason, before, after)
         SELECT 'case_assignment', u.id::text, 'reassign', $4, $5, $6, $7::jsonb, $8::jsonb FROM u RETURNING id
       )
       SELECT count(*)::int AS n FROM a`,
      [caseId, from, to, actor.id, actor.role, reason, JSON.stringify({ assigneeId: from }), JSON.stringify({ assigneeId: to })],
    );
    return (rows[0]?.n ?? 0) > 0;
  }
}
