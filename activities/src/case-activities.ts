import { ApplicationFailure } from '@temporalio/activity';
import { type CaseActivities, DEADLINE_CONFIGURATION } from '@anjian/contracts';
import type { CaseRepository } from '@anjian/persistence';
import type { DeadlineService } from './deadlines/deadline.service';

export interface CaseActivityDeps {
  cases: CaseRepository;
  deadlines: Pick<DeadlineService, 'arm'>;
}

function isConfigurationError(err: unknown): boolean {
  const name = (err as Error)?.name;
  return name === 'DeadlineConfigurationError' || name === 'ZodError' || err instanceof RangeError || err instanceof TypeError;
}

/** Activity factory: dependencies come in, plain async functions go out (Temporal samples' style). */
export function createCaseActivities(deps: CaseActivityDeps): CaseActivities {
  return {
    armDeadline: async (req) => {
      try {
        return await deps.deadlines.arm(req);
      } catch (err) {
        // A missing rule or a bad calendar will not fix itself on retry: fail at once, with the reason.
        if (isConfigurationError(err)) throw ApplicationFailure.nonRetryable((err as Error).message, DEADLINE_CONFIGURATION);
        throw err;
      }
    },
    projectCase: ({ caseId, events, patch, open }) => deps.cases.record(caseId, events, patch, open),
  };
}
