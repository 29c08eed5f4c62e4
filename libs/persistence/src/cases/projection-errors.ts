import { isDatabaseUnavailable } from '../database-timeouts';

/**
 * What retrying a failed projection write can achieve, judged from PostgreSQL's SQLSTATE (or the
 * socket error when there was no answer at all).
 *
 * - `rejected`: the data itself is refused and will be refused again: class 22 (data exception, e.g.
 *   22021 invalid byte sequence, 22P05 untranslatable character — a NUL in text or JSON), class 23
 *   (integrity constraint violation), class 42 (syntax error or undefined object).
 * - `transient`: the server was unreachable, restarting or overloaded: class 08 (connection
 *   exception), 57014 (statement timeout), 57P01–57P03 (admin shutdown, crash shutdown, cannot connect now), 53 (insufficient
 *   resources), 40001/40P01 (serialization failure, deadlock), and socket errors.
 * - `unknown`: anything else, most likely a bug: retried (bounded) and logged loudly by the caller.
 */
export type ProjectionErrorKind = 'rejected' | 'transient' | 'unknown';

/** The SQLSTATE of a pg / TypeORM error, if it carries one. */
export function sqlState(err: unknown): string | undefined {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

export function classifyProjectionError(err: unknown): ProjectionErrorKind {
  // The same notion of "PostgreSQL did not answer" the API uses for its 503s.
  if (isDatabaseUnavailable(err)) return 'transient';
  const code = sqlState(err);
  if (!code || !/^[0-9A-Z]{5}$/.test(code)) return 'unknown';
  const cls = code.slice(0, 2);
  if (cls === '22' || cls === '23' || cls === '42') return 'rejected';
  if (cls === '53' || code === '40001' || code === '40P01') return 'transient';
  return 'unknown';
}
