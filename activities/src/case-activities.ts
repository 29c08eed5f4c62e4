import type { CaseActivities } from '@anjian/contracts';
import type { CaseRepository } from '@anjian/persistence';
import type { DeadlineService } from './deadlines/deadline.service';

export interface CaseActivityDeps {
  cases: CaseRepository;
  deadlines: Pick<DeadlineService, 'arm'>;
}

/** Activity factory: dependencies come in, plain async functions go out (Temporal samples' style). */
export function createCaseActivities(deps: CaseActivityDeps): CaseActivities {
  return {
    armDeadline: (req) => deps.deadlines.arm(req),
    projectCase: ({ caseId, events, patch, open }) => deps.cases.record(caseId, events, patch, open),
  };
}
