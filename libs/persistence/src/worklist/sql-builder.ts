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
 * into a LIKE pattern; `LIKE '14%'` uses the text_pattern_ops index on jurisdiction.
 */
export function scopeSql(scope: VisibilityScope, p: SqlParams, alias = 'c'): string {
  if (!/^[0-9]{0,6}$/.test(scope.jurisdictionPrefix)) throw new Error(`invalid jurisdiction prefix ${scope.jurisdictionPrefix}`);
  const clauses: string[] = [];
  if (scope.jurisdictionPrefix.length === 6) clauses.push(`${alias}.jurisdiction = ${p.add(scope.jurisdictionPrefix)}`);
  else if (scope.jurisdictionPrefix.length > 0) clauses.push(`${alias}.jurisdiction LIKE ${p.add(`${scope.jurisdictionPrefix}%`)}`);
  if (scope.sectors !== null) clauses.push(`${alias}.sector = ANY(${p.add(scope.sectors)}::text[])`);
  return clauses.length ? clauses.join(' AND ') : 'TRUE';
}
