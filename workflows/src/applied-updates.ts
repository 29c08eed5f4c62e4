/**
 * Updates a workflow has applied, carried across continue-as-new. Temporal deduplicates an update id
 * within one run only: a client that retries an update with the same id (the API sends the request's
 * Idempotency-Key as the update id) after the run continued as new would otherwise have it applied a
 * second time. Within a run Temporal never delivers an id twice, so a handler that consults this list
 * behaves exactly as before on every recorded history.
 */

/** The newest entries kept, so the carried input stays small (a few kB). */
export const APPLIED_UPDATES_KEPT = 200;

/** `entries` with `entry` appended unless its id is already there; the oldest leave beyond `kept`. */
export function rememberUpdate<T>(entries: readonly T[], entry: T, idOf: (e: T) => string, kept = APPLIED_UPDATES_KEPT): readonly T[] {
  const id = idOf(entry);
  if (entries.some((e) => idOf(e) === id)) return entries;
  return [...entries, entry].slice(-kept);
}
