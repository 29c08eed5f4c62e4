import type {
  CaseCursor,
  CaseMigrationInput,
  MigrationCaseFilter,
  MigrationCaseStatus,
  MigrationCounts,
  MigrationPage,
  MigrationTarget,
} from '@anjian/contracts';
import { caseMigrationWorkflowId } from '@anjian/contracts';
import type { ArmedDeadline } from '@anjian/domain';
import { recordAdminChange } from '@anjian/persistence';
import type { DataSource, EntityManager } from 'typeorm';
import { type ListedCase, planCase } from './migration-plan';

/**
 * admin_changes entity ids for migrations, so a policy version's trail (GET …/changes) can include
 * the moves of running cases to it.
 */
export const migrationEntityId = {
  policy: (version: number) => `policy_version:${version}`,
  calendar: (id: string) => `calendar:${id}`,
};

const entityIdOf = (t: MigrationTarget) =>
  t.kind === 'policy' ? migrationEntityId.policy(t.version) : migrationEntityId.calendar(t.calendarId);

/** The audit trail lists at most this many per-case outcomes; the batch's own rows keep them all. */
const AUDIT_RESULTS_CAP = 10_000;

export interface OpenCaseRow extends ListedCase {
  sector: string;
  hazardGrade: string | null;
  openedAt: string;
}

/**
 * Open cases matching an administrator's filter, oldest first, from the projection (cases table).
 * `within` are further jurisdiction prefixes every case must lie under: the administrator's own
 * subtree (an administrator at 650000 reaches 65xxxx only, as in the cases API) and, for a local
 * calendar, its prefix. Keyset-paged by (opened_at, id).
 */
export async function selectOpenCases(
  m: EntityManager,
  filter: MigrationCaseFilter,
  within: readonly (string | null | undefined)[],
  page: { after: CaseCursor | null; limit: number },
): Promise<OpenCaseRow[]> {
  const prefixes = [filter.jurisdictionPrefix, ...within].filter((p): p is string => typeof p === 'string' && p.length > 0);
  const rows = (await m.query(
    `SELECT id, sector, jurisdiction, procedure, hazard_grade, policy_version, deadline, workflow_id, opened_at FROM cases
     WHERE status = 'open'
       AND ($1::text IS NULL OR sector = $1)
       AND ($2::text IS NULL OR procedure = $2)
       AND NOT EXISTS (SELECT 1 FROM unnest($3::text[]) AS p WHERE NOT starts_with(jurisdiction, p))
       AND ($4::timestamptz IS NULL OR (opened_at, id) > ($4::timestamptz, $5::uuid))
     ORDER BY opened_at, id LIMIT $6`,
    [filter.sector ?? null, filter.procedure ?? null, prefixes, page.after?.openedAt ?? null, page.after?.id ?? null, page.limit],
  )) as {
    id: string;
    sector: string;
    jurisdiction: string;
    procedure: string;
    hazard_grade: string | null;
    policy_version: number | null;
    deadline: ArmedDeadline | null;
    workflow_id: string;
    opened_at: Date;
  }[];
  return rows.map((r) => ({
    id: r.id,
    sector: r.sector,
    jurisdiction: r.jurisdiction,
    procedure: r.procedure,
    hazardGrade: r.hazard_grade,
    policyVersion: r.policy_version,
    deadline: r.deadline,
    workflowId: r.workflow_id,
    openedAt: r.opened_at.toISOString(),
  }));
}

/** Records a batch as running, once (the API and the workflow both call it); the audit row goes with it. */
export async function beginMigration(db: DataSource, input: CaseMigrationInput): Promise<boolean> {
  return db.transaction(async (m) => {
    const inserted = (await m.query(
      `INSERT INTO case_migrations (id, workflow_id, cause, target, target_label, filter, within, reason, actor_id, actor_role, actor_jurisdiction, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'running') ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        input.migrationId,
        caseMigrationWorkflowId(input.migrationId),
        input.cause,
        JSON.stringify(input.target),
        input.targetLabel,
        JSON.stringify(input.filter),
        input.within,
        input.reason,
        input.actor.id,
        input.actor.role,
        input.actor.jurisdiction,
      ],
    )) as unknown[];
    if (inserted.length === 0) return false;
    await recordAdminChange(m, {
      entity: 'case_migration',
      entityId: entityIdOf(input.target),
      action: `${input.cause}:start`,
      actor: input.actor,
      reason: input.reason,
      before: { filter: input.filter },
      after: { migrationId: input.migrationId, target: input.targetLabel },
    });
    return true;
  });
}

/**
 * Lists the next page and projects each case as pending (to send) or skipped (with why). Idempotent:
 * a retried listing keeps what the first one stored (first outcome wins), and returns only the cases
 * still pending, so a case already done is never sent again.
 */
export async function listMigrationPage(
  db: DataSource,
  req: { input: CaseMigrationInput; after: CaseCursor | null; listed: number; limit: number },
): Promise<MigrationPage> {
  const { input } = req;
  return db.transaction(async (m) => {
    const cases = await selectOpenCases(m, input.filter, input.within, { after: req.after, limit: req.limit });
    const plans = cases.map((c) => ({ c, plan: planCase(c, input.target) }));
    if (cases.length > 0) {
      await m.query(
        `INSERT INTO case_migration_cases (migration_id, case_id, position, jurisdiction, workflow_id, status, before, note)
         SELECT $1, x.case_id, x.position, x.jurisdiction, x.workflow_id, x.status, x.before, x.note
         FROM jsonb_to_recordset($2::jsonb) AS x(case_id uuid, position int, jurisdiction text, workflow_id text, status text, before jsonb, note text)
         ON CONFLICT (migration_id, case_id) DO NOTHING`,
        [
          input.migrationId,
          JSON.stringify(
            plans.map(({ c, plan }, i) => ({
              case_id: c.id,
              position: req.listed + i,
              jurisdiction: c.jurisdiction,
              workflow_id: c.workflowId,
              status: 'skip' in plan ? 'skipped' : 'pending',
              before: { dueAt: c.deadline?.dueAt ?? null, policyVersion: c.policyVersion },
              note: 'skip' in plan ? plan.skip : null,
            })),
          ),
        ],
      );
    }
    const done = cases.length < req.limit;
    await m.query(`UPDATE case_migrations SET updated_at = now(), listing_done = listing_done OR $2 WHERE id = $1`, [
      input.migrationId,
      done,
    ]);
    const toSend = plans.flatMap(({ plan }) => ('send' in plan ? [plan.send] : []));
    const pending = toSend.length
      ? new Set(
          (
            (await m.query(
              `SELECT case_id::text AS id FROM case_migration_cases WHERE migration_id = $1 AND case_id = ANY($2::uuid[]) AND status = 'pending'`,
              [input.migrationId, toSend.map((w) => w.caseId)],
            )) as { id: string }[]
          ).map((r) => r.id),
        )
      : new Set<string>();
    const last = cases.at(-1);
    return {
      work: toSend.filter((w) => pending.has(w.caseId)),
      listed: cases.length,
      next: done || !last ? null : { openedAt: last.openedAt, id: last.id },
    };
  });
}

export interface CaseOutcome {
  status: Exclude<MigrationCaseStatus, 'pending' | 'skipped'>;
  after: { dueAt: string | null; policyVersion: number | null } | null;
  note: string | null;
  attempts: number;
}

/** A case's outcome; the first one recorded wins (a retried attempt or a late failure never overwrites it). */
export async function recordCaseOutcome(db: DataSource, migrationId: string, caseId: string, o: CaseOutcome): Promise<void> {
  await db.query(
    `UPDATE case_migration_cases SET status = $3, after = $4, note = $5, attempts = $6, updated_at = now()
     WHERE migration_id = $1 AND case_id = $2 AND status = 'pending'`,
    [migrationId, caseId, o.status, o.after === null ? null : JSON.stringify(o.after), o.note, o.attempts],
  );
  await db.query(`UPDATE case_migrations SET updated_at = now() WHERE id = $1`, [migrationId]);
}

export async function caseMigrationItem(
  db: DataSource,
  migrationId: string,
  caseId: string,
): Promise<{ status: MigrationCaseStatus; before: { dueAt: string | null; policyVersion: number | null } } | null> {
  const rows = (await db.query(`SELECT status, before FROM case_migration_cases WHERE migration_id = $1 AND case_id = $2`, [
    migrationId,
    caseId,
  ])) as { status: MigrationCaseStatus; before: { dueAt: string | null; policyVersion: number | null } }[];
  return rows[0] ?? null;
}

/** Counts per outcome, over the cases under `scope` (a jurisdiction prefix; '' for all). */
export async function migrationCounts(m: EntityManager | DataSource, migrationId: string, scope = ''): Promise<MigrationCounts> {
  const rows = (await m.query(
    `SELECT status, count(*)::int AS n FROM case_migration_cases WHERE migration_id = $1 AND starts_with(jurisdiction, $2) GROUP BY status`,
    [migrationId, scope],
  )) as { status: MigrationCaseStatus; n: number }[];
  const n = (s: MigrationCaseStatus) => rows.find((r) => r.status === s)?.n ?? 0;
  const counts = { pending: n('pending'), moved: n('moved'), unchanged: n('unchanged'), skipped: n('skipped'), failed: n('failed') };
  return { listed: Object.values(counts).reduce((a, b) => a + b, 0), ...counts };
}

/**
 * Ends the batch: completed, or failed with why. Exactly once (only a running batch is ended), with
 * the audit row in the same transaction, so a retried activity never logs the end twice.
 */
export async function finishMigration(db: DataSource, migrationId: string, failure?: string): Promise<MigrationCounts> {
  return db.transaction(async (m) => {
    const ended = (await m.query(
      `UPDATE case_migrations SET status = $2, failure = $3, finished_at = now(), updated_at = now()
       WHERE id = $1 AND status = 'running'
       RETURNING cause, target, target_label, reason, actor_id, actor_role, actor_jurisdiction`,
      [migrationId, failure === undefined ? 'completed' : 'failed', failure ?? null],
    )) as [
      {
        cause: string;
        target: MigrationTarget;
        target_label: string;
        reason: string;
        actor_id: string;
        actor_role: string;
        actor_jurisdiction: string;
      }[],
      number,
    ];
    const counts = await migrationCounts(m, migrationId);
    const row = ended[0]?.[0];
    if (!row) return counts;
    const results = (await m.query(
      `SELECT case_id::text AS "caseId", status, before, after, note FROM case_migration_cases
       WHERE migration_id = $1 ORDER BY position, case_id LIMIT $2`,
      [migrationId, AUDIT_RESULTS_CAP],
    )) as unknown[];
    await recordAdminChange(m, {
      entity: 'case_migration',
      entityId: entityIdOf(row.target),
      action: `${row.cause}:${failure === undefined ? 'finish' : 'failed'}`,
      actor: { id: row.actor_id, role: row.actor_role as 'administrator', jurisdiction: row.actor_jurisdiction },
      reason: row.reason,
      before: null,
      after: {
        migrationId,
        target: row.target_label,
        counts,
        ...(failure === undefined ? {} : { failure }),
        results,
        resultsTruncated: counts.listed > results.length,
      },
    });
    return counts;
  });
}
