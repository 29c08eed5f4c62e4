import { recordVerificationUpdate, rectificationWorkflowId, submitReportUpdate } from '@anjian/contracts';
import type { Actor, CaseRecord, RecordVerificationInput, SubmitReportInput } from '@anjian/domain';
import { CaseRepository } from '@anjian/persistence';
import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { Problem } from '../http/problem';
import { TEMPORAL_CLIENT } from '../infrastructure/tokens';
import { assertCaseAccess } from './case-access';
import { toProblem } from './temporal-errors';

/**
 * Officer actions are workflow updates: the workflow's validator refuses an action the step does
 * not allow before it touches history, and the update returns only after the transition is
 * projected, so the case read right after shows it.
 */
@Injectable()
export class CaseActionUseCase {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly cases: CaseRepository,
  ) {}

  submitReport(caseId: string, actor: Actor, input: SubmitReportInput): Promise<CaseRecord> {
    return this.run(caseId, actor, (h) => h.executeUpdate(submitReportUpdate, { args: [{ actor, input }] }));
  }

  recordVerification(caseId: string, actor: Actor, input: RecordVerificationInput): Promise<CaseRecord> {
    return this.run(caseId, actor, (h) => h.executeUpdate(recordVerificationUpdate, { args: [{ actor, input }] }));
  }

  private async run(
    caseId: string,
    actor: Actor,
    update: (h: ReturnType<Client['workflow']['getHandle']>) => Promise<unknown>,
  ): Promise<CaseRecord> {
    const existing = assertCaseAccess(actor, await this.cases.findById(caseId), 'act', caseId);
    if (existing.status === 'closed') {
      throw new Problem(
        409,
        'Action not allowed in the current step',
        `case ${caseId} is closed`,
        { currentStep: existing.step, allowedActions: [], case: existing },
        '/problems/action-not-allowed',
      );
    }
    try {
      await update(this.temporal.workflow.getHandle(rectificationWorkflowId(caseId)));
    } catch (err) {
      const problem = toProblem(err);
      if (problem instanceof Problem && problem.status === 409) {
        problem.extensions['case'] = existing;
      }
      throw problem;
    }
    return (await this.cases.findById(caseId))!;
  }
}
