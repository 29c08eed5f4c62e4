/**
 * Which answers an Idempotency-Key remembers (and replays), and which release the key so that the
 * same request can run again:
 * - success (2xx/3xx): remembered — the effect happened once, a retry must not repeat it;
 * - 5xx (including 503 on a deadline): released — nothing may have happened, or it will complete
 *   under the same Temporal update id, so a retry is safe and is what the user should do;
 * - 401/403/404: released — they depend on who asks and are decided afresh for the current caller;
 * - 408/425/429, a case still being opened, and the key's own "in flight" 409: released — transient;
 * - 422 for missing deadline configuration: released — once an administrator adds the rule, the same
 *   request should succeed;
 * - every other 4xx (400 invalid input, 409 action refused by the step, 413, 415, other 422):
 *   remembered — a verdict on this request; a replay gives the same verdict without re-running it.
 */
const TRANSIENT_STATUSES = new Set([401, 403, 404, 408, 425, 429]);
const TRANSIENT_PROBLEM_TYPES = new Set([
  '/problems/deadline-configuration',
  '/problems/case-not-ready',
  '/problems/idempotency-key-in-flight',
]);

export function keepsKey(status: number, problemType?: string): boolean {
  if (status < 400) return true;
  if (status >= 500) return false;
  if (TRANSIENT_STATUSES.has(status)) return false;
  return !(problemType && TRANSIENT_PROBLEM_TYPES.has(problemType));
}
