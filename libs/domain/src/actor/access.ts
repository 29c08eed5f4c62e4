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

/** A national user: division code 000000, whose scope is the whole country. */
export function isNational(jurisdiction: string): boolean {
  return jurisdictionScope(jurisdiction) === '';
}

/**
 * Publishing a policy version (发布) changes deadlines nationwide — every new case from its
 * effective-from on pins it — so only a national administrator (国家级管理员, 000000) may do it.
 * Drafts (proposals) any administrator may write.
 */
export function mayPublishPolicy(actor: Actor): boolean {
  return actor.role === 'administrator' && isNational(actor.jurisdiction);
}

/**
 * Saving or editing a working-day calendar: the national calendar 'CN' (no prefix: null or '') only
 * a national administrator; a local calendar any administrator whose subtree contains its
 * jurisdiction prefix (650000 → '6540' yes, '14' no; 650100 → '65' no, it covers more than 乌鲁木齐市).
 */
export function mayManageCalendar(actor: Actor, calendarPrefix: string | null): boolean {
  if (actor.role !== 'administrator') return false;
  if (!calendarPrefix) return isNational(actor.jurisdiction);
  return calendarPrefix.startsWith(jurisdictionScope(actor.jurisdiction));
}
