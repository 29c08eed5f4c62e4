import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Batches that move running cases to another policy version or calendar (caseMigrationWorkflow),
 * projected by its activities so that progress is read from PostgreSQL, never from Temporal:
 * one row per batch and one per case it listed, with that case's outcome once known.
 */
export class CaseMigrations1734100000000 implements MigrationInterface {
  name = 'CaseMigrations1734100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_migrations (
        id uuid PRIMARY KEY,
        workflow_id text NOT NULL UNIQUE,
        cause text NOT NULL CHECK (cause IN ('policy_migration', 'calendar_change')),
        target jsonb NOT NULL,
        target_label text NOT NULL,
        filter jsonb NOT NULL,
        within text[] NOT NULL,
        reason text NOT NULL,
        actor_id text NOT NULL,
        actor_role text NOT NULL,
        actor_jurisdiction text NOT NULL CHECK (actor_jurisdiction ~ '^[0-9]{6}$'),
        status text NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
        listing_done boolean NOT NULL DEFAULT false,
        failure text,
        started_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX case_migrations_started ON case_migrations (started_at DESC)`);
    await q.query(`
      CREATE TABLE case_migration_cases (
        migration_id uuid NOT NULL REFERENCES case_migrations (id),
        case_id uuid NOT NULL,
        position integer NOT NULL,
        jurisdiction text NOT NULL,
        workflow_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'moved', 'unchanged', 'skipped', 'failed')),
        before jsonb NOT NULL,
        after jsonb,
        note text,
        attempts integer NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (migration_id, case_id)
      )`);
    await q.query(`CREATE INDEX case_migration_cases_position ON case_migration_cases (migration_id, position)`);
    await q.query(`CREATE INDEX case_migration_cases_status ON case_migration_cases (migration_id, status)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE case_migration_cases');
    await q.query('DROP TABLE case_migrations');
  }
}
