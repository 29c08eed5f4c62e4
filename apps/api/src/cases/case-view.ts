import { allowedActions, type CaseRecord, type RectificationStep } from '@anjian/domain';

/** A case as the API shows it: the projection plus what the current step allows (same pure rule the workflow uses). */
export function toCaseView(record: CaseRecord) {
  const actions = record.status === 'open' ? allowedActions({ step: record.step as RectificationStep, caseId: record.id, deadline: record.deadline, overdue: record.overdue, failures: record.failures }) : [];
  return { ...record, allowedActions: actions };
}
