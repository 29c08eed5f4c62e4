import type { Principal } from '@anjian/domain';
import type { Request } from 'express';
import { Problem } from '../http/problem';

/**
 * The Principal the authentication guard (apps/api/src/auth, a global guard, so it runs before the
 * route-level AccessGuard) resolved from the bearer token and the user directory on this request.
 * Without one the route was not authenticated — a guard-order mistake, never a reason to guess: 401.
 * (The same as http/actor.ts principalFrom; kept here so that access control compiles on its own.)
 */
export function callerOf(req: Request): Principal {
  const principal = (req as Request & { principal?: Principal }).principal;
  if (!principal)
    throw new Problem(401, 'Unauthorized', 'this endpoint needs a bearer token', {}, '/problems/unauthenticated').withHeaders({
      'WWW-Authenticate': 'Bearer realm="anjian"',
    });
  return principal;
}
