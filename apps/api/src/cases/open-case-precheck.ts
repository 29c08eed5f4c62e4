import { DeadlineConfigurationError, type DeadlineService } from '@anjian/activities';
import { type ProcedureId, timedSteps } from '@anjian/domain';
import { procedures } from '@anjian/seeds/catalog/procedures';
import { Problem } from '../http/problem';

/** The timed steps the rectification workflow arms: the report at opening, the re-check after a report. */
export const RECTIFICATION_ARMED_STEPS = ['report', 'recheck'] as const;

/** The case facts a deadline depends on, and the order's own deadline (rectification only). */
export interface PrecheckInput {
  sector: string;
  jurisdiction: string;
  hazardGrade: string;
  reportDueAt?: string;
}

/** Every timed step of the procedure (the catalog's): the steps its machine may arm a deadline for. */
function stepsToCheck(procedure: ProcedureId): readonly string[] {
  if (procedure === 'rectification') return RECTIFICATION_ARMED_STEPS;
  const entry = procedures.find((p) => p.id === procedure);
  return entry ? timedSteps(entry).map((s) => s.id) : [];
}

export interface MissingConfiguration {
  procedure: string;
  step: string;
  sector: string;
  jurisdiction: string;
  hazardGrade: string;
  reason: string;
}

/** What the opening pre-check found: what is missing, and the policy version it computed with. */
export interface OpeningCheck {
  missing: MissingConfiguration[];
  /** The version in force at the opening, for the workflow to pin (null when no timed step was armed). */
  policyVersion: number | null;
}

/**
 * Before a case is opened: can every deadline its first procedure will arm be computed from the policy in
 * force and the calendars? If not, the case must not be opened at all (no row, no workflow) and the
 * officer is told what is missing, so that an administrator can add it. The report step is checked
 * exactly as the workflow will arm it (with the order's own date, if any). The version it checked is
 * returned so the workflow arms under that very version (pinned), not whatever is in force a moment later.
 */
export async function checkOpening(
  deadlines: Pick<DeadlineService, 'arm' | 'lookups'>,
  input: PrecheckInput,
  openedAt: string,
  procedure: ProcedureId = 'rectification',
): Promise<OpeningCheck> {
  // The steps are independent: check them side by side, sharing one read of the policy in force and
  // one of the current calendar versions.
  const lookups = deadlines.lookups();
  const checked = await Promise.all(
    stepsToCheck(procedure).map(async (step): Promise<{ missing: MissingConfiguration } | { policyVersion: number | null }> => {
      try {
        const armed = await deadlines.arm(
          {
            procedure,
            step,
            sector: input.sector,
            jurisdiction: input.jurisdiction,
            hazardGrade: input.hazardGrade,
            start: openedAt,
            policyVersion: null,
            explicitDueAt: procedure === 'rectification' && step === 'report' ? input.reportDueAt : undefined,
          },
          lookups,
        );
        return { policyVersion: armed.policyVersion };
      } catch (err) {
        if (!(err instanceof DeadlineConfigurationError)) throw err;
        return {
          missing: {
            procedure,
            step,
            sector: input.sector,
            jurisdiction: input.jurisdiction,
            hazardGrade: input.hazardGrade,
            reason: err.message,
          },
        };
      }
    }),
  );
  const missing = checked.flatMap((c) => ('missing' in c ? [c.missing] : []));
  const armed = checked.find((c): c is { policyVersion: number | null } => 'policyVersion' in c);
  return { missing, policyVersion: armed?.policyVersion ?? null };
}

/** What `checkOpening` finds missing (none: the case can be opened). */
export async function missingConfiguration(
  deadlines: Pick<DeadlineService, 'arm' | 'lookups'>,
  input: PrecheckInput,
  openedAt: string,
  procedure: ProcedureId = 'rectification',
): Promise<MissingConfiguration[]> {
  return (await checkOpening(deadlines, input, openedAt, procedure)).missing;
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
