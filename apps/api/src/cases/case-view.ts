import { allowedActions, type CaseRecord, type RectificationStep } from '@anjian/domain';

/** A case as the API shows it: the projection plus what the current step allows (the same pure rule the workflow uses). */
export function toCaseView(record: CaseRecord) {
  return { ...record, allowedActions: allowedActions({ step: record.step as RectificationStep }) };
}
