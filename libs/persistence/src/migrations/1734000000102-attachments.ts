import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attachment metadata (evidence, notices, minutes: 证据、文书、笔录). The bytes live behind the
 * attachment store port, content-addressed by SHA-256 (`storage_key`). The unique index makes a
 * retried upload of the same file under the same name to the same case/procedure return the row
 * it already made instead of a second one.
 */
export class Attachments1734000000102 implements MigrationInterface {
  name = 'Attachments1734000000102';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE attachments (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        procedure_id text,
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 255),
        sha256 char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size bigint NOT NULL CHECK (size >= 0),
        content_type text NOT NULL,
        added_by text NOT NULL,
        added_at timestamptz NOT NULL,
        storage_key text NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX attachments_same_file ON attachments (case_id, COALESCE(procedure_id, ''), sha256, name)`);
    await q.query(`CREATE INDEX attachments_case ON attachments (case_id, added_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE attachments`);
  }
}
