import { type Actor, type CaseOperation, type CaseRecord, coversJurisdiction, roleMay } from '@anjian/domain';
import { Problem } from '../http/problem';

/**
 * A case outside the caller's jurisdiction subtree does not exist for them (404, not 403, so its
 * existence does not leak); inside it, a role that may not perform the operation gets 403.
 */
export function assertCaseAccess(actor: Actor, record: CaseRecord | null, op: CaseOperation, caseId: string): CaseRecord {
  if (!record || !coversJurisdiction(actor.jurisdiction, record.jurisdiction)) throw new Problem(404, 'Not Found', `no case ${caseId}`);
  if (!roleMay(actor, op))
    throw new Problem(
      403,
      'Forbidden',
      `role "${actor.role}" may not ${op === 'read' ? 'read' : 'act on'} cases`,
      {},
      '/problems/forbidden',
    );
  return record;
}

/** Opening a case: the role must open cases and the case's jurisdiction must lie in the caller's subtree. */
export function assertMayOpen(actor: Actor, jurisdiction: string): void {
  if (!roleMay(actor, 'open')) throw new Problem(403, 'Forbidden', `role "${actor.role}" may not open cases`, {}, '/problems/forbidden');
  if (!coversJurisdiction(actor.jurisdiction, jurisdiction)) {
    throw new Problem(
      403,
      'Forbidden',
      `jurisdiction ${jurisdiction} is outside your jurisdiction ${actor.jurisdiction}`,
      { errors: [{ path: 'body.jurisdiction', message: 'outside your jurisdiction' }] },
      '/problems/forbidden',
    );
  }
}
