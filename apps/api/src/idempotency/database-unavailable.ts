import { isDatabaseUnavailable } from '@anjian/persistence';
import { Problem } from '../http/problem';

/** A 503 saying PostgreSQL did not answer in time, or null when the error is something else. */
export function databaseProblem(err: unknown, statementTimeoutMs: number): Problem | null {
  if (err instanceof Problem || !isDatabaseUnavailable(err)) return null;
  const seconds = Math.round(statementTimeoutMs / 100) / 10;
  return new Problem(
    503,
    'Service Unavailable',
    `PostgreSQL did not answer within ${seconds} s; retry later (with the same Idempotency-Key)`,
    { down: ['postgres'] },
    '/problems/database-unavailable',
  ).withHeaders({ 'Retry-After': '5' });
}
