import { decideCaseAccess } from '../access/decide-access';
import type { Principal } from '../actor/principal';
import { withArticle } from '../text/article';

/** What a reassignment did to one case (bulk answers one per case, in the order asked). */
export type ReassignmentResult =
  | { caseId: string; status: 'reassigned'; previousAssigneeId: string; assigneeId: string; via: 'workflow' | 'projection' }
  /** No such case, or out of the caller's reach: the same answer, so reach does not leak. */
  | { caseId: string; status: 'not_found' }
  | { caseId: string; status: 'refused'; reason: string }
  /** Temporal or PostgreSQL did not answer: nothing changed; retry (with the same Idempotency-Key). */
  | { caseId: string; status: 'failed'; reason: string };

export interface ReassignableCase {
  jurisdiction: string;
  sector: string;
  status: string;
  assigneeId: string;
  workflowId: string;
}

/**
 * Why a case may not go to this assignee (null: it may). The assignee must be an active officer or
 * supervisor who could act on the case themself (jurisdiction and, for officers, sector), so work is
 * never handed to someone who cannot see it.
 */
export function reassignmentRefusal(c: ReassignableCase, assignee: Principal & { active: boolean }): string | null {
  if (c.status !== 'open') return 'the case is closed (已结案): nothing to reassign';
  if (!assignee.active) return `user ${assignee.id} is disabled`;
  if (assignee.role !== 'officer' && assignee.role !== 'supervisor')
    return `user ${assignee.id} is ${withArticle(assignee.role)}, not an officer or supervisor`;
  const reach = decideCaseAccess(assignee, 'act', { jurisdiction: c.jurisdiction, sector: c.sector });
  if (!reach.allowed) return `user ${assignee.id} cannot act on this case (jurisdiction ${c.jurisdiction}, sector ${c.sector})`;
  return null;
}

/**
 * Cases opened before the case workflow (legacy `rectificationWorkflow`, id `case-<id>-rectification`)
 * have no `reassign` update: their assignee lives only in the projection, so it is changed there,
 * with an audit row (who, when, why, before/after). Every other case changes through its workflow.
 */
export function isLegacyWorkflow(caseId: string, workflowId: string): boolean {
  return workflowId === `case-${caseId}-rectification`;
}

/** A case id a bulk request lists again: its position, and where it was listed first. */
export interface RepeatedCaseId {
  index: number;
  firstIndex: number;
  caseId: string;
}

/**
 * The later occurrences of case ids a bulk request lists more than once. A bulk answer gives one result
 * per case in the order asked, so a repeated id cannot be answered twice nor silently dropped: it is a
 * client mistake, refused naming each later occurrence. Ids are UUIDs, compared without regard to the
 * case of their hex digits (PostgreSQL's uuid does the same: both spellings are one case).
 */
export function repeatedCaseIds(caseIds: readonly string[]): RepeatedCaseId[] {
  const first = new Map<string, number>();
  const repeated: RepeatedCaseId[] = [];
  caseIds.forEach((caseId, index) => {
    const key = caseId.toLowerCase();
    const firstIndex = first.get(key);
    if (firstIndex === undefined) first.set(key, index);
    else repeated.push({ index, firstIndex, caseId });
  });
  return repeated;
}
