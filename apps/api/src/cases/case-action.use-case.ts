import { recordVerificationUpdate, rectificationWorkflowId, submitReportUpdate } from '@anjian/contracts';
import type { Actor, CaseRecord, RecordVerificationInput, SubmitReportInput } from '@anjian/domain';
import { CaseRepository } from '@anjian/persistence';
import { Injectable } from '@nestjs/common';
import { Problem } from '../http/problem';
import type { IdempotentRequest } from '../idempotency/idempotent-request';
import { actionUpdateId } from '../idempotency/request-fingerprint';
import { assertCaseAccess } from './case-access';
import { CaseTemporal } from './case-temporal';
import { isTemporalTimeoutOrUnavailable } from './temporal-errors';

type ActionName = 'submitReport' | 'recordVerification';

/**
 * Officer actions are workflow updates: the workflow's validator refuses an action the step does
 * not allow before it touches history, and the update returns only after the transition is
 * projected, so the case read right after shows it. With an Idempotency-Key the update id derives
 * from caller, key, case, action and request, so a retried POST whose answer was lost gets the first
 * outcome from Temporal instead of a 409, and the transition happens once.
 */
@Injectable()
export class CaseActionUseCase {
  constructor(
    private readonly temporal: CaseTemporal,
    private readonly cases: CaseRepository,
  ) {}

  submitReport(caseId: string, actor: Actor, input: SubmitReportInput, idempotency?: IdempotentRequest): Promise<CaseRecord> {
    return this.run(caseId, actor, 'submitReport', idempotency, (h, updateId) =>
      h.executeUpdate(submitReportUpdate, { args: [{ actor, input }], updateId }),
    );
  }

  recordVerification(caseId: string, actor: Actor, input: RecordVerificationInput, idempotency?: IdempotentRequest): Promise<CaseRecord> {
    return this.run(caseId, actor, 'recordVerification', idempotency, (h, updateId) =>
      h.executeUpdate(recordVerificationUpdate, { args: [{ actor, input }], updateId }),
    );
  }

  private async run(
    caseId: string,
    actor: Actor,
    action: ActionName,
    idempotency: IdempotentRequest | undefined,
    update: (h: ReturnType<CaseTemporal['client']['workflow']['getHandle']>, updateId: string | undefined) => Promise<unknown>,
  ): Promise<CaseRecord> {
    const existing = assertCaseAccess(actor, await this.cases.findById(caseId), 'act', caseId);
    const workflowId = rectificationWorkflowId(caseId);
    const updateId = idempotency
      ? actionUpdateId({
          actorId: actor.id,
          key: idempotency.key,
          caseId,
          action,
          requestHash: idempotency.requestHash,
          generation: idempotency.updateGeneration,
        })
      : undefined;
    const handle = this.temporal.client.workflow.getHandle(workflowId);
    if (existing.status === 'closed') {
      // The action that closed the case may be this very request, retried after its answer was lost.
      if (updateId && (await this.completedEarlier(handle, updateId, workflowId))) return (await this.cases.findById(caseId))!;
      // The workflow is the source of truth: a worker killed right after projecting a closing event
      // leaves the row closed while the workflow still waits; then the workflow decides, not the row.
      if (!(await this.stillRunning(handle, workflowId))) throw closedProblem(caseId, existing);
    }
    try {
      await this.temporal.call(action, workflowId, () => update(handle, updateId));
    } catch (err) {
      if (err instanceof Problem && err.status === 409) err.extensions['case'] = existing;
      throw err;
    }
    return (await this.cases.findById(caseId))!;
  }

  private async stillRunning(handle: ReturnType<CaseTemporal['client']['workflow']['getHandle']>, workflowId: string): Promise<boolean> {
    const described = await this.temporal.call('describe', workflowId, () => handle.describe());
    return described.status.name === 'RUNNING';
  }

  /** Whether an update with this id already completed successfully on the (now closed) workflow. */
  private async completedEarlier(
    handle: ReturnType<CaseTemporal['client']['workflow']['getHandle']>,
    updateId: string,
    workflowId: string,
  ): Promise<boolean> {
    try {
      await this.temporal.client.withDeadline(Date.now() + this.temporal.timeoutMs, () => handle.getUpdateHandle(updateId).result());
      return true;
    } catch (err) {
      if (isTemporalTimeoutOrUnavailable(err)) throw await this.temporal.explain(err, 'poll update', workflowId);
      return false; // failed, or unknown here: it did not close the case
    }
  }
}

function closedProblem(caseId: string, existing: CaseRecord): Problem {
  return new Problem(
    409,
    'Action not allowed in the current step',
    `case ${caseId} is closed`,
    { currentStep: existing.step, allowedActions: [], case: existing },
    '/problems/action-not-allowed',
  );
}
