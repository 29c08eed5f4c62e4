import type { Env } from '@anjian/config';
import type { Principal } from '@anjian/domain';
import { DirectoryRepository } from '@anjian/persistence';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Logger } from 'pino';
import { databaseProblem } from '../idempotency/database-unavailable';
import { ENV, LOGGER } from '../infrastructure/tokens';
import { accountDisabled, invalidToken } from './auth-problems';
import { bearerToken } from './bearer-token';
import './principal-request';
import { PUBLIC_CONTROLLERS, PUBLIC_ROUTE } from './public-routes';
import { TokenVerifier } from './token-verifier';

/**
 * Authenticates every request except the public routes (public-routes.ts): a bearer token verified by
 * TokenVerifier names the user; the user directory (PostgreSQL, read on every request, no cache) says
 * what the user may do, so disabling a user or changing a role takes effect on the next request.
 * Unknown user → 401 (the token names nobody we know); disabled user → 403. The Principal goes on
 * `req.principal` (http/actor.ts: actorFrom, principalFrom). Never logs a token.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly directory: DirectoryRepository,
    private readonly reflector: Reflector,
    @Inject(ENV) private readonly env: Env,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    if (PUBLIC_CONTROLLERS.has(ctx.getClass())) return true;
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [ctx.getHandler(), ctx.getClass()])) return true;
    const req = ctx.switchToHttp().getRequest<Request>();
    req.principal = await this.authenticate(req);
    return true;
  }

  /** Also used before a guard can run: the upload middleware authenticates before it reads a file (raw-upload.middleware.ts). */
  async authenticate(req: Request): Promise<Principal> {
    const { username, issuer } = await this.verifier.verify(bearerToken(req.headers.authorization));
    let user;
    try {
      user = await this.directory.findUser(username);
    } catch (err) {
      const problem = databaseProblem(err, this.env.DATABASE_STATEMENT_TIMEOUT_MS);
      if (problem) {
        this.log.warn({ err: (err as Error)?.message }, 'PostgreSQL did not answer (user directory)');
        throw problem;
      }
      throw err;
    }
    if (!user) {
      this.log.warn({ user: username, issuer, path: req.path }, 'authentication refused: user not in the directory');
      throw invalidToken('the token names a user who is not in the user directory');
    }
    if (!user.active) {
      this.log.warn({ user: username, issuer, path: req.path }, 'authentication refused: account disabled');
      throw accountDisabled(username);
    }
    return { id: user.id, name: user.name, role: user.role, jurisdiction: user.jurisdiction, sectors: user.sectors };
  }
}
