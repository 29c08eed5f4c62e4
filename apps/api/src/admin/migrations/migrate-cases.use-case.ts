import { rearmDeadlineUpdate, rectificationWorkflowId } from '@anjian/contracts';
import { type Actor, jurisdictionScope, type RearmDeadlineCommand } from '@anjian/domain';
import { CalendarRepository, CaseRepository, PolicyVersionRepository, recordAdminChange } from '@anjian/persistence';
import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { toProblem } from '../../cases/temporal-errors';
import { Problem } from '../../http/problem';
import { DATA_SOURCE, TEMPORAL_CLIENT } from '../../infrastructure/tokens';
import { calendarNotFound } from '../calendars/calendar-reads.use-case';
import { policyNotFound } from '../policies/policy-problems';
import { migrationEntityId } from './migration-audit';
import { mapWithinBudget } from './map-within-budget';
import type { CaseFilter } from './migration.schemas';
import { type OpenCaseRow, OpenCasesQuery } from './open-cases.query';

/** Procedures whose workflow handles rearmDeadline; the others get there as they are built. */
const WORKFLOW_ID: Readonly<Record<string, (caseId: string) => string>> = { rectification: rectificationWorkflowId };

/** Updates in flight at once: enough to move thousands of cases in minutes, few enough to spare the workers. */
const CONCURRENCY = 4;

/**
 * One request moves cases for at most this long: an administrator's HTTP call must answer, however
 * many cases match or however slowly their workflows answer. Cases not reached are 'deferred' and the
 * report says `truncated`; running the same migration again continues (migrated cases are skipped).
 */
const REQUEST_BUDGET_MS = 20_000;
/** A single case's update never waits longer than this, nor past the request's budget. */
const UPDATE_TIMEOUT_MS = 10_000;

interface Result {
  caseId: string;
  status: 'migrated' | 'skipped' | 'failed' | 'deferred';
  before: { dueAt: string | null; policyVersion: number | null };
  after: { dueAt: string | null; policyVersion: number | null } | null;
  note: string | null;
}

type Plan = { send: RearmDeadlineCommand['policyVersion'] } | { skip: string };

/**
 * Moves running cases explicitly (procedures.md §3: a running case keeps its version unless an
 * administrator moves it). Each case's workflow re-arms its current deadline through the rearmDeadline
 * update and records a deadline_rearmed event on the case; the whole run is logged in admin_changes
 * (entity 'case_migration') when it starts and with every case's outcome when it ends.
 */
@Injectable()
export class MigrateCasesUseCase {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    private readonly policies: PolicyVersionRepository,
    private readonly calendars: CalendarRepository,
    private readonly cases: CaseRepository,
    private readonly openCases: OpenCasesQuery,
  ) {}

  /** To a published policy version; cases already on it are skipped, so a run can be repeated. */
  async toPolicy(actor: Actor, version: number, filter: CaseFilter, reason: string) {
    const target = await this.policies.get(version);
    if (!target) throw policyNotFound(version);
    if (target.status !== 'published') {
      throw new Problem(
        409,
        'Conflict',
        `policy version ${version} is a draft; publish it before moving cases to it (preview works on drafts)`,
        {},
        '/problems/policy-conflict',
      );
    }
    const { cases, truncated } = await this.openCases.matching(filter, [jurisdictionScope(actor.jurisdiction)]);
    const plan = (c: OpenCaseRow): Plan => (c.policyVersion === version ? { skip: `already on policy v${version}` } : { send: version });
    return this.run(
      actor,
      reason,
      filter,
      `policy v${version}`,
      migrationEntityId.policy(version),
      'policy_migration',
      cases,
      truncated,
      plan,
    );
  }

  /**
   * After a calendar change: each case's deadline is recomputed under its own pinned policy with the
   * calendar's latest version. A local calendar only concerns cases under its jurisdiction prefix.
   * Either way only cases within the administrator's own jurisdiction subtree are touched.
   */
  async afterCalendarChange(actor: Actor, calendarId: string, filter: CaseFilter, reason: string) {
    const calendar = await this.calendars.get(calendarId);
    if (!calendar) throw calendarNotFound(calendarId);
    const { cases, truncated } = await this.openCases.matching(filter, [
      jurisdictionScope(actor.jurisdiction),
      calendar.jurisdictionPrefix,
    ]);
    const plan = (c: OpenCaseRow): Plan => {
      const pinned = c.policyVersion ?? c.deadline?.policyVersion ?? null;
      if (pinned === null) return { skip: 'no pinned policy version to recompute with' };
      if (c.deadline?.calendarId === calendar.id && c.deadline.calendarVersion === calendar.version) {
        return { skip: `already computed with ${calendar.id} v${calendar.version}` };
      }
      return { send: pinned };
    };
    const target = `calendar ${calendar.id} v${calendar.version}`;
    return this.run(actor, reason, filter, target, migrationEntityId.calendar(calendar.id), 'calendar_change', cases, truncated, plan);
  }

  private async run(
    actor: Actor,
    reason: string,
    filter: CaseFilter,
    target: string,
    entityId: string,
    cause: RearmDeadlineCommand['cause'],
    cases: OpenCaseRow[],
    truncated: boolean,
    plan: (c: OpenCaseRow) => Plan,
  ) {
    await recordAdminChange(this.db.manager, {
      entity: 'case_migration',
      entityId,
      action: `${cause}:start`,
      actor,
      reason,
      before: { filter, cases: cases.map((c) => ({ caseId: c.id, policyVersion: c.policyVersion, dueAt: c.deadline?.dueAt ?? null })) },
      after: { target },
    });
    const budgetEndsAt = Date.now() + REQUEST_BUDGET_MS;
    const results = await mapWithinBudget(
      cases,
      CONCURRENCY,
      budgetEndsAt,
      (c) => this.migrateOne(c, plan(c), actor, reason, cause, Math.min(Date.now() + UPDATE_TIMEOUT_MS, budgetEndsAt)),
      deferred,
    );
    const count = (status: Result['status']) => results.filter((r) => r.status === status).length;
    const counts = {
      matched: cases.length,
      migrated: count('migrated'),
      skipped: count('skipped'),
      failed: count('failed'),
      deferred: count('deferred'),
    };
    truncated ||= counts.deferred > 0;
    await recordAdminChange(this.db.manager, {
      entity: 'case_migration',
      entityId,
      action: `${cause}:finish`,
      actor,
      reason,
      before: null,
      after: { target, counts, truncated, results },
    });
    return { target, filter, counts, truncated, results };
  }

  private async migrateOne(
    c: OpenCaseRow,
    plan: Plan,
    actor: Actor,
    reason: string,
    cause: RearmDeadlineCommand['cause'],
    deadline: number,
  ): Promise<Result> {
    const before = { dueAt: c.deadline?.dueAt ?? null, policyVersion: c.policyVersion };
    const skip = (note: string): Result => ({ caseId: c.id, status: 'skipped', before, after: null, note });
    if ('skip' in plan) return skip(plan.skip);
    if (!c.deadline) return skip('no deadline is running in the current step');
    const workflowId = WORKFLOW_ID[c.procedure];
    if (!workflowId) return skip(`procedure ${c.procedure} cannot re-arm deadlines yet`);
    try {
      // A stuck workflow (e.g. no worker polling) must not hold the whole request open: give each case a deadline.
      // An update that misses it may still be applied later; a repeated run then skips that case.
      await this.temporal.connection.withDeadline(deadline, () =>
        this.temporal.workflow
          .getHandle(workflowId(c.id))
          .executeUpdate(rearmDeadlineUpdate, { args: [{ actor, reason, cause, policyVersion: plan.send }] }),
      );
      // The update returns once the transition is projected, so the row shows the new deadline.
      const now = await this.cases.findById(c.id);
      return {
        caseId: c.id,
        status: 'migrated',
        before,
        after: { dueAt: now?.deadline?.dueAt ?? null, policyVersion: now?.policyVersion ?? null },
        note: null,
      };
    } catch (err) {
      const problem = toProblem(err);
      return {
        caseId: c.id,
        status: 'failed',
        before,
        after: null,
        note: problem instanceof Problem ? (problem.detail ?? problem.title) : (problem as Error).message,
      };
    }
  }
}

function deferred(c: OpenCaseRow): Result {
  return {
    caseId: c.id,
    status: 'deferred',
    before: { dueAt: c.deadline?.dueAt ?? null, policyVersion: c.policyVersion },
    after: null,
    note: "the request's time budget ran out before this case; run the migration again",
  };
}
