import { findUncoveredSteps, type PolicyRule, validateRuleSet } from '@anjian/domain';
import type { FieldIssue } from '../../http/problem';
import { catalog } from '../../deadlines/catalog-data';

/**
 * What zod cannot check about a rule set: references to the catalogs (unknown sector, procedure or
 * step; a rule for an untimed step) and two rules with the same scope. `prefix` is where the rules
 * sit in the request ('body.rules'), so paths read like zod's: body.rules.3.sector.
 */
export function ruleSetIssues(rules: readonly PolicyRule[], prefix: string): FieldIssue[] {
  return validateRuleSet(rules, catalog.sectors, catalog.procedures).map((i) => ({
    path: [prefix, ...i.path].join('.'),
    message: i.message,
  }));
}

/**
 * Timed steps some case could reach without any rule; publishing such a version would leave those
 * cases without a deadline. One issue per step, naming the sectors (or "all sectors").
 */
export function coverageIssues(rules: readonly PolicyRule[], prefix: string): FieldIssue[] {
  const bySteps = new Map<string, string[]>();
  for (const u of findUncoveredSteps(rules, catalog.sectors, catalog.procedures)) {
    const key = `${u.procedure}.${u.step}`;
    bySteps.set(key, [...(bySteps.get(key) ?? []), u.sector]);
  }
  return [...bySteps].map(([step, sectorIds]) => ({
    path: prefix,
    message: `no fallback rule for ${step} in ${sectorIds.length === catalog.sectors.length ? 'all sectors' : `sectors ${sectorIds.join(', ')}`}; add a rule for sector '*' (or each sector) without jurisdiction or grade`,
  }));
}
