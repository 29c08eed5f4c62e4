import type { ArmedDeadline, CaseEvent } from '@anjian/domain';

/** Plain shapes crossing the workflow → activity boundary (serialised as JSON in history). */
export type SequencedEventDto = CaseEvent & { seq: number };

export interface CasePatchDto {
  step: string;
  status: 'open' | 'closed';
  deadline: ArmedDeadline | null;
  overdue: boolean;
  failures: number;
  closedAt: string | null;
  /** The policy version the case is pinned to now (changes only by an administrator's migration). */
  policyVersion: number | null;
}

export interface NewCaseDto {
  id: string;
  title: string;
  description: string;
  source: string;
  sector: string;
  jurisdiction: string;
  hazardGrade: string;
  enterprise: { name: string; creditCode: string };
  procedure: string;
  assigneeId: string;
  openedBy: string;
  openedAt: string;
  policyVersion: number | null;
  workflowId: string;
}
