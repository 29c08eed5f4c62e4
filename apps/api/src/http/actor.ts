import { type Actor, actorOfPrincipal, type Principal } from '@anjian/domain';
import type { Request } from 'express';
import { missingToken } from '../auth/auth-problems';
import '../auth/principal-request';

/**
 * Who is calling, with what the directory says they may do: the Principal the authentication guard
 * (apps/api/src/auth) resolved from the bearer token and the user directory. A route that reaches here
 * without one was not authenticated (a public route, or a guard order mistake): 401, never a guess.
 */
export function principalFrom(req: Request): Principal {
  if (!req.principal) throw missingToken();
  return req.principal;
}

/** The caller as recorded on events and audit rows (the Principal without its sectors). */
export function actorFrom(req: Request): Actor {
  return actorOfPrincipal(principalFrom(req));
}
