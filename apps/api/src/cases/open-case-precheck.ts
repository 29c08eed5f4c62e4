import { DeadlineConfigurationError, type DeadlineService } from '@anjian/activities';
import type { OpenRectificationCaseInput } from '@anjian/domain';
import { Problem } from '../http/problem';

/** The timed steps the rectification workflow arms: the report at opening, the re-check after a report. */
export const RECTIFICATION_ARMED_STEPS = ['report', 'recheck'] as const;

export interface MissingConfiguration {
  procedure: string;
  step: string;
  sector: string;
  jurisdiction: string;
  hazardGrade: string;
  reason: string;
}

/**
 * Before a case is opened: can every deadline its workflow will arm be computed from the policy in
 * force and the calendars? If not, the case must not be opened at all (no row, no workflow) and the
 * officer is told what is missing, so that an administrator can add it. The report step is checked
 * exactly as the workflow will arm it (with the order's own date, if any).
 */
export async function missingConfiguration(
  deadlines: Pick<DeadlineService, 'arm'>,
  input: OpenRectificationCaseInput,
  openedAt: string,
): Promise<MissingConfiguration[]> {
  const missing: MissingConfiguration[] = [];
  for (const step of RECTIFICATION_ARMED_STEPS) {
    try {
      await deadlines.arm({
        procedure: 'rectification',
        step,
        sector: input.sector,
        jurisdiction: input.jurisdiction,
        hazardGrade: input.hazardGrade,
        start: openedAt,
        policyVersion: null,
        explicitDueAt: step === 'report' ? input.reportDueAt : undefined,
      });
    } catch (err) {
      if (!(err instanceof DeadlineConfigurationError)) throw err;
      missing.push({
        procedure: 'rectification',
        step,
        sector: input.sector,
        jurisdiction: input.jurisdiction,
        hazardGrade: input.hazardGrade,
        reason: err.message,
      });
    }
  }
  return missing;
}

export function missingConfigurationProblem(missing: MissingConfiguration[]): Problem {
  const what = missing.map((m) => `${m.procedure}/${m.step} in sector ${m.sector}, jurisdiction ${m.jurisdiction}`).join('; ');
  return new Problem(
    422,
    'No deadline can be computed',
    `the case cannot be opened: no deadline policy rule for ${what}. An administrator must add the rule (nothing was opened; retry once it exists).`,
    { missing },
    '/problems/deadline-configuration',
  );
}
