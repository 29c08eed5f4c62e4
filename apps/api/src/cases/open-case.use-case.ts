import { DeadlineService } from '@anjian/activities';
import type { Env } from '@anjian/config';
import {
  CASE_WORKFLOW,
  caseOpenedUpdate,
  type CaseWorkflowInput,
  caseWorkflowId,
  SA_CASE_ID,
  SA_JURISDICTION,
  SA_PROCEDURE,
  SA_SECTOR,
} from '@anjian/contracts';
import { type Actor, attachmentsCitedAtOpening, type CaseRecord, citedAttachments } from '@anjian/domain';
import { DirectoryRepository } from '@anjian/persistence';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { v4 as uuidv4, v5 as uuidv5 } from 'uuid';
import { assertKnownJurisdiction } from '../directory/known-jurisdiction';
import { Problem, validationProblem } from '../http/problem';
import type { IdempotentRequest } from '../idempotency/idempotent-request';
import { keyReusedProblem } from '../idempotency/idempotency-problems';
import { DATA_SOURCE, ENV } from '../infrastructure/tokens';
import { assertCaseAccess, assertMayOpen } from './case-access';
import type { OpenCaseBody } from './case.schemas';
import { CaseTemporal } from './case-temporal';
import { parseStartInput } from './procedures/start-input';
import { pinnedProcedureLinks } from './procedures/pinned-links';
import { checkOpening, missingConfigurationProblem } from './open-case-precheck';
import { type CaseDetail, CaseDetailUseCase } from './procedures/case-detail.use-case';
import { typedFailure, typedProblem } from './temporal-errors';

// Namespace for deriving case ids from Idempotency-Key headers (uuid v5).
const CASE_ID_NAMESPACE = 'a3c1a3f4-6f0e-4a57-9a55-2f1a4c0b8d10';

/** The case id an Idempotency-Key leads to: the same caller and key always reach the same case. */
export const caseIdForKey = (actorId: string, key: string): string => uuidv5(`${actorId}\u0000${key}`, CASE_ID_NAMESPACE);

/** Whether a stored case is the one this request describes (a key reused for another case is refused). */
function describesSameCase(record: CaseRecord, input: OpenCaseBody): boolean {
  return (
    record.title === input.title &&
    record.sector === input.sector &&
    record.jurisdiction === input.jurisdiction &&
    record.hazardGrade === input.hazardGrade &&
    record.source === input.source &&
    record.enterprise.creditCode === input.enterprise.creditCode &&
    record.enterprise.name === input.enterprise.name
  );
}

/**
 * The first procedure's start input: the body's `input`, or for a rectification order today's fields
 * (orderKind, reportDueAt), what the order requires being the case's description (else its title).
 */
function initialInput(input: OpenCaseBody): Record<string, unknown> {
  if (input.procedure !== 'rectification') return input.input ?? {};
  return {
    orderKind: input.orderKind,
    summary: input.description.trim() || input.title,
    ...(input.reportDueAt !== undefined ? { reportDueAt: input.reportDueAt } : {}),
    ...input.input,
  };
}

/** Where the request carries the first procedure's start input: a rectification order's fields sit at the body's root. */
const startInputAt = (input: OpenCaseBody): string => (input.procedure === 'rectification' ? 'body' : 'body.input');

/**
 * The start input, validated by the procedure machine's own schema without the workflow's own fields
 * (parseStartInput: 400 with paths under body.input).
 * It cites no file: a case not yet opened has no uploads (libs/domain/src/procedures/attachment-citations.ts).
 */
function validInitialInput(input: OpenCaseBody): Record<string, unknown> {
  const valid = parseStartInput(input.procedure, initialInput(input), 'body.input');
  const issues = attachmentsCitedAtOpening(citedAttachments(valid));
  if (issues.length > 0)
    throw validationProblem(
      'body',
      issues.map((i) => ({ path: ['body', 'input', ...i.path].join('.'), message: i.message })),
    );
  return valid;
}

/**
 * Opens a case: starts its case workflow (`case-<id>`), which starts the first procedure (default a
 * rectification order) as a child. The workflow id derives from the case id, and the case id from
 * the Idempotency-Key, so a retried POST reaches the same workflow instead of starting a second one.
 * Update-with-start (`opened`) returns once the first procedure is projected to PostgreSQL. The
 * procedure links in force (which procedure may start which) are pinned into the workflow input.
 *
 * Workflow id policy, on purpose: a running workflow is joined (conflict policy USE_EXISTING); a
 * completed one is never started again (reuse policy ALLOW_DUPLICATE_FAILED_ONLY: Temporal answers
 * "already started" and the case is read from the projection, so a replayed open of a closed case
 * returns the closed case); a run that failed while opening (no case row was written) may run again,
 * e.g. once an administrator has added the missing configuration.
 */
@Injectable()
export class OpenCaseUseCase {
  constructor(
    private readonly temporal: CaseTemporal,
    @Inject(ENV) private readonly env: Env,
    private readonly deadlines: DeadlineService,
    private readonly detail: CaseDetailUseCase,
    @Inject(DATA_SOURCE) private readonly db: DataSource,
  ) {}

  async execute(
    actor: Actor,
    input: OpenCaseBody,
    idempotency?: IdempotentRequest,
  ): Promise<{ record: CaseRecord; created: boolean; detail: CaseDetail }> {
    assertMayOpen(actor, input.jurisdiction);
    // Six digits are not enough: the case's division must exist in the 行政区划 table (a typo such as
    // 140199 would make a case nobody's list ever shows).
    await assertKnownJurisdiction(new DirectoryRepository(this.db), input.jurisdiction, 'body.jurisdiction');
    const initial = validInitialInput(input);
    const caseId = idempotency ? caseIdForKey(actor.id, idempotency.key) : uuidv4();
    const openedAt = new Date().toISOString();
    const { missing, policyVersion } = await checkOpening(this.deadlines, input, openedAt, input.procedure);
    if (missing.length > 0) throw missingConfigurationProblem(missing);

    const workflowId = caseWorkflowId(caseId);
    const workflowInput: CaseWorkflowInput = {
      caseId,
      actor,
      openedAt,
      facts: {
        title: input.title,
        description: input.description,
        source: input.source,
        sector: input.sector,
        jurisdiction: input.jurisdiction,
        hazardGrade: input.hazardGrade,
        enterprise: input.enterprise,
      },
      initialProcedure: { procedure: input.procedure, input: initial },
      links: pinnedProcedureLinks(),
      // The version the pre-check computed with: the workflow arms under it (a published version is
      // immutable, so its worker reads it once and then from memory).
      policyVersion,
    };
    const start = new WithStartWorkflowOperation(CASE_WORKFLOW, {
      workflowId,
      taskQueue: this.env.TEMPORAL_TASK_QUEUE,
      args: [workflowInput],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
      typedSearchAttributes: [
        { key: SA_CASE_ID, value: caseId },
        { key: SA_SECTOR, value: input.sector },
        { key: SA_JURISDICTION, value: input.jurisdiction },
        { key: SA_PROCEDURE, value: input.procedure },
      ],
    });
    try {
      await this.temporal.client.withDeadline(Date.now() + this.temporal.timeoutMs, () =>
        this.temporal.client.workflow.executeUpdateWithStart(caseOpenedUpdate, { startWorkflowOperation: start }),
      );
    } catch (err) {
      // A completed workflow is not started again: the case it opened answers (below).
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw await this.failedOpen(err, workflowId, startInputAt(input));
    }
    // The answer's rows, read once (side by side) right after the projection committed.
    const rows = await this.detail.read(caseId);
    const record = rows.case;
    if (!record) throw new Error(`case ${caseId} was opened but is not projected`);
    // The case the key leads to must be visible to the current caller, and be the case this request describes.
    assertCaseAccess(actor, record, 'read', caseId);
    if (!describesSameCase(record, input)) throw keyReusedProblem(idempotency?.key ?? '');
    return {
      record,
      created: record.openedAt === new Date(openedAt).toISOString(),
      detail: this.detail.build(actor, record, rows.procedures, rows.approvals),
    };
  }

  /**
   * The update-with-start failed. If the workflow itself failed while opening (defence in depth: the
   * pre-check above should have caught a missing configuration), its typed failure says why.
   */
  private async failedOpen(err: unknown, workflowId: string, inputAt: string): Promise<unknown> {
    const typed = typedFailure(err);
    if (typed) return typedProblem(typed, inputAt);
    if (!(err instanceof Problem) && /complet|terminat|fail/i.test((err as Error)?.message ?? '')) {
      try {
        await this.temporal.client.withDeadline(Date.now() + this.temporal.timeoutMs, () =>
          this.temporal.client.workflow.getHandle(workflowId).result(),
        );
      } catch (runErr) {
        const runFailure = typedFailure(runErr);
        if (runFailure) return typedProblem(runFailure, inputAt);
      }
    }
    return this.temporal.explain(err, 'open', workflowId);
  }
}
