import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The user directory (issue 12): who may do what. A bearer token only says who the caller is; role,
 * jurisdiction, sectors and whether the account is active live here, so an administrator's change
 * takes effect on the next request. Jurisdictions are the 行政区划 (administrative divisions) a user
 * or a case may belong to: a code must exist here, not be any six digits. Rows of both are loaded by
 * seeds/load-seeds.ts (reference data and demo users), never by this migration.
 */
export class Directory1734200000000 implements MigrationInterface {
  name = 'Directory1734200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE jurisdictions (
        code char(6) PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
        name_zh text NOT NULL CHECK (char_length(name_zh) BETWEEN 1 AND 100),
        name_en text NOT NULL CHECK (char_length(name_en) BETWEEN 1 AND 200),
        parent char(6) REFERENCES jurisdictions (code),
        CHECK (parent IS NULL OR parent <> code)
      )`);
    await q.query(`CREATE INDEX jurisdictions_parent ON jurisdictions (parent)`);
    await q.query(`
      CREATE TABLE users (
        id text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9._:@-]{0,63}$'),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
        role text NOT NULL CHECK (role IN ('officer', 'supervisor', 'agency_head', 'administrator', 'viewer')),
        jurisdiction char(6) NOT NULL REFERENCES jurisdictions (code),
        sectors text[] NOT NULL DEFAULT '{}',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX users_jurisdiction ON users (jurisdiction)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE users');
    await q.query('DROP TABLE jurisdictions');
  }
}
