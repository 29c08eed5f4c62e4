import type { Actor, Role } from './actor';

/**
 * The subtree a six-digit division code stands for: trailing "00" pairs are levels not chosen
 * (140000 Shanxi → "14", 140100 Taiyuan → "1401", 140105 Xiaodian → "140105", 000000 → "" national).
 */
export function jurisdictionScope(code: string): string {
  let scope = code;
  while (scope.length > 0 && scope.endsWith('00')) scope = scope.slice(0, -2);
  return scope;
}

/** A user at 140100 reaches 1401xx; a user at 140105 reaches only 140105 (procedures.md §1). */
export function coversJurisdiction(actorJurisdiction: string, caseJurisdiction: string): boolean {
  return caseJurisdiction.startsWith(jurisdictionScope(actorJurisdiction));
}

export type CaseOperation = 'read' | 'open' | 'act';

/** Who may do what on a case, before the step's own rules: viewers read; officers and supervisors act. */
const ROLES: Record<CaseOperation, readonly Role[]> = {
  read: ['officer', 'supervisor', 'viewer', 'administrator'],
  open: ['officer', 'supervisor'],
  act: ['officer', 'supervisor'],
};

export function roleMay(actor: Actor, op: CaseOperation): boolean {
  return ROLES[op].includes(actor.role);
}
