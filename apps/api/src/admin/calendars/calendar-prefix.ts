import type { FieldIssue } from '../../http/problem';

/**
 * A local calendar 'CN-650000' applies to the jurisdictions under 650000 — prefix '65'. The prefix is
 * what DeadlineService matches cases with, so it must agree with the id, or a calendar named for
 * Xinjiang could silently apply to Shanxi. Returns the prefix to store, or the issue.
 */
export function calendarPrefix(
  id: string,
  given: string | null | undefined,
  path: string,
): { prefix: string | null } | { issue: FieldIssue } {
  const code = id.startsWith('CN-') ? id.slice(3) : null;
  if (code === null) {
    return given ? { issue: { path, message: "the national calendar 'CN' has no jurisdiction prefix; send null" } } : { prefix: null };
  }
  // Trailing '00' pairs name the parent division itself: 650000 → '65', 650100 → '6501'.
  const derived = code.replace(/(00)+$/, '');
  if (given === undefined || given === null) return { prefix: derived };
  if (given.padEnd(6, '0') !== code) {
    return { issue: { path, message: `calendar ${id} covers jurisdiction prefix '${derived}', not '${given}'` } };
  }
  return { prefix: given };
}
