import type { ArmDeadlineRequest, CaseActivities } from '@anjian/contracts';
import type { ArmedDeadline } from '@anjian/domain';
import type { CaseRepository } from '@anjian/persistence';

/** Computes a step's deadline from the case's pinned policy and the working-day calendar. */
export interface DeadlineArmer {
  arm(req: ArmDeadlineRequest): Promise<ArmedDeadline>;
}

export interface CaseActivityDeps {
  cases: CaseRepository;
  deadlines: DeadlineArmer;
}

/** Activity factory: dependencies come in, plain async functions go out (Temporal samples' style). */
export function createCaseActivities(deps: CaseActivityDeps): CaseActivities {
  return {
    armDeadline: (req) => deps.deadlines.arm(req),
    projectCase: ({ caseId, events, patch, open }) => deps.cases.record(caseId, events, patch, open),
  };
}
