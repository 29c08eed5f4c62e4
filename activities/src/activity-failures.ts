import { ApplicationFailure, Context } from '@temporalio/activity';
import { DATABASE_UNAVAILABLE, INTERNAL_ACTIVITY_ERROR, PROJECTION_REJECTED } from '@anjian/contracts';
import { classifyProjectionError, sqlState } from '@anjian/persistence';

/**
 * An unexpected error is a bug: it must be seen. Logged with its stack through the activity
 * logger (when running inside an activity) and on stderr, then retried within the bounded policy.
 */
export function reportBug(activity: string, err: unknown): void {
  const stack = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
  try {
    Context.current().log.error(`BUG in activity ${activity}`, { error: stack });
  } catch {
    // not inside an activity (unit tests call the functions directly)
  }
  console.error(`[anjian] BUG in activity ${activity}: ${stack}`);
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * A database failure as a typed Temporal failure: refused data is non-retryable (retrying cannot
 * fix it), an unreachable server is retryable (bounded by the caller's policy), anything else is a
 * bug (logged loudly, retryable).
 */
export function databaseFailure(activity: string, err: unknown, { rejectable }: { rejectable: boolean }): ApplicationFailure {
  const kind = classifyProjectionError(err);
  const code = sqlState(err) ?? null;
  if (kind === 'rejected' && rejectable) {
    return ApplicationFailure.create({
      type: PROJECTION_REJECTED,
      message: `PostgreSQL refused the data (SQLSTATE ${code}): ${messageOf(err)}`,
      details: [{ sqlState: code, activity }],
      nonRetryable: true,
    });
  }
  if (kind === 'transient') {
    return ApplicationFailure.create({
      type: DATABASE_UNAVAILABLE,
      message: `PostgreSQL is not reachable${code ? ` (${code})` : ''}: ${messageOf(err)}`,
      details: [{ activity }],
      nonRetryable: false,
    });
  }
  reportBug(activity, err);
  return ApplicationFailure.create({
    type: INTERNAL_ACTIVITY_ERROR,
    message: `${err instanceof Error ? err.name : 'Error'} in ${activity}: ${messageOf(err)}`,
    details: [{ activity }],
    nonRetryable: false,
    cause: err instanceof Error ? err : undefined,
  });
}
