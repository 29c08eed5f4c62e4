/**
 * Wraps a loader so that its value is reused for `ttlMs` and concurrent callers share one call in
 * flight: however often Prometheus (or several of them) scrape, PostgreSQL sees at most one query
 * per `ttlMs`. A failed load is not cached.
 */
export function cachedSingleFlight<T>(load: () => Promise<T>, ttlMs: number, now: () => number = Date.now): () => Promise<T> {
  let value: { at: number; v: T } | undefined;
  let inFlight: Promise<T> | undefined;
  return () => {
    if (value && now() - value.at < ttlMs) return Promise.resolve(value.v);
    inFlight ??= load()
      .then((v) => {
        value = { at: now(), v };
        return v;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };
}
