import type { VisibilityScope } from '@anjian/domain';

/** Collects bind parameters while a query is assembled: every value goes through `$n`, never into the text. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * A LIKE pattern that matches `text` literally anywhere: the wildcards % and _ and the escape
 * character itself are escaped, so a search for "50%" finds "50%" and not everything starting with 50.
 * Use with `ESCAPE '\'`.
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/**
 * The caller's scope as SQL over a table aliased `alias` with `jurisdiction` and `sector` columns. The
 * prefix is digits only (it comes from a six-digit code), checked again here because it is concatenated
 * into a LIKE pattern.
 *
 * Two forms of the same condition, for two kinds of query:
 * - `prefix` (default): `LIKE '14%'`, served by the text_pattern_ops indexes on jurisdiction (the
 *   figures and counts read a whole subtree through the covering `cases_scope_figures`);
 * - `level`: `left(jurisdiction, 2) = '14'` for a province, 4 digits for a city, the code itself for a
 *   district: the lists, which walk the per-level `(…, due_at, id)` indexes in order and stop after
 *   one page (migration 1734400000000).
 */
export function scopeSql(scope: VisibilityScope, p: SqlParams, alias = 'c', form: 'prefix' | 'level' = 'prefix'): string {
  const prefix = scope.jurisdictionPrefix;
  if (!/^[0-9]{0,6}$/.test(prefix)) throw new Error(`invalid jurisdiction prefix ${prefix}`);
  const clauses: string[] = [];
  if (prefix.length === 6) clauses.push(`${alias}.jurisdiction = ${p.add(prefix)}`);
  else if (form === 'level' && (prefix.length === 2 || prefix.length === 4))
    clauses.push(`left(${alias}.jurisdiction, ${prefix.length}) = ${p.add(prefix)}`);
  else if (prefix.length > 0) clauses.push(`${alias}.jurisdiction LIKE ${p.add(`${prefix}%`)}`);
  if (scope.sectors !== null) clauses.push(`${alias}.sector = ANY(${p.add(scope.sectors)}::text[])`);
  return clauses.length ? clauses.join(' AND ') : 'TRUE';
}

/**
 * Overdue: a deadline was missed (the projection's flag) or the current one has passed (see
 * missedDeadline). One definition for the lists, their counts, the statistics and the /metrics gauge; `now` is SQL (a
 * bound parameter, or now()).
 */
export function overdueSql(now: string, alias = 'c'): string {
  return `(${alias}.overdue OR ${alias}.due_at < ${now}::timestamptz)`;
}
