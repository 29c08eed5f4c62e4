import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The projection converges to what the workflow committed, and the event chain is keyed.
 *
 * - `case_events.hash_alg`: rows written so far keep `sha256` (unkeyed, still verifiable, reported
 *   as such); new rows are `hmac-sha256` under EVENT_CHAIN_KEY. `event_chain_legacy` records the
 *   last id that may be unkeyed (sealed with an HMAC by the repository on first use).
 * - `case_event_corrections`: when a retried workflow task recomputes an event at a sequence number
 *   a killed attempt already wrote (same seq, different content, e.g. a later `new Date()`), the
 *   stored rows from that seq on are replaced and each replacement is logged here (old row, new row).
 * - The append-only trigger allows exactly that path: UPDATE/DELETE on case_events passes only when
 *   the transaction set `anjian.projection_correction = 'on'` AND logged a correction for the case at
 *   or below the row's seq in the same transaction. Anything else is still refused.
 */
export class ProjectionCorrections1733000000000 implements MigrationInterface {
  name = 'ProjectionCorrections1733000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE case_events ADD COLUMN hash_alg text NOT NULL DEFAULT 'sha256' CHECK (hash_alg IN ('sha256', 'hmac-sha256'))`,
    );
    // New rows must say how they were hashed.
    await q.query(`ALTER TABLE case_events ALTER COLUMN hash_alg DROP DEFAULT`);
    // Rows up to this id may be unkeyed (they predate the key). The repository seals the watermark
    // with an HMAC on first use, so it cannot later be raised to pass off a re-chained case as legacy.
    await q.query(`
      CREATE TABLE event_chain_legacy (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        max_event_id bigint NOT NULL,
        mac char(64)
      )`);
    await q.query(`INSERT INTO event_chain_legacy (max_event_id) SELECT COALESCE(max(id), 0) FROM case_events`);
    await q.query(`
      CREATE TABLE case_event_corrections (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        seq integer NOT NULL,
        old_row jsonb NOT NULL,
        new_row jsonb,
        reason text NOT NULL,
        txid bigint NOT NULL DEFAULT txid_current(),
        corrected_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_event_corrections_case ON case_event_corrections (case_id, seq)`);
    await q.query(`
      CREATE TRIGGER case_event_corrections_no_update BEFORE UPDATE OR DELETE ON case_event_corrections
      FOR EACH ROW EXECUTE FUNCTION case_events_append_only()`);
    await q.query(`
      CREATE FUNCTION case_events_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('anjian.projection_correction', true) = 'on' AND EXISTS (
             SELECT 1 FROM case_event_corrections c
             WHERE c.case_id = OLD.case_id AND c.seq <= OLD.seq AND c.txid = txid_current()) THEN
          IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
          RETURN NEW;
        END IF;
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
      END $$`);
    await q.query(`DROP TRIGGER case_events_no_update ON case_events`);
    await q.query(`
      CREATE TRIGGER case_events_no_update BEFORE UPDATE OR DELETE ON case_events
      FOR EACH ROW EXECUTE FUNCTION case_events_guard()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER case_events_no_update ON case_events`);
    await q.query(`
      CREATE TRIGGER case_events_no_update BEFORE UPDATE OR DELETE ON case_events
      FOR EACH ROW EXECUTE FUNCTION case_events_append_only()`);
    await q.query(`DROP FUNCTION case_events_guard`);
    await q.query(`DROP TABLE case_event_corrections`);
    await q.query(`DROP TABLE event_chain_legacy`);
    await q.query(`ALTER TABLE case_events DROP COLUMN hash_alg`);
  }
}
