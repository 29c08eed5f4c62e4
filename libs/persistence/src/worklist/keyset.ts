import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { SqlParams } from './sql-builder';

/**
 * Keyset pagination (seek method): a page starts after the last row of the previous one, by
 * (sort key, id), so pages stay stable while rows are added or change, and page 1000 costs what
 * page 1 costs. The cursor is opaque to clients (base64url JSON) and carries a fingerprint of the
 * filters it was made for: a cursor replayed with other filters is refused rather than misread.
 */
export interface SortColumn {
  /** Column as SQL (whitelisted by the caller: never from input). */
  sql: string;
  nullable: boolean;
}

export interface Keyset {
  key: string | null;
  id: string;
}

const CursorJson = z.object({
  v: z.literal(1),
  s: z.string().max(32),
  o: z.enum(['asc', 'desc']),
  k: z.string().max(40).nullable(),
  id: z.string().max(64),
  f: z.string().max(32),
});

const KEY_TEXT = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z$/;

export class InvalidCursorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidCursorError';
  }
}

/** A short digest of the filters a page was asked with (cursor and page size excluded by the caller). */
export function filterFingerprint(filters: Record<string, unknown>): string {
  const canonical = JSON.stringify(
    Object.keys(filters)
      .sort()
      .map((k) => [k, filters[k]]),
  );
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 16);
}

export function encodeCursor(sort: string, order: 'asc' | 'desc', last: Keyset, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ v: 1, s: sort, o: order, k: last.key, id: last.id, f: fingerprint })).toString('base64url');
}

/**
 * The sort a cursor is read for: its name as the cursor carries it, and its column, which says what
 * the cursor's key may be: an instant, or null for a row without a value, which only a nullable
 * column has; null for an order by id alone (notifications), whose cursors carry no key at all.
 */
export interface CursorSort {
  name: string;
  column: Pick<SortColumn, 'nullable'> | null;
}

/**
 * Whether a key is exactly what keyText produces for a real instant: its fields must be the instant's
 * own (Date.parse rolls 30 February into 2 March, where PostgreSQL answers "date/time field value out
 * of range"; hour 24 into the next day), and there is no year 0.
 */
function isKeyText(key: string): boolean {
  if (!KEY_TEXT.test(key) || key.startsWith('0000')) return false;
  const ms = Date.parse(key);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 19) === key.slice(0, 19);
}

export function decodeCursor(cursor: string, sort: CursorSort, order: 'asc' | 'desc', fingerprint: string): Keyset {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('not a cursor this API issued');
  }
  const r = CursorJson.safeParse(parsed);
  if (!r.success) throw new InvalidCursorError('not a cursor this API issued');
  if (r.data.s !== sort.name || r.data.o !== order || r.data.f !== fingerprint)
    throw new InvalidCursorError('the cursor belongs to a query with other filters or another sort order');
  // Exactly what keyText produces (a hand-made cursor must not reach PostgreSQL with a value it cannot
  // cast), and null only where a row can have no value: a nullable column, or no key column at all.
  const key = r.data.k;
  const keyOk = sort.column === null ? key === null : key === null ? sort.column.nullable : isKeyText(key);
  if (!keyOk) throw new InvalidCursorError('not a cursor this API issued');
  return { key, id: r.data.id };
}

/**
 * "After this row" for ORDER BY col <order> NULLS LAST, id <order>. Rows without a value come last
 * in either direction (a case without a deadline is never the most urgent).
 */
export function keysetAfter(col: SortColumn, order: 'asc' | 'desc', after: Keyset, p: SqlParams, idSql = 'c.id'): string {
  const cmp = order === 'asc' ? '>' : '<';
  // A null key comes from a row without a value: a non-null column has none (decodeCursor refuses such
  // a cursor). Every parameter bound here is used, or PostgreSQL cannot type it.
  if (after.key === null && !col.nullable) throw new Error(`a null sort key after a row of ${col.sql}, which is never null`);
  const id = p.add(after.id);
  if (after.key === null) return `(${col.sql} IS NULL AND ${idSql} ${cmp} ${id}::uuid)`;
  const key = p.add(after.key);
  const main = `(${col.sql} ${cmp} ${key}::timestamptz OR (${col.sql} = ${key}::timestamptz AND ${idSql} ${cmp} ${id}::uuid))`;
  return col.nullable ? `(${main} OR ${col.sql} IS NULL)` : main;
}

export function orderBy(col: SortColumn, order: 'asc' | 'desc', idSql = 'c.id'): string {
  const dir = order === 'asc' ? 'ASC' : 'DESC';
  return `${col.sql} ${dir} NULLS LAST, ${idSql} ${dir}`;
}

/** The sort key of a row as text with full (microsecond) precision, so a cursor never skips or repeats a row. */
export const keyText = (colSql: string): string => `to_char(${colSql} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
