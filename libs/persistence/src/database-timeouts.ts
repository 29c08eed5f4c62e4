/**
 * Deadlines for every PostgreSQL call, so that a database that does not answer makes a request fail
 * (503) instead of hanging: the server cancels a statement after `statementTimeoutMs`; the client
 * gives up on a reply a little later (a network stall, where the server never saw the statement);
 * taking a connection from the pool (or opening one) gives up after `connectTimeoutMs`.
 */
export interface DatabaseTimeouts {
  statementTimeoutMs: number;
  connectTimeoutMs: number;
}

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = { statementTimeoutMs: 15_000, connectTimeoutMs: 5_000 };

/** Margin between the server-side statement timeout and the client-side read timeout. */
const CLIENT_MARGIN_MS = 1_000;

/** Options for node-postgres' Pool/Client (TypeORM's `extra`). */
export function poolTimeoutOptions(t: DatabaseTimeouts) {
  return {
    statement_timeout: t.statementTimeoutMs,
    query_timeout: t.statementTimeoutMs + CLIENT_MARGIN_MS,
    connectionTimeoutMillis: t.connectTimeoutMs,
  };
}

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);
// 57014 query_canceled (statement_timeout); 57P01–57P03 admin shutdown / crash shutdown / cannot connect now;
// 08xxx connection exceptions; 53300 too many connections.
const UNAVAILABLE_SQLSTATES = /^(57014|57P0[123]|08...|53300)$/;
const UNAVAILABLE_MESSAGES =
  /Query read timeout|timeout exceeded when trying to connect|Connection terminated|connection timeout|Client has encountered a connection error|Connection is not established|canceling statement due to statement timeout/i;

/**
 * Whether an error means "PostgreSQL did not answer in time or is not reachable" (worth a 503 and a
 * retry), as opposed to a refused statement (a constraint, a bad value), which is a bug or a 4xx.
 * Looks through TypeORM's QueryFailedError (driverError) and `cause` chains.
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  const e = err as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (UNAVAILABLE_CODES.has(e.code) || UNAVAILABLE_SQLSTATES.test(e.code))) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true; // AggregateError
  return isDatabaseUnavailable(e.driverError, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1);
}
