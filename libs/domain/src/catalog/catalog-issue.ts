/**
 * A problem found when checking data against a catalog. `path` points at the offending field the way
 * zod does (e.g. ['sector'] or [3, 'step']) so forms and admin tools can highlight it.
 */
export interface CatalogIssue {
  code: 'duplicate_id' | 'unknown_reference' | 'unknown_procedure' | 'unknown_step' | 'untimed_step' | 'unknown_sector' | 'duplicate_scope';
  path: (string | number)[];
  message: string;
}

/** Reports every id that occurs more than once, pointing at the later occurrences. */
export function findDuplicateIds(ids: readonly string[], what: string): CatalogIssue[] {
  const firstIndex = new Map<string, number>();
  const issues: CatalogIssue[] = [];
  ids.forEach((id, index) => {
    const first = firstIndex.get(id);
    if (first === undefined) {
      firstIndex.set(id, index);
    } else {
      issues.push({
        code: 'duplicate_id',
        path: [index, 'id'],
        message: `${what} id '${id}' is used twice (entries ${first} and ${index})`,
      });
    }
  });
  return issues;
}
