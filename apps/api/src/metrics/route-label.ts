/**
 * The route label of an HTTP request: the matched route template (`/cases/:id/report`), never the
 * raw URL, so that ids and probes cannot create unbounded label values. Requests no route matched
 * (404s, 405s, body-parser refusals) share one label.
 */
export const UNMATCHED_ROUTE = 'unmatched';

export function routeLabel(req: { route?: { path?: unknown }; baseUrl?: string }): string {
  const path = req.route?.path;
  if (typeof path !== 'string') return UNMATCHED_ROUTE;
  return `${req.baseUrl ?? ''}${path}` || '/';
}

/** Status classes of methods outside the known set collapse too (a fuzzer sends `FOO`). */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
export function methodLabel(method: string | undefined): string {
  const m = (method ?? '').toUpperCase();
  return METHODS.has(m) ? m : 'OTHER';
}
