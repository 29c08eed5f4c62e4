import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The stalled counts (`GET /review/stalled/counts`) read every open case of the caller's subtree. With
 * only the all-cases covering index (`cases_scope_figures`) the planner combined the jurisdiction index
 * with `cases_open_due` and then read the heap of every open case (province 14 at 1M cases: 18,215 heap
 * blocks, 209 ms). This covering index holds only open cases, with every column the counts read, so the
 * same count is an index-only scan: 99 ms (docs/benchmarks-lists.md).
 *
 * On a large live table, create it CONCURRENTLY by hand before deploying (a migration runs in a
 * transaction, where CONCURRENTLY is not allowed).
 */
export class OpenScopeIndex1734500000001 implements MigrationInterface {
  name = 'OpenScopeIndex1734500000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX cases_open_scope ON cases (jurisdiction text_pattern_ops)
       INCLUDE (id, sector, hazard_grade, procedure, step, opened_at, due_at, updated_at, assignee_id) WHERE status = 'open'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_open_scope`);
  }
}
