import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A key's Temporal update generation. Temporal remembers an update id's outcome for the life of the
 * run, failures included: an action that failed without effect (the worker could not reach
 * PostgreSQL) would answer every retry under the same id with that same failure. Such a failure
 * moves the key to the next generation, which gives the retry a fresh update id.
 */
export class IdempotencyUpdateGeneration1733100000001 implements MigrationInterface {
  name = 'IdempotencyUpdateGeneration1733100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_keys ADD COLUMN update_generation integer NOT NULL DEFAULT 0 CHECK (update_generation >= 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_keys DROP COLUMN update_generation`);
  }
}
