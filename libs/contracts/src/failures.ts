/**
 * Failure types a case workflow's updates (and the workflow itself) end with. The API maps each to
 * its HTTP answer; anything else is a bug (500). See docs/projection-and-integrity.md.
 */

/**
 * PostgreSQL refused the projection's data (SQLSTATE class 22, 23 or 42, e.g. a NUL in text):
 * retrying cannot help. The action is refused and the case is left exactly as it was (API: 422).
 * details[0]: { sqlState, activity }.
 */
export const PROJECTION_REJECTED = 'ProjectionRejected';

/**
 * PostgreSQL did not answer within the bounded retries (connection refused, shutting down, 08xxx,
 * 57P01…). The action had no effect; the same request may be retried later (API: 503 + Retry-After).
 * details[0]: { activity }.
 */
export const DATABASE_UNAVAILABLE = 'DatabaseUnavailable';

/**
 * An activity failed in an unexpected way (a bug: TypeError, RangeError, …) and still failed after
 * its bounded retries. It was logged with its stack by the worker (API: 500).
 */
export const INTERNAL_ACTIVITY_ERROR = 'InternalActivityError';

/**
 * The workflow could not open the case (e.g. no policy rule for its sector and step): it ends with
 * this type, nothing was projected, and the `opened` update fails with the cause's own type
 * (DEADLINE_CONFIGURATION for missing configuration, naming what is missing).
 */
export const CASE_NOT_OPENED = 'CaseNotOpened';
