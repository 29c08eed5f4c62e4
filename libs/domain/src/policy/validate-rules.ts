import type { CatalogIssue } from '../catalog/catalog-issue';
import type { Procedure } from '../catalog/procedure';
import type { Sector } from '../catalog/sector';
import { ANY_SECTOR, describeScope, PolicyRule, PolicyScope, scopeKey } from './policy-rule';

/**
 * Checks one rule's references against the catalogs. The zod schema cannot: the catalogs are data that
 * administrators and later seeds extend. Paths are relative to the rule (['sector'], ['step'], …).
 */
export function validateRuleAgainstCatalog(
  rule: PolicyScope,
  sectors: readonly Pick<Sector, 'id'>[],
  procedures: readonly Procedure[],
): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  if (rule.sector !== ANY_SECTOR && !sectors.some((s) => s.id === rule.sector)) {
    issues.push({ code: 'unknown_sector', path: ['sector'], message: `unknown sector '${rule.sector}'` });
  }
  const procedure = procedures.find((p) => p.id === rule.procedure);
  if (!procedure) {
    issues.push({ code: 'unknown_procedure', path: ['procedure'], message: `unknown procedure '${rule.procedure}'` });
    return issues;
  }
  const step = procedure.steps.find((s) => s.id === rule.step);
  if (!step) {
    issues.push({
      code: 'unknown_step',
      path: ['step'],
      message: `procedure '${rule.procedure}' has no step '${rule.step}' (steps: ${procedure.steps.map((s) => s.id).join(', ')})`,
    });
  } else if (!step.timed) {
    issues.push({
      code: 'untimed_step',
      path: ['step'],
      message: `step '${rule.procedure}.${rule.step}' has no deadline, so a policy rule for it would never be used`,
    });
  }
  return issues;
}

/** Two rules with the same scope would tie in resolution; report every later one. Paths: [index]. */
export function findDuplicateScopes(rules: readonly PolicyScope[]): CatalogIssue[] {
  const firstIndex = new Map<string, number>();
  const issues: CatalogIssue[] = [];
  rules.forEach((rule, index) => {
    const key = scopeKey(rule);
    const first = firstIndex.get(key);
    if (first === undefined) {
      firstIndex.set(key, index);
    } else {
      issues.push({
        code: 'duplicate_scope',
        path: [index],
        message: `rules ${first} and ${index} have the same scope ${describeScope(rule)}; keep one`,
      });
    }
  });
  return issues;
}

/** Everything an administrator's rule set must pass before it is published. Paths start with the index. */
export function validateRuleSet(
  rules: readonly PolicyRule[],
  sectors: readonly Pick<Sector, 'id'>[],
  procedures: readonly Procedure[],
): CatalogIssue[] {
  const perRule = rules.flatMap((rule, index) =>
    validateRuleAgainstCatalog(rule, sectors, procedures).map((issue) => ({ ...issue, path: [index, ...issue.path] })),
  );
  return [...perRule, ...findDuplicateScopes(rules)];
}
