import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The statistics' overdue figure (晾晒 rankings: overdue open cases per district and sector) now uses
 * the lists' definition — the projection's `overdue` flag (a deadline missed, its act still awaited)
 * or a passed `due_at` — instead of `due_at` alone, which missed every case whose miss had started the
 * next clock. Its scan of the subtree is an index-only scan of `cases_scope_figures`, so the index is
 * recreated here carrying `overdue` (else every case row of the subtree would be read from the heap).
 *
 * Recreating it also repairs databases migrated between 831ace9 and cf24187, whose index lacked `id`,
 * `step`, `updated_at` and `assignee_id` (docs/benchmarks-lists.md). On a large live table, create the
 * new index CONCURRENTLY by hand under another name and swap it before deploying.
 */
export class ScopeFiguresOverdue1734600000001 implements MigrationInterface {
  name = 'ScopeFiguresOverdue1734600000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_scope_figures`);
    await q.query(
      `CREATE INDEX cases_scope_figures ON cases (jurisdiction text_pattern_ops)
       INCLUDE (id, sector, hazard_grade, status, procedure, step, opened_at, closed_at, due_at, overdue, updated_at, assignee_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_scope_figures`);
    await q.query(
      `CREATE INDEX cases_scope_figures ON cases (jurisdiction text_pattern_ops)
       INCLUDE (id, sector, hazard_grade, status, procedure, step, opened_at, closed_at, due_at, updated_at, assignee_id)`,
    );
  }
}
