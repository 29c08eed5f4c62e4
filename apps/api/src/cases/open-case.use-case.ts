import type { Env } from '@anjian/config';
import {
  openedUpdate,
  RECTIFICATION_WORKFLOW,
  rectificationWorkflowId,
  type RectificationWorkflowInput,
  SA_CASE_ID,
  SA_JURISDICTION,
  SA_PROCEDURE,
  SA_SECTOR,
} from '@anjian/contracts';
import type { Actor, CaseRecord, OpenRectificationCaseInput } from '@anjian/domain';
import { CaseRepository } from '@anjian/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { type Client, WithStartWorkflowOperation } from '@temporalio/client';
import { v4 as uuidv4, v5 as uuidv5 } from 'uuid';
import { ENV, TEMPORAL_CLIENT } from '../infrastructure/tokens';
import { assertMayOpen } from './case-access';
import { toProblem } from './temporal-errors';

// Namespace for deriving case ids from Idempotency-Key headers (uuid v5).
const CASE_ID_NAMESPACE = 'a3c1a3f4-6f0e-4a57-9a55-2f1a4c0b8d10';

/**
 * Opens a case and issues its rectification order. The workflow id derives from the case id, and
 * the case id from the Idempotency-Key, so a retried POST reaches the same workflow instead of
 * starting a second one. Update-with-start returns once the order is projected to PostgreSQL.
 */
@Injectable()
export class OpenCaseUseCase {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(ENV) private readonly env: Env,
    private readonly cases: CaseRepository,
  ) {}

  async execute(
    actor: Actor,
    input: OpenRectificationCaseInput,
    idempotencyKey?: string,
  ): Promise<{ record: CaseRecord; created: boolean }> {
    assertMayOpen(actor, input.jurisdiction);
    const caseId = idempotencyKey ? uuidv5(`${actor.id}\u0000${idempotencyKey}`, CASE_ID_NAMESPACE) : uuidv4();
    const workflowInput: RectificationWorkflowInput = { caseId, actor, openedAt: new Date().toISOString(), input };
    const start = new WithStartWorkflowOperation(RECTIFICATION_WORKFLOW, {
      workflowId: rectificationWorkflowId(caseId),
      taskQueue: this.env.TEMPORAL_TASK_QUEUE,
      args: [workflowInput],
      workflowIdConflictPolicy: 'USE_EXISTING',
      typedSearchAttributes: [
        { key: SA_CASE_ID, value: caseId },
        { key: SA_SECTOR, value: input.sector },
        { key: SA_JURISDICTION, value: input.jurisdiction },
        { key: SA_PROCEDURE, value: 'rectification' },
      ],
    });
    try {
      await this.temporal.workflow.executeUpdateWithStart(openedUpdate, { startWorkflowOperation: start });
    } catch (err) {
      throw toProblem(err);
    }
    const record = await this.cases.findById(caseId);
    if (!record) throw new Error(`case ${caseId} was opened but is not projected`);
    // A repeated request lands on the existing workflow, which was started with the first request's input.
    return { record, created: record.openedAt === new Date(workflowInput.openedAt).toISOString() };
  }
}
