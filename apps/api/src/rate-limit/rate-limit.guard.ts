import type { ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerStorage } from '@nestjs/throttler';
import type { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Problem } from '../http/problem';

export type RateLimitKey = 'ip' | 'user';
/** The authentication guard puts the caller here (apps/api/src/auth). */
type Authenticated = Request & { principal?: { id: string } };

/**
 * One counter per client address ('ip', before authentication) or per signed-in user ('user', after
 * it: the Principal's id, never anything from an unverified token). Over the limit: 429 problem+json
 * with Retry-After in seconds. Counters live in this process (ThrottlerStorageService); several API
 * replicas each count their own share.
 */
export class RateLimitGuard extends ThrottlerGuard {
  constructor(
    private readonly by: RateLimitKey,
    limit: number,
    windowS: number,
    storage: ThrottlerStorage,
    reflector: Reflector,
  ) {
    super({ throttlers: [{ name: by, limit, ttl: windowS * 1000 }], setHeaders: false }, storage, reflector);
  }

  protected override async shouldSkip(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    return this.by === 'user' && !ctx.switchToHttp().getRequest<Authenticated>().principal;
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const r = req as unknown as Authenticated;
    return this.by === 'user' ? `user:${r.principal!.id}` : `ip:${r.ip ?? r.socket.remoteAddress ?? 'unknown'}`;
  }

  /** One counter per user or address across the whole API (the library's default counts per route handler). */
  protected override generateKey(_ctx: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }

  protected override async throwThrottlingException(_ctx: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const retryAfter = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    throw new Problem(
      429,
      'Too Many Requests',
      `more than ${detail.limit} requests in ${Math.round(detail.ttl / 1000)} s from this ${this.by === 'user' ? 'user' : 'address'}; retry after ${retryAfter} s`,
      { limit: detail.limit, windowSeconds: Math.round(detail.ttl / 1000), per: this.by },
      '/problems/rate-limited',
    ).withHeaders({ 'Retry-After': String(retryAfter) });
  }
}
