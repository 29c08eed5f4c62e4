import type { Actor, CaseRecord } from '@anjian/domain';
import { Problem } from '../http/problem';

/**
 * Access is decided once per request by the AccessGuard (apps/api/src/access) from the route's
 * @Access(...) declaration: by the time a use case runs, the caller may do what the route does on this
 * case. What is left here is only the existence check a use case needs for the record it loaded
 * (a case deleted or never projected is the same 404 the guard gives for one out of reach).
 * Kept with the old signatures so existing callers compile; new code should not call them.
 */
export function assertCaseAccess(_actor: Actor, record: CaseRecord | null, _op: string, caseId: string): CaseRecord {
  if (!record) throw new Problem(404, 'Not Found', `no case ${caseId}`);
  return record;
}

/** Opening a case: decided by the AccessGuard (@Access('open')) before the handler; nothing to do here. */
export function assertMayOpen(_actor: Actor, _jurisdiction: string): void {}
