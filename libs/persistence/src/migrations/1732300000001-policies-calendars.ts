import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deadlines as data: working-day calendars (national and local, versioned), deadline policy
 * versions (immutable once published, each with an effective-from instant), and the append-only
 * log of every administrator change (who, when, why, before/after).
 */
export class PoliciesCalendars1732300000001 implements MigrationInterface {
  name = 'PoliciesCalendars1732300000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calendars (
        id text NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        jurisdiction_prefix text CHECK (jurisdiction_prefix ~ '^([0-9]{2}|[0-9]{4}|[0-9]{6})$'),
        data jsonb NOT NULL,
        created_by text NOT NULL,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (id, version)
      )`);
    await q.query(`
      CREATE TABLE policy_versions (
        version integer PRIMARY KEY CHECK (version > 0),
        label text NOT NULL,
        status text NOT NULL CHECK (status IN ('draft', 'published')),
        effective_from timestamptz UNIQUE,
        rules jsonb NOT NULL,
        based_on integer REFERENCES policy_versions(version),
        created_by text NOT NULL,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        CHECK (status = 'draft' OR effective_from IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX policy_versions_in_force ON policy_versions (effective_from DESC) WHERE status = 'published'`);
    await q.query(`
      CREATE TABLE admin_changes (
        id bigserial PRIMARY KEY,
        entity text NOT NULL,
        entity_id text NOT NULL,
        action text NOT NULL,
        actor_id text NOT NULL,
        actor_role text NOT NULL,
        reason text NOT NULL,
        before jsonb,
        after jsonb,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TRIGGER admin_changes_no_update BEFORE UPDATE OR DELETE ON admin_changes
      FOR EACH ROW EXECUTE FUNCTION case_events_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE admin_changes');
    await q.query('DROP TABLE policy_versions');
    await q.query('DROP TABLE calendars');
  }
}
