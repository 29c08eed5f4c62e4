import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Several procedures per case (issue 11): a row per procedure beside the case row, and the event log
 * keyed by (case, stream, seq) where a stream is 'case' (the case workflow) or a procedure id (its
 * child workflow). Legacy rows (the single-workflow rectification cases) are stream 'main'.
 *
 * - `case_events.stream`: unique (case_id, stream, seq) replaces (case_id, seq). There is still ONE
 *   hash chain per case, in insertion order (`id`); the index (case_id, id) finds its head.
 * - `case_event_corrections` gains `stream` and `event_id`: a correction in one stream re-chains the
 *   rows of every stream inserted after the corrected row, and each such row is logged with its id.
 *   The append-only guard accepts a row when the transaction logged a correction for its stream at or
 *   below its seq (the legacy rule, stream 'main') or for its own id or an earlier one of the case.
 * - `case_procedures`: one row per procedure instance (PK case_id, procedure_id); the partial
 *   indexes serve the "due soon / overdue" and "awaiting my role" lists.
 */
export class CaseProcedures1734000000100 implements MigrationInterface {
  name = 'CaseProcedures1734000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_events ADD COLUMN stream text NOT NULL DEFAULT 'main' CHECK (stream ~ '^[a-z0-9][a-z0-9_-]{0,63}$')`);
    await q.query(`CREATE UNIQUE INDEX case_events_case_stream_seq ON case_events (case_id, stream, seq)`);
    // The old unique (case_id, seq) was declared inline; find its generated name instead of guessing it.
    await q.query(`
      DO $$
      DECLARE c text;
      BEGIN
        SELECT conname INTO c FROM pg_constraint
        WHERE conrelid = 'case_events'::regclass AND contype = 'u' AND pg_get_constraintdef(oid) = 'UNIQUE (case_id, seq)';
        IF c IS NOT NULL THEN EXECUTE format('ALTER TABLE case_events DROP CONSTRAINT %I', c); END IF;
      END $$`);
    await q.query(`CREATE INDEX case_events_case_chain ON case_events (case_id, id)`);

    await q.query(`ALTER TABLE case_event_corrections ADD COLUMN stream text NOT NULL DEFAULT 'main'`);
    await q.query(`ALTER TABLE case_event_corrections ADD COLUMN event_id bigint`);
    await q.query(`
      CREATE OR REPLACE FUNCTION case_events_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('anjian.projection_correction', true) = 'on' AND EXISTS (
             SELECT 1 FROM case_event_corrections c
             WHERE c.case_id = OLD.case_id AND c.txid = txid_current()
               AND ((c.stream = OLD.stream AND c.seq <= OLD.seq) OR c.event_id <= OLD.id)) THEN
          IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
          RETURN NEW;
        END IF;
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
      END $$`);

    await q.query(`
      CREATE TABLE case_procedures (
        case_id uuid NOT NULL REFERENCES cases(id),
        procedure_id text NOT NULL CHECK (procedure_id ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
        procedure text NOT NULL,
        step text NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'completed', 'cancelled')),
        suspended boolean NOT NULL DEFAULT false,
        outcome text,
        deadline jsonb,
        deadlines jsonb NOT NULL DEFAULT '[]',
        due_at timestamptz,
        overdue boolean NOT NULL DEFAULT false,
        awaiting_role text,
        assignee_id text,
        data jsonb NOT NULL DEFAULT '{}',
        workflow_id text NOT NULL,
        started_at timestamptz NOT NULL,
        last_progress_at timestamptz NOT NULL,
        completed_at timestamptz,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (case_id, procedure_id)
      )`);
    // Running clocks only: a suspended procedure's due instant does not run out (中止).
    await q.query(
      `CREATE INDEX case_procedures_active_due ON case_procedures (due_at) INCLUDE (case_id, procedure) WHERE status = 'active' AND NOT suspended`,
    );
    await q.query(
      `CREATE INDEX case_procedures_awaiting_role ON case_procedures (awaiting_role, due_at) WHERE status = 'active' AND awaiting_role IS NOT NULL`,
    );
    await q.query(`CREATE INDEX case_procedures_assignee_active ON case_procedures (assignee_id, due_at) WHERE status = 'active'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_procedures`);
    await q.query(`
      CREATE OR REPLACE FUNCTION case_events_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('anjian.projection_correction', true) = 'on' AND EXISTS (
             SELECT 1 FROM case_event_corrections c
             WHERE c.case_id = OLD.case_id AND c.seq <= OLD.seq AND c.txid = txid_current()) THEN
          IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
          RETURN NEW;
        END IF;
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
      END $$`);
    await q.query(`ALTER TABLE case_event_corrections DROP COLUMN event_id`);
    await q.query(`ALTER TABLE case_event_corrections DROP COLUMN stream`);
    await q.query(`DROP INDEX case_events_case_chain`);
    await q.query(`ALTER TABLE case_events ADD CONSTRAINT case_events_case_id_seq_key UNIQUE (case_id, seq)`);
    await q.query(`DROP INDEX case_events_case_stream_seq`);
    await q.query(`ALTER TABLE case_events DROP COLUMN stream`);
  }
}
