import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the lists and figures (docs/worklists.md; plans checked with EXPLAIN over 1M cases in
 * docs/benchmarks-lists.md). Existing ones already serve the two hottest lists: `cases_open_due`
 * (due_at) INCLUDE (jurisdiction) WHERE open — the overdue/due-soon lists over a subtree — and
 * `cases_assignee_open` — an officer's own cases.
 *
 * - `cases_open_updated`, `cases_open_opened`: the stalled review sorted by last change or opening
 *   (and "no progress for N days"), walked in order and filtered by the subtree prefix, like due_at.
 * - `cases_enterprise_name_trgm`, `cases_credit_code_trgm` (pg_trgm, a trusted extension): the free-text
 *   search is a literal ILIKE '%…%' (wildcards escaped); trigram GIN indexes serve it (Chinese names
 *   included: pg_trgm makes trigrams of CJK characters under a UTF-8 locale).
 * - `cases_scope_figures`: statistics and the stalled counts read every case of a subtree; this
 *   covering index on the jurisdiction prefix lets them run as index-only scans instead of reading
 *   the heap.
 *
 * On a large live table, create these CONCURRENTLY by hand before deploying (a migration runs in a
 * transaction, where CONCURRENTLY is not allowed).
 */
export class ListIndexes1734300000000 implements MigrationInterface {
  name = 'ListIndexes1734300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE INDEX cases_open_updated ON cases (updated_at) INCLUDE (jurisdiction) WHERE status = 'open'`);
    await q.query(`CREATE INDEX cases_open_opened ON cases (opened_at) INCLUDE (jurisdiction) WHERE status = 'open'`);
    await q.query(`CREATE INDEX cases_enterprise_name_trgm ON cases USING gin (enterprise_name gin_trgm_ops)`);
    await q.query(`CREATE INDEX cases_credit_code_trgm ON cases USING gin ((enterprise_credit_code::text) gin_trgm_ops)`);
    await q.query(
      `CREATE INDEX cases_scope_figures ON cases (jurisdiction text_pattern_ops)
       INCLUDE (id, sector, hazard_grade, status, procedure, step, opened_at, closed_at, due_at, updated_at, assignee_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_scope_figures`);
    await q.query(`DROP INDEX cases_credit_code_trgm`);
    await q.query(`DROP INDEX cases_enterprise_name_trgm`);
    await q.query(`DROP INDEX cases_open_opened`);
    await q.query(`DROP INDEX cases_open_updated`);
  }
}
