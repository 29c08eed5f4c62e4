import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The events that mark a deadline as missed during a step's visit, as this migration's trigger knows
 * them. Frozen with the migration: `migrations/step-visits.spec.ts` fails if `DEADLINE_MISSED_EVENTS` changes
 * without a new migration that replaces the trigger function (and recomputes the table).
 */
export const STEP_VISIT_MISSED_EVENTS = ['deadline_missed', 'deadline_passed'] as const;
const MISSED = `'{${STEP_VISIT_MISSED_EVENTS.join(',')}}'::text[]`;

/**
 * The visits the stored events of `where` (a condition on `case_events e`) describe, computed from the
 * history in one pass (a running count of missed deadlines before each event; at each step change, the
 * difference to the previous step change's count is what the visit just left collected): the backfill,
 * and what the tests compare the triggers' rows with.
 */
export function stepVisitsFromEvents(where: string): string {
  return `
    SELECT v.case_id, v.stream, v.seq, c.jurisdiction, c.sector, v.procedure, v.step_before AS step, v.occurred_at AS left_at, v.missed
    FROM (
      SELECT e.*, e.missed_before - coalesce(lag(e.missed_before) OVER (PARTITION BY e.case_id, e.stream ORDER BY e.seq), 0) AS missed
      FROM (
        SELECT e.case_id, e.stream, e.seq, e.procedure, e.step_before, e.step_after, e.occurred_at,
               count(*) FILTER (WHERE e.type = ANY(${MISSED})) OVER w - (e.type = ANY(${MISSED}))::int AS missed_before
        FROM case_events e
        WHERE ${where}
        WINDOW w AS (PARTITION BY e.case_id, e.stream ORDER BY e.seq)
      ) e
      WHERE e.step_before IS DISTINCT FROM e.step_after
    ) v JOIN cases c ON c.id = v.case_id
    WHERE v.step_before IS NOT NULL`;
}

/**
 * One row per visit of a step that has ended (`case_step_visits`), for the on-time rate of the
 * statistics (按期办结率): which procedure and step was left, when, and how many deadline-missed events
 * were recorded during the visit (0 = on time), with the case's jurisdiction and sector (facts a case
 * never changes) so that a subtree's visits of a period are one range of `case_step_visits_scope`.
 *
 * Why a table: the rate was computed from the whole event history of the caller's subtree on every
 * request (a window over each stream in sequence order, ≈ 470 ms over province 14's 178,534 events at
 * 1M cases, spilling to disk); the figure only changes when a step is left, so it is kept when that
 * happens. The statistics now read the visits left within the period through `case_step_visits_scope`
 * (an index-only range scan): ≈ 45 ms for the same figures (docs/benchmarks-lists.md).
 *
 * Kept by triggers on `case_events`, so every writer (the procedure streams, the legacy single-stream
 * cases, corrections of the projection) keeps it alike (a bulk load may switch the insert trigger off
 * and fill the table with `stepVisitsFromEvents` afterwards, as `bench:lists` does):
 * - after an event that changes step is inserted (its step_before set and different from step_after),
 *   the visit it ends is recorded: missed = deadline-missed events of the same (case, stream) after
 *   the previous step change and before this event. An AFTER ROW trigger runs once its statement has
 *   inserted every row, so a visit's events written in the same statement are already visible;
 * - a deleted event (only a projection correction may delete, which then re-inserts the new version)
 *   takes its visit row with it.
 * A visit is keyed by its case, stream and the sequence number of the event that ended it.
 *
 * Existing histories are backfilled here with the window computation the statistics used before
 * (same figures). On a large live table run this in a quiet moment: it reads the whole event history once.
 */
export class StepVisits1734500000000 implements MigrationInterface {
  name = 'StepVisits1734500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_step_visits (
        case_id uuid NOT NULL REFERENCES cases(id),
        stream text NOT NULL,
        seq integer NOT NULL,
        jurisdiction text NOT NULL,
        sector text NOT NULL,
        procedure text NOT NULL,
        step text NOT NULL,
        left_at timestamptz NOT NULL,
        missed integer NOT NULL CHECK (missed >= 0),
        PRIMARY KEY (case_id, stream, seq)
      )`);
    await q.query(
      `CREATE INDEX case_step_visits_scope ON case_step_visits (jurisdiction text_pattern_ops, left_at) INCLUDE (sector, procedure, step, missed)`,
    );
    await q.query(`
      CREATE FUNCTION case_step_visit_record() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        entered integer;
        missed_count integer;
      BEGIN
        IF NEW.step_before IS NULL OR NEW.step_before IS NOT DISTINCT FROM NEW.step_after THEN
          RETURN NULL;
        END IF;
        SELECT max(e.seq) INTO entered FROM case_events e
         WHERE e.case_id = NEW.case_id AND e.stream = NEW.stream AND e.seq < NEW.seq
           AND e.step_before IS DISTINCT FROM e.step_after;
        SELECT count(*) INTO missed_count FROM case_events e
         WHERE e.case_id = NEW.case_id AND e.stream = NEW.stream AND e.seq < NEW.seq
           AND e.seq > coalesce(entered, -1) AND e.type = ANY(${MISSED});
        INSERT INTO case_step_visits (case_id, stream, seq, jurisdiction, sector, procedure, step, left_at, missed)
        SELECT NEW.case_id, NEW.stream, NEW.seq, c.jurisdiction, c.sector, NEW.procedure, NEW.step_before, NEW.occurred_at, missed_count
        FROM cases c WHERE c.id = NEW.case_id
        ON CONFLICT (case_id, stream, seq) DO UPDATE
          SET procedure = EXCLUDED.procedure, step = EXCLUDED.step, left_at = EXCLUDED.left_at, missed = EXCLUDED.missed;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION case_step_visit_forget() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM case_step_visits v WHERE v.case_id = OLD.case_id AND v.stream = OLD.stream AND v.seq = OLD.seq;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER case_step_visits_record AFTER INSERT ON case_events FOR EACH ROW EXECUTE FUNCTION case_step_visit_record()`,
    );
    await q.query(
      `CREATE TRIGGER case_step_visits_forget AFTER DELETE ON case_events FOR EACH ROW EXECUTE FUNCTION case_step_visit_forget()`,
    );
    await q.query(
      `INSERT INTO case_step_visits (case_id, stream, seq, jurisdiction, sector, procedure, step, left_at, missed) ${stepVisitsFromEvents('TRUE')}`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER case_step_visits_forget ON case_events`);
    await q.query(`DROP TRIGGER case_step_visits_record ON case_events`);
    await q.query(`DROP FUNCTION case_step_visit_forget()`);
    await q.query(`DROP FUNCTION case_step_visit_record()`);
    await q.query(`DROP TABLE case_step_visits`);
  }
}
