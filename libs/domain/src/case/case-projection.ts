import type { CaseEvent } from './case-event';
import type { CaseRecord } from './case-record';

/** What a workflow hands to the projection when it opens a case (the identity fields of the record). */
export type NewCase = Pick<
  CaseRecord,
  | 'id'
  | 'title'
  | 'description'
  | 'source'
  | 'sector'
  | 'jurisdiction'
  | 'hazardGrade'
  | 'enterprise'
  | 'procedure'
  | 'assigneeId'
  | 'openedBy'
  | 'openedAt'
  | 'policyVersion'
  | 'workflowId'
>;

/** The case's current state after a transition (the moving fields of the record). */
export type CasePatch = Pick<CaseRecord, 'step' | 'status' | 'deadline' | 'overdue' | 'failures' | 'closedAt' | 'policyVersion'>;

/** Events carry the sequence number the workflow gave them: a retried write finds them already there. */
export type SequencedEvent = CaseEvent & { seq: number };
