import { LIST_LIMITS } from '@anjian/domain';
import { type CursorSort, decodeCursor, InvalidCursorError, type Keyset } from '@anjian/persistence';
import { z } from 'zod';
import { Instant } from '../deadlines/instant.schema';
import { validationProblem } from '../http/problem';

/** Query-string building blocks shared by the list endpoints (each value arrives as a string). */

/** A repeated or comma-separated parameter (`?sector=fire&sector=mining` or `?sector=fire,mining`) as a bounded array. */
export const listParam = <T extends z.ZodType>(item: T, max = 32) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter((s) => s !== '') : v), z.array(item).min(1).max(max));

export const pageSize = z.coerce
  .number()
  .int()
  .min(1)
  .max(LIST_LIMITS.pageSizeMax)
  .default(LIST_LIMITS.pageSizeDefault)
  .describe(`page size, at most ${LIST_LIMITS.pageSizeMax}`);

export const cursorParam = z
  .string()
  .max(512)
  .regex(/^[A-Za-z0-9_-]+$/, 'expected the opaque cursor of a previous page (nextCursor)')
  .describe("opaque: the previous page's nextCursor");

/** A step id (catalog steps and the legacy rectification steps): a lowercase slug. */
export const stepParam = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'expected a step id such as "report" or "awaiting_report"');

/**
 * An instant filter, normalised to UTC ISO so PostgreSQL reads exactly what was validated; years
 * 1900–2199 (year 0000 parses in JavaScript but not in PostgreSQL).
 */
export const instantParam = Instant.refine((s) => Number(s.slice(0, 4)) >= 1900 && Number(s.slice(0, 4)) < 2200, {
  message: 'expected a year from 1900 to 2199',
}).transform((s) => new Date(s).toISOString());

const ID_SHAPES = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  bigint: /^[1-9][0-9]{0,17}$/,
} as const;

/**
 * Decodes a cursor for this query and its sort, or answers 400 on query.cursor (another query's cursor,
 * a key its sort column cannot have, or garbage).
 * The cursor is not secret, so a hand-made one must not reach PostgreSQL with an id it cannot cast.
 */
export function keysetFrom(
  cursor: string | undefined,
  sort: CursorSort,
  order: 'asc' | 'desc',
  fingerprint: string,
  id: keyof typeof ID_SHAPES = 'uuid',
): Keyset | undefined {
  if (cursor === undefined) return undefined;
  const refuse = (message: string) => validationProblem('query', [{ path: 'query.cursor', message }]);
  let keyset: Keyset;
  try {
    keyset = decodeCursor(cursor, sort, order, fingerprint);
  } catch (err) {
    if (err instanceof InvalidCursorError) throw refuse(err.message);
    throw err;
  }
  if (!ID_SHAPES[id].test(keyset.id)) throw refuse('not a cursor this API issued');
  return keyset;
}
