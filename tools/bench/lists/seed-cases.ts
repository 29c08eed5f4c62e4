import { stepVisitsFromEvents } from '@anjian/persistence/src/migrations/1734500000000-step-visits';
import { CASE_PROGRESS_BACKFILL } from '@anjian/persistence/src/migrations/1734600000000-case-progress';
import type { DataSource } from 'typeorm';

/**
 * Seeds `count` cases in one INSERT … SELECT over generate_series (≈ 1M rows a minute here), with a
 * spread like the real one: 31 provinces (Shanxi 14 ~8%, the benchmark's users live there), 10 cities
 * × 12 districts each, ten sectors, 30% of cases open, the open ones due from 30 days ago to 60 days
 * ahead (≈ 1/3 overdue), 20% major hazards, legacy and procedure-era steps. Deterministic per row
 * number (md5 of it), so two runs seed the same data. Also seeds pending approvals on 1% of open cases
 * and an active procedure row for each open case of the procedure era.
 */
export async function seedCases(db: DataSource, count: number, now: Date): Promise<void> {
  // Building the secondary indexes once after the load is several times faster than maintaining them
  // row by row (the trigram GIN ones most of all): drop them, load, recreate them from their own DDL.
  const indexes = await db.query<{ name: string; def: string }[]>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
     WHERE i.tablename = 'cases' AND i.schemaname = current_schema()
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
  );
  for (const i of indexes) await db.query(`DROP INDEX ${i.name}`);
  await db.query(`SET maintenance_work_mem = '256MB'`);
  await db.query(
    `
    WITH g AS (
      SELECT i,
        ('x' || substr(md5(i::text), 1, 8))::bit(32)::int AS h1,
        ('x' || substr(md5(i::text), 9, 8))::bit(32)::int AS h2,
        ('x' || substr(md5(i::text), 17, 8))::bit(32)::int AS h3
      FROM generate_series(1, $1::int) AS i
    ), r AS (
      SELECT i, h1,
        abs(h1 % 1000) AS u1, abs(h2 % 1000) AS u2, abs(h3 % 1000) AS u3, abs((h1 / 1000) % 1000) AS u4,
        abs((h2 / 1000) % 1000) AS u5, abs((h3 / 1000) % 1000) AS u6
      FROM g
    ), c AS (
      SELECT i, h1, u1, u2, u3, u4, u5, u6,
        (CASE WHEN u1 < 80 THEN '14'
              ELSE (ARRAY['11','12','13','15','21','22','23','31','32','33','34','35','36','37','41','42','43','44','45','46','50','51','52','53','54','61','62','63','64','65'])[1 + u1 % 30] END)
          || lpad((1 + u2 % 10)::text, 2, '0') || lpad((1 + u3 % 12)::text, 2, '0') AS jurisdiction,
        (ARRAY['industry_trade','hazardous_chemicals','fire','mining','road_transport','construction','gas','fireworks','special_equipment','power'])[1 + u4 % 10] AS sector,
        u5 < 300 AS open
      FROM r
    )
    INSERT INTO cases (id, title, description, source, sector, jurisdiction, hazard_grade, enterprise_name, enterprise_credit_code,
      procedure, step, status, due_at, deadline, overdue, failures, assignee_id, opened_by, opened_at, closed_at, policy_version,
      workflow_id, last_seq, updated_at)
    SELECT md5('case' || i)::uuid, '隐患整改 #' || i, '', 'inspection', sector, jurisdiction,
      CASE WHEN u6 < 200 THEN 'major' WHEN u6 < 350 THEN 'larger' ELSE 'general' END,
      (ARRAY['晋','华','鑫','安','泰','恒','兴','盛','源','达'])[1 + u2 % 10] || (ARRAY['阳','通','丰','和','宏','祥','瑞','隆'])[1 + u3 % 8]
        || (ARRAY['煤业','化工','建材','燃气','物流','机械','电力','矿业'])[1 + u4 % 8] || '有限公司' || (i % 997),
      '91' || lpad(i::text, 15, '0') || 'X',
      CASE WHEN u3 < 850 THEN 'rectification' WHEN u3 < 950 THEN 'listed_supervision' ELSE 'interview' END,
      CASE WHEN NOT open THEN 'closed' WHEN u3 < 600 THEN 'awaiting_report' WHEN u3 < 850 THEN 'awaiting_recheck'
           WHEN u3 < 950 THEN 'progress_report' ELSE 'hold_interview' END,
      CASE WHEN open THEN 'open' ELSE 'closed' END,
      CASE WHEN open THEN $2::timestamptz + make_interval(mins => abs(h1 % 129600) - 43200) END,
      NULL, false, 0,
      CASE WHEN u6 % 4 = 0 THEN 'officer@' || jurisdiction ELSE 'officer' || (u6 % 4) || '@' || jurisdiction END,
      'officer@' || jurisdiction,
      $2::timestamptz - make_interval(days => 90 + (u2 * 3 + u4) % 630),
      CASE WHEN NOT open THEN least($2::timestamptz, $2::timestamptz - make_interval(days => 90 + (u2 * 3 + u4) % 630) + make_interval(days => 5 + (u1 + u5) % 200)) END,
      1, 'case-' || md5('case' || i)::uuid || '-rectification', 1,
      $2::timestamptz - make_interval(hours => (u1 * 13 + u6) % 2160)
    FROM c`,
    [count, now.toISOString()],
  );
  // Procedure rows for the open cases of the procedure era (every step but the legacy awaiting_report):
  // one active procedure each, whose last progress lies 0–63 days before the row's last change, so
  // "no progress" reads real rows (a reminder moves updated_at, not the procedure's progress). The
  // progress trigger would rewrite each case row one by one; the rows' latest progress is set once
  // afterwards with the migration's own backfill statement (before the case indexes are rebuilt).
  await db.query('ALTER TABLE case_procedures DISABLE TRIGGER case_procedures_progress');
  await db.query(
    `INSERT INTO case_procedures (case_id, procedure_id, procedure, step, status, due_at, overdue, assignee_id,
       workflow_id, started_at, last_progress_at, updated_at)
     SELECT id, procedure || '-1', procedure, step, 'active', due_at, overdue, assignee_id,
       workflow_id, opened_at, greatest(opened_at, updated_at - make_interval(days => ('x' || substr(id::text, 5, 2))::bit(8)::int / 4)),
       updated_at
     FROM cases WHERE status = 'open' AND step <> 'awaiting_report'`,
  );
  await db.query('ALTER TABLE case_procedures ENABLE TRIGGER case_procedures_progress');
  await db.query(CASE_PROGRESS_BACKFILL);
  for (const i of indexes) await db.query(i.def);
  await db.query(
    `INSERT INTO case_approvals (id, case_id, procedure_id, kind, approver_role, status, summary, requested_by, requested_at, data)
     SELECT 'approval-1', id, NULL, 'closure', 'supervisor', 'pending', '销号审批', assignee_id, $1::timestamptz - interval '3 days', '{}'
     FROM cases WHERE status = 'open' AND ('x' || substr(id::text, 1, 2))::bit(8)::int < 3`,
    [now.toISOString()],
  );
  // Event history for the closed cases of Shanxi (the province the benchmark's statistics read): order,
  // report, re-check passed, and a missed report deadline on one in five — what the on-time figure
  // reads. Other provinces carry no events, so that figure's cost is measured for one province only.
  // The step-visit trigger would look up each step change's visit row by row; the history is
  // written in one statement here, so its visits are computed once afterwards, as the migration does.
  await db.query('ALTER TABLE case_events DISABLE TRIGGER case_step_visits_record');
  await db.query(
    `INSERT INTO case_events (case_id, seq, type, procedure, step_before, step_after, data, occurred_at, hash, hash_alg)
     SELECT c.id, e.seq, e.type, 'rectification', e.before, e.after, '{}', e.at, repeat('0', 64), 'sha256'
     FROM cases c
     CROSS JOIN LATERAL (VALUES
       (1, 'order_issued', NULL, 'awaiting_report', c.opened_at),
       (2, 'deadline_missed', 'awaiting_report', 'awaiting_report', c.opened_at + (c.closed_at - c.opened_at) / 3),
       (3, 'report_submitted', 'awaiting_report', 'awaiting_recheck', c.opened_at + (c.closed_at - c.opened_at) / 2),
       (4, 'verification_passed', 'awaiting_recheck', 'closed', c.closed_at)
     ) AS e(seq, type, before, after, at)
     WHERE c.jurisdiction LIKE '14%' AND c.status = 'closed' AND (e.seq <> 2 OR ('x' || substr(c.id::text, 3, 2))::bit(8)::int < 51)`,
  );
  await db.query('ALTER TABLE case_events ENABLE TRIGGER case_step_visits_record');
  await db.query(
    `INSERT INTO case_step_visits (case_id, stream, seq, jurisdiction, sector, procedure, step, left_at, missed) ${stepVisitsFromEvents('TRUE')}`,
  );
  await db.query('ANALYZE cases');
  await db.query('ANALYZE case_events');
  await db.query('ANALYZE case_step_visits');
  await db.query('ANALYZE case_approvals');
  await db.query('ANALYZE case_procedures');
}
