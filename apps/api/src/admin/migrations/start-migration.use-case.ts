import { migrationStore } from '@anjian/activities';
import type { Env } from '@anjian/config';
import {
  CASE_MIGRATION_WORKFLOW,
  type CaseMigrationInput,
  caseMigrationWorkflowId,
  type MigrationCause,
  type MigrationTarget,
} from '@anjian/contracts';
import { type Actor, jurisdictionScope } from '@anjian/domain';
import { CalendarRepository, PolicyVersionRepository } from '@anjian/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { v4 as uuidv4, v5 as uuidv5 } from 'uuid';
import { toProblem } from '../../cases/temporal-errors';
import { Problem } from '../../http/problem';
import type { IdempotentRequest } from '../../idempotency/idempotent-request';
import { DATA_SOURCE, ENV, TEMPORAL_CLIENT } from '../../infrastructure/tokens';
import { calendarNotFound } from '../calendars/calendar-reads.use-case';
import { policyNotFound } from '../policies/policy-problems';
import type { CaseFilter } from './migration.schemas';

// Namespace for deriving migration ids from Idempotency-Key headers (uuid v5).
const MIGRATION_ID_NAMESPACE = '6f1d2c1e-8b7a-4f0e-9c55-3e2b1a0d9c42';

export const migrationUrls = (id: string) => ({ statusUrl: `/admin/migrations/${id}`, casesUrl: `/admin/migrations/${id}/cases` });

/**
 * Moves running cases explicitly (procedures.md §3: a running case keeps its version unless an
 * administrator moves it). The request only checks the target and starts the batch workflow
 * (caseMigrationWorkflow); it answers at once with the batch's id. The batch re-arms each case
 * through its workflow's update and projects every outcome, so progress is read from PostgreSQL.
 * Only open cases inside the administrator's own jurisdiction subtree are touched.
 */
@Injectable()
export class StartMigrationUseCase {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    @Inject(ENV) private readonly env: Env,
    private readonly policies: PolicyVersionRepository,
    private readonly calendars: CalendarRepository,
  ) {}

  /** To a published policy version; cases already on it are skipped, so a run can be repeated. */
  async toPolicy(actor: Actor, version: number, filter: CaseFilter, reason: string, idempotency?: IdempotentRequest) {
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
    return this.start(actor, reason, filter, 'policy_migration', { kind: 'policy', version }, `policy v${version}`, [], idempotency);
  }

  /**
   * After a calendar change: each case's deadline is recomputed under its own pinned policy with the
   * calendar's latest version. A local calendar only concerns cases under its jurisdiction prefix.
   */
  async afterCalendarChange(actor: Actor, calendarId: string, filter: CaseFilter, reason: string, idempotency?: IdempotentRequest) {
    const calendar = await this.calendars.get(calendarId);
    if (!calendar) throw calendarNotFound(calendarId);
    const target: MigrationTarget = { kind: 'calendar', calendarId: calendar.id, calendarVersion: calendar.version };
    const within = calendar.jurisdictionPrefix ? [calendar.jurisdictionPrefix] : [];
    const label = `calendar ${calendar.id} v${calendar.version}`;
    return this.start(actor, reason, filter, 'calendar_change', target, label, within, idempotency);
  }

  private async start(
    actor: Actor,
    reason: string,
    filter: CaseFilter,
    cause: MigrationCause,
    target: MigrationTarget,
    targetLabel: string,
    within: string[],
    idempotency?: IdempotentRequest,
  ) {
    // A retried request (same caller, same Idempotency-Key) reaches the same batch, never a second one.
    const migrationId = idempotency ? uuidv5(`${actor.id}\u0000${cause}\u0000${idempotency.key}`, MIGRATION_ID_NAMESPACE) : uuidv4();
    const workflowId = caseMigrationWorkflowId(migrationId);
    const input: CaseMigrationInput = {
      migrationId,
      actor,
      reason,
      cause,
      target,
      targetLabel,
      filter,
      within: [jurisdictionScope(actor.jurisdiction), ...within].filter((p) => p.length > 0),
    };
    try {
      await this.temporal.connection.withDeadline(Date.now() + this.env.TEMPORAL_CALL_TIMEOUT_MS, () =>
        this.temporal.workflow.start(CASE_MIGRATION_WORKFLOW, {
          workflowId,
          taskQueue: this.env.TEMPORAL_TASK_QUEUE,
          args: [input],
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        }),
      );
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw toProblem(err);
    }
    // The workflow records the batch too; doing it here as well means the status URL answers at once.
    await migrationStore.beginMigration(this.db, input);
    return { id: migrationId, status: 'running' as const, target: targetLabel, filter, workflowId, ...migrationUrls(migrationId) };
  }
}
