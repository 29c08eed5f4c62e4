import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { match } from 'path-to-regexp';
import { Problem } from './problem';
import { sendProblem } from './problem-response';

interface RouteLayer {
  route?: { path: unknown; methods: Record<string, boolean> };
}

interface KnownRoute {
  matches: (path: string) => boolean;
  methods: string[];
  /** No parameter in the path (`/cases/reassignments`, not `/cases/:id`). */
  literal: boolean;
}

/** The routes Nest registered on the Express router (read once, after the app is initialised). */
function knownRoutes(stack: readonly unknown[]): KnownRoute[] {
  const byPath = new Map<string, Set<string>>();
  for (const layer of stack as RouteLayer[]) {
    if (!layer.route || typeof layer.route.path !== 'string') continue;
    const methods = byPath.get(layer.route.path) ?? new Set<string>();
    for (const [m, on] of Object.entries(layer.route.methods)) if (on && m !== '_all') methods.add(m.toUpperCase());
    byPath.set(layer.route.path, methods);
  }
  return [...byPath].map(([path, methods]) => {
    const test = match(path, { decode: false, end: true, trailing: true, sensitive: false });
    if (methods.has('GET')) methods.add('HEAD');
    return { matches: (p: string) => test(p) !== false, methods: [...methods].sort(), literal: !/[:*]/.test(path) };
  });
}

/**
 * An unknown method on a known path (DELETE /cases/<id>, PUT /health) is 405 with the methods the
 * path does allow in `Allow` (RFC 9110 §15.5.6), not a 404 that suggests the resource is missing.
 * OPTIONS on a known path answers 204 with the same Allow.
 */
export function methodNotAllowed(routerStack: () => readonly unknown[]): RequestHandler {
  let routes: KnownRoute[] | undefined;
  return (req: Request, res: Response, next: NextFunction) => {
    routes ??= knownRoutes(routerStack());
    const matching = routes.filter((r) => r.matches(req.path));
    // A path the API names literally is that resource, not a value of another route's parameter:
    // GET /cases/reassignments is 405 (only POST there), not a 400 for an invalid case id.
    const candidates = matching.some((r) => r.literal) ? matching.filter((r) => r.literal) : matching;
    if (candidates.length === 0) return next();
    const allowed = [...new Set(candidates.flatMap((r) => r.methods))].sort();
    if (allowed.includes(req.method)) return next();
    const allow = [...allowed, 'OPTIONS'].join(', ');
    if (req.method === 'OPTIONS') {
      res.setHeader('Allow', allow);
      res.status(204).end();
      return;
    }
    sendProblem(
      req,
      res,
      new Problem(
        405,
        'Method Not Allowed',
        `${req.method} is not allowed on ${req.path}; allowed: ${allow}`,
        { allowedMethods: allowed },
        '/problems/method-not-allowed',
      ).withHeaders({ Allow: allow }),
    );
  };
}
