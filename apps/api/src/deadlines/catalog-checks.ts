import { validateRuleAgainstCatalog } from '@anjian/domain';
import type { FieldIssue } from '../http/problem';
import { catalog } from './catalog-data';

/**
 * Checks a (sector, procedure, step) query against the catalogs, with the same checks a policy
 * rule gets, so "unknown step" reads the same everywhere. `where` prefixes the paths ('body', 'query').
 */
export function queryCatalogIssues(q: { sector: string; procedure: string; step: string }, where: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!catalog.sectors.some((s) => s.id === q.sector)) {
    issues.push({ path: `${where}.sector`, message: `unknown sector '${q.sector}' (see GET /catalog/sectors)` });
  }
  // Sector '*' makes the rule check skip the sector (reported above with a clearer message).
  for (const i of validateRuleAgainstCatalog(
    { procedure: q.procedure as never, step: q.step, sector: '*' },
    catalog.sectors,
    catalog.procedures,
  )) {
    issues.push({ path: [where, ...i.path].join('.'), message: i.message });
  }
  return issues;
}
