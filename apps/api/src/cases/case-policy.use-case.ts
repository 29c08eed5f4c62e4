import { type Actor, type ProcedureId, timedSteps } from '@anjian/domain';
import { procedures } from '@anjian/seeds/catalog/procedures';
import { Injectable } from '@nestjs/common';
import { ResolvePolicyUseCase } from '../deadlines/resolve-policy.use-case';
import { CaseQueriesUseCase } from './case-queries.use-case';

/**
 * "Which policy applies to this case, and why?": for each timed step of the case's procedure, the
 * rule its pinned policy version selects, with the reasons and the rules that lost.
 */
@Injectable()
export class CasePolicyUseCase {
  constructor(
    private readonly queries: CaseQueriesUseCase,
    private readonly resolve: ResolvePolicyUseCase,
  ) {}

  async execute(actor: Actor, id: string) {
    const record = await this.queries.get(actor, id);
    const procedure = procedures.find((p) => p.id === record.procedure)!;
    const steps = await Promise.all(
      timedSteps(procedure).map((step) =>
        this.resolve.execute(actor, {
          sector: record.sector,
          procedure: record.procedure as ProcedureId,
          step: step.id,
          jurisdiction: record.jurisdiction,
          grade: record.hazardGrade as never,
          policyVersion: record.policyVersion ?? undefined,
        }),
      ),
    );
    return { caseId: id, policyVersion: record.policyVersion, currentStep: record.step, steps };
  }
}
