import { ApplicationFailure } from '@temporalio/activity';
import { type CaseActivities, DEADLINE_CONFIGURATION } from '@anjian/contracts';
import { isOutsideSupportedRange } from '@anjian/deadlines';
import type { CaseRepository } from '@anjian/persistence';
import { databaseFailure } from './activity-failures';
import { DeadlineConfigurationError, type DeadlineService } from './deadlines/deadline.service';

export interface CaseActivityDeps {
  cases: Pick<CaseRepository, 'record'>;
  deadlines: Pick<DeadlineService, 'arm'>;
}

/**
 * Activity factory: dependencies come in, plain async functions go out (Temporal samples' style).
 * Only known, typed errors become non-retryable failures the API answers with 4xx; anything else
 * is retried within the workflow's bounded policy, and a bug is logged with its stack.
 */
export function createCaseActivities(deps: CaseActivityDeps): CaseActivities {
  return {
    armDeadline: async (req) => {
      try {
        return await deps.deadlines.arm(req);
      } catch (err) {
        // A missing rule or a bad calendar will not fix itself on retry, nor will a date (or a period
        // counted from it) outside the years the calendars cover: fail at once, naming why.
        if (err instanceof DeadlineConfigurationError || isOutsideSupportedRange(err)) {
          throw ApplicationFailure.create({
            type: DEADLINE_CONFIGURATION,
            message: err.message,
            details: [{ missing: err.message }],
            nonRetryable: true,
          });
        }
        // Reading policies and calendars never stores user data: a refusal there is not the caller's fault.
        throw databaseFailure('armDeadline', err, { rejectable: false });
      }
    },
    projectCase: async ({ caseId, events, patch, open }) => {
      try {
        return await deps.cases.record(caseId, events, patch, open);
      } catch (err) {
        throw databaseFailure('projectCase', err, { rejectable: true });
      }
    },
  };
}
