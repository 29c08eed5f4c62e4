import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lists' default order (due date, then id) within a subtree, one index per level of the
 * administrative division code (行政区划: province = first 2 digits, city = first 4, district = all 6).
 * A list of one subtree walks its own index in order and stops after one page (EXPLAIN over 1M cases:
 * 1.4 ms instead of 6 ms for province 14's overdue page, docs/benchmarks-lists.md). Before, it walked
 * `cases_open_due` across the whole country and dropped other subtrees' rows as it went: 12× the rows
 * for a province, ~100× for a city, ~1000× for a district.
 *
 * The lists ask for the level explicitly (`left(jurisdiction, 2) = '14'`, scopeSql's `level` form); the
 * figures keep the prefix form, which the covering `cases_scope_figures` index serves.
 *
 * On a large live table, create these CONCURRENTLY by hand before deploying (a migration runs in a
 * transaction, where CONCURRENTLY is not allowed).
 */
export class SubtreeDueIndexes1734400000000 implements MigrationInterface {
  name = 'SubtreeDueIndexes1734400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX cases_open_province_due ON cases (left(jurisdiction, 2), due_at, id) WHERE status = 'open'`);
    await q.query(`CREATE INDEX cases_open_city_due ON cases (left(jurisdiction, 4), due_at, id) WHERE status = 'open'`);
    await q.query(`CREATE INDEX cases_open_district_due ON cases (jurisdiction, due_at, id) WHERE status = 'open'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_open_district_due`);
    await q.query(`DROP INDEX cases_open_city_due`);
    await q.query(`DROP INDEX cases_open_province_due`);
  }
}
