import type { CaseRecord } from '@anjian/domain';
import { Problem } from '../http/problem';

/**
 * A closed case (已结案) takes nothing more: its workflow has ended, so no procedure can be started,
 * no request made or decided, and no file added that nothing could ever cite. Its state, and that
 * nothing is allowed. (Reading it, its events and its files stays open to whoever may read it.)
 */
export function caseClosedProblem(record: CaseRecord): Problem {
  return new Problem(
    409,
    'Case closed',
    `case ${record.id} was closed (已结案) at ${record.closedAt ?? '?'}: nothing can be started, requested, decided, escalated or added on it any more`,
    { caseStatus: record.status, currentStep: record.step, closedAt: record.closedAt, allowedActions: [] },
    '/problems/case-closed',
  );
}
