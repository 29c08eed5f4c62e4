import type { ArmedDeadline } from '@anjian/domain';
import type { CasePatchDto, NewCaseDto, SequencedEventDto } from './projection.dto';

export interface ArmDeadlineRequest {
  procedure: string;
  step: string;
  sector: string;
  jurisdiction: string;
  hazardGrade: string;
  /** The event that starts the clock (ISO instant). */
  start: string;
  /** A deadline written on the order by the officer; wins over the policy's default period. */
  explicitDueAt?: string;
  /** The policy version the case pinned; null on the first call, which pins the version in force. */
  policyVersion: number | null;
}

/**
 * The activities a case workflow calls. Workflows import this type only; the implementation is in
 * `activities/` and receives its dependencies from a factory.
 */
export interface CaseActivities {
  armDeadline(req: ArmDeadlineRequest): Promise<ArmedDeadline>;
  projectCase(req: { caseId: string; events: SequencedEventDto[]; patch: CasePatchDto; open?: NewCaseDto }): Promise<{ appended: number }>;
}
