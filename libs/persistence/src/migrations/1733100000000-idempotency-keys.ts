import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys (Idempotency-Key header): one row per (actor, method, route, key) with the hash of
 * the first request and, once it finished, the answer it got. `expires_at` bounds retention; the
 * index serves the purge.
 */
export class IdempotencyKeys1733100000000 implements MigrationInterface {
  name = 'IdempotencyKeys1733100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        actor_id text NOT NULL,
        method text NOT NULL,
        route text NOT NULL,
        key text NOT NULL,
        request_hash char(64) NOT NULL,
        state text NOT NULL CHECK (state IN ('in_flight', 'completed')),
        attempt uuid NOT NULL,
        actor_role text NOT NULL,
        actor_jurisdiction text NOT NULL,
        response_status integer CHECK (response_status BETWEEN 100 AND 599),
        response_body jsonb,
        response_headers jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz NOT NULL,
        completed_at timestamptz,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (actor_id, method, route, key),
        CHECK ((state = 'completed') = (response_status IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX idempotency_keys_expires ON idempotency_keys (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
  }
}
