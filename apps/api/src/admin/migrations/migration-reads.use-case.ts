import { migrationStore } from '@anjian/activities';
import { type Actor, coversJurisdiction, jurisdictionScope } from '@anjian/domain';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { Problem } from '../../http/problem';
import { DATA_SOURCE } from '../../infrastructure/tokens';
import type { MigrationCasesQuery } from './migration.schemas';
import { migrationUrls } from './start-migration.use-case';

/** The first failures the status shows; the cases URL pages through all of them. */
const FAILURES_SHOWN = 100;

interface MigrationRow {
  id: string;
  workflow_id: string;
  cause: 'policy_migration' | 'calendar_change';
  target_label: string;
  filter: Record<string, string>;
  reason: string;
  actor_id: string;
  actor_role: string;
  actor_jurisdiction: string;
  status: 'running' | 'completed' | 'failed';
  listing_done: boolean;
  failure: string | null;
  started_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

interface CaseRow {
  case_id: string;
  jurisdiction: string;
  status: string;
  before: { dueAt: string | null; policyVersion: number | null };
  after: { dueAt: string | null; policyVersion: number | null } | null;
  note: string | null;
  attempts: number;
  position: number;
  updated_at: Date;
}

const notFound = (id: string) => new Problem(404, 'Not Found', `no case migration ${id}`, {}, '/problems/not-found');

/**
 * Progress of case migrations, from PostgreSQL only (what the batch's activities projected), so it
 * answers while Temporal or the worker is down. An administrator sees a batch they started, one
 * started inside their subtree, or one that touched a case of theirs; counts and per-case results
 * only ever cover the cases inside the caller's own jurisdiction subtree (a regional administrator
 * learns nothing about other regions' cases from a national batch).
 */
@Injectable()
export class MigrationReadsUseCase {
  constructor(@Inject(DATA_SOURCE) private readonly db: DataSource) {}

  async status(actor: Actor, id: string) {
    const row = await this.visibleRow(actor, id);
    const scope = jurisdictionScope(actor.jurisdiction);
    const [counts, failures] = await Promise.all([
      migrationStore.migrationCounts(this.db, id, scope),
      this.caseRows(id, scope, 'failed', null, FAILURES_SHOWN),
    ]);
    return { ...view(row), counts, failures: failures.map(caseView) };
  }

  async cases(actor: Actor, id: string, q: MigrationCasesQuery) {
    await this.visibleRow(actor, id);
    const rows = await this.caseRows(id, jurisdictionScope(actor.jurisdiction), q.status ?? null, q.after ?? null, q.limit + 1);
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return { cases: page.map(caseView), next: rows.length > q.limit && last ? `${last.position}.${last.case_id}` : null };
  }

  /** The caller's visible batches, newest first (at most 100). */
  async list(actor: Actor) {
    const scope = jurisdictionScope(actor.jurisdiction);
    const rows = (await this.db.query(
      `SELECT m.* FROM case_migrations m
       WHERE m.actor_id = $1 OR starts_with(m.actor_jurisdiction, $2)
          OR EXISTS (SELECT 1 FROM case_migration_cases c WHERE c.migration_id = m.id AND starts_with(c.jurisdiction, $2))
       ORDER BY m.started_at DESC LIMIT 100`,
      [actor.id, scope],
    )) as MigrationRow[];
    return Promise.all(rows.map(async (r) => ({ ...view(r), counts: await migrationStore.migrationCounts(this.db, r.id, scope) })));
  }

  private async visibleRow(actor: Actor, id: string): Promise<MigrationRow> {
    const rows = (await this.db.query(`SELECT * FROM case_migrations WHERE id = $1`, [id])) as MigrationRow[];
    const row = rows[0];
    if (!row) throw notFound(id);
    if (row.actor_id === actor.id || coversJurisdiction(actor.jurisdiction, row.actor_jurisdiction)) return row;
    const mine = (await this.db.query(
      `SELECT 1 FROM case_migration_cases WHERE migration_id = $1 AND starts_with(jurisdiction, $2) LIMIT 1`,
      [id, jurisdictionScope(actor.jurisdiction)],
    )) as unknown[];
    if (mine.length === 0) throw notFound(id);
    return row;
  }

  private async caseRows(id: string, scope: string, status: string | null, after: string | null, limit: number): Promise<CaseRow[]> {
    const [position, caseId] = after ? [Number(after.slice(0, after.indexOf('.'))), after.slice(after.indexOf('.') + 1)] : [null, null];
    return (await this.db.query(
      `SELECT case_id::text AS case_id, jurisdiction, status, before, after, note, attempts, position, updated_at
       FROM case_migration_cases
       WHERE migration_id = $1 AND starts_with(jurisdiction, $2) AND ($3::text IS NULL OR status = $3)
         AND ($4::int IS NULL OR (position, case_id) > ($4::int, $5::uuid))
       ORDER BY position, case_id LIMIT $6`,
      [id, scope, status, position, caseId, limit],
    )) as CaseRow[];
  }
}

function view(r: MigrationRow) {
  return {
    id: r.id,
    status: r.status,
    cause: r.cause,
    target: r.target_label,
    filter: r.filter,
    reason: r.reason,
    startedBy: { id: r.actor_id, role: r.actor_role, jurisdiction: r.actor_jurisdiction },
    startedAt: r.started_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
    listingComplete: r.listing_done,
    failure: r.failure,
    workflowId: r.workflow_id,
    casesUrl: migrationUrls(r.id).casesUrl,
  };
}

function caseView(r: CaseRow) {
  return {
    caseId: r.case_id,
    jurisdiction: r.jurisdiction,
    status: r.status,
    before: r.before,
    after: r.after,
    note: r.note,
    attempts: r.attempts,
    updatedAt: r.updated_at.toISOString(),
  };
}
