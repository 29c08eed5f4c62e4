import { jurisdictionScope } from '../actor/access';
import { accessScope } from '../access/decide-access';
import type { Principal } from '../actor/principal';

/**
 * What a list may show a caller: the rows whose jurisdiction starts with `jurisdictionPrefix` (the
 * caller's 行政区划 subtree: 140000 → "14", 140105 → "140105", 000000 → "") and, for officers who
 * work in named sectors, only those sectors. For lists the filter IS the access rule (a row outside
 * it does not exist for the caller), so every list query is built from this one function and nobody
 * can forget a clause.
 */
export interface VisibilityScope {
  /** Digits only, 0–6 of them; '' = the whole country. */
  jurisdictionPrefix: string;
  /** null = every sector. Never an empty array (that would mean "nothing", which no caller is given). */
  sectors: readonly string[] | null;
}

/**
 * Officers reach their jurisdiction and their sectors ([] = all sectors); supervisors, agency heads,
 * viewers and administrators reach their whole subtree, as decideCaseAccess does for one case.
 */
export function visibilityScope(principal: Principal): VisibilityScope {
  // The access policy's own notion of a caller's area: lists and single-case decisions cannot drift apart.
  return accessScope(principal);
}

/**
 * A caller's filter can only narrow their scope, never widen it: a requested jurisdiction outside the
 * subtree, or sectors outside the officer's, give `null` (an empty list, not an error: the caller learns
 * nothing about what lies outside). A requested jurisdiction is taken as a subtree too (140100 → 1401xx).
 */
export function narrowScope(
  scope: VisibilityScope,
  filter: { jurisdiction?: string; sectors?: readonly string[] },
): VisibilityScope | null {
  let prefix = scope.jurisdictionPrefix;
  if (filter.jurisdiction !== undefined) {
    const wanted = jurisdictionScope(filter.jurisdiction);
    if (wanted.startsWith(prefix)) prefix = wanted;
    else if (!prefix.startsWith(wanted)) return null; // disjoint subtrees
    // else: the filter is wider than the scope (a parent): the scope stays as it is.
  }
  let sectors = scope.sectors;
  if (filter.sectors !== undefined && filter.sectors.length > 0) {
    const allowed = scope.sectors;
    sectors = allowed === null ? [...new Set(filter.sectors)] : filter.sectors.filter((s) => allowed.includes(s));
    if (sectors.length === 0) return null;
  }
  return { jurisdictionPrefix: prefix, sectors };
}
