import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a case's active procedures last recorded progress, on the case row itself: `cases.progress_at`,
 * the latest `case_procedures.last_progress_at` of its active procedures, NULL when none is active (a
 * legacy case, or one whose procedures have all ended; the lists then read `updated_at`, as before).
 *
 * Why a column: "no progress for N days" (久未推进) is a reason of the stalled-case review and of its
 * counts. It was a correlated `max(last_progress_at)` over the case's procedure rows, evaluated once per
 * open case of the caller's subtree: about half of the counts' time for a province at 1M cases
 * (docs/benchmarks-lists.md). On the row, the counts are an index-only scan of `cases_open_scope`,
 * which is recreated here to carry the column — and `overdue`, which the overdue reason reads too and
 * which the first version lacked, so the counts had still read the heap of every open case of the
 * subtree (province 14 at 1M cases, single run: 234 ms with 16,468 heap blocks → 16.5 ms, no heap).
 *
 * Kept by a trigger on `case_procedures`, like the step visits (1734500000000), so every writer of a
 * procedure row keeps it alike: after a row is inserted, deleted, or has its status or progress
 * changed, the case's value is recomputed from its active procedure rows (a primary-key range of a few
 * rows), and the case row is written only when the value moved.
 *
 * Existing rows are backfilled. On a large live table, create the new index CONCURRENTLY by hand before
 * deploying (a migration runs in a transaction).
 */
/** Sets every case's progress_at from its procedure rows at once (the backfill; a bulk load's too). */
export const CASE_PROGRESS_BACKFILL = `
  UPDATE cases c SET progress_at = p.latest
  FROM (SELECT case_id, max(last_progress_at) AS latest FROM case_procedures WHERE status = 'active' GROUP BY case_id) p
  WHERE c.id = p.case_id AND c.progress_at IS DISTINCT FROM p.latest`;

export class CaseProgress1734600000000 implements MigrationInterface {
  name = 'CaseProgress1734600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ADD COLUMN progress_at timestamptz`);
    await q.query(
      `COMMENT ON COLUMN cases.progress_at IS 'latest last_progress_at of the active case_procedures; NULL when none is active (kept by case_procedures_progress)'`,
    );
    await q.query(`
      CREATE FUNCTION cases_track_progress() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        target uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.case_id ELSE NEW.case_id END;
        latest timestamptz;
      BEGIN
        SELECT max(last_progress_at) INTO latest FROM case_procedures WHERE case_id = target AND status = 'active';
        UPDATE cases SET progress_at = latest WHERE id = target AND progress_at IS DISTINCT FROM latest;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER case_procedures_progress
      AFTER INSERT OR DELETE OR UPDATE OF status, last_progress_at ON case_procedures
      FOR EACH ROW EXECUTE FUNCTION cases_track_progress()`);
    await q.query(CASE_PROGRESS_BACKFILL);
    await q.query(`DROP INDEX cases_open_scope`);
    await q.query(
      `CREATE INDEX cases_open_scope ON cases (jurisdiction text_pattern_ops)
       INCLUDE (id, sector, hazard_grade, procedure, step, opened_at, due_at, overdue, updated_at, progress_at, assignee_id) WHERE status = 'open'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_open_scope`);
    await q.query(
      `CREATE INDEX cases_open_scope ON cases (jurisdiction text_pattern_ops)
       INCLUDE (id, sector, hazard_grade, procedure, step, opened_at, due_at, updated_at, assignee_id) WHERE status = 'open'`,
    );
    await q.query(`DROP TRIGGER case_procedures_progress ON case_procedures`);
    await q.query(`DROP FUNCTION cases_track_progress()`);
    await q.query(`ALTER TABLE cases DROP COLUMN progress_at`);
  }
}
