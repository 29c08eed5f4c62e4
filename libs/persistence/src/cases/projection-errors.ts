/**
 * What retrying a failed projection write can achieve, judged from PostgreSQL's SQLSTATE (or the
 * socket error when there was no answer at all).
 *
 * - `rejected`: the data itself is refused and will be refused again: class 22 (data exception, e.g.
 *   22021 invalid byte sequence, 22P05 untranslatable character — a NUL in text or JSON), class 23
 *   (integrity constraint violation), class 42 (syntax error or undefined object).
 * - `transient`: the server was unreachable, restarting or overloaded: class 08 (connection
 *   exception), 57P01–57P03 (admin shutdown, crash shutdown, cannot connect now), 53 (insufficient
 *   resources), 40001/40P01 (serialization failure, deadlock), and socket errors.
 * - `unknown`: anything else, most likely a bug: retried (bounded) and logged loudly by the caller.
 */
export type ProjectionErrorKind = 'rejected' | 'transient' | 'unknown';

const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const TRANSIENT_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection (?:is )?closed/i;

/** The SQLSTATE of a pg / TypeORM error, if it carries one. */
export function sqlState(err: unknown): string | undefined {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

export function classifyProjectionError(err: unknown): ProjectionErrorKind {
  const code = sqlState(err);
  if (code && /^[0-9A-Z]{5}$/.test(code)) {
    const cls = code.slice(0, 2);
    if (cls === '22' || cls === '23' || cls === '42') return 'rejected';
    if (cls === '08' || cls === '53' || code === '57P01' || code === '57P02' || code === '57P03') return 'transient';
    if (code === '40001' || code === '40P01') return 'transient';
    return 'unknown';
  }
  if (code && SOCKET_CODES.has(code)) return 'transient';
  if (err instanceof Error && TRANSIENT_MESSAGES.test(err.message)) return 'transient';
  return 'unknown';
}
