import type { Env } from '@anjian/config';
import type { Actor } from '@anjian/domain';
import { type IdempotencyScope, IdempotencyRepository, type StoredResponse } from '@anjian/persistence';
import { type CallHandler, type ExecutionContext, HttpException, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { actorFrom } from '../http/actor';
import { parse } from '../http/parse';
import { ACTION_NOT_APPLIED, Problem } from '../http/problem';
import { ENV, LOGGER } from '../infrastructure/tokens';
import { databaseProblem } from './database-unavailable';
import { IdempotencyHeaders } from './idempotency-key.schema';
import { keyInFlightProblem, keyReusedProblem, replayRefusedProblem } from './idempotency-problems';
import { attachIdempotency } from './idempotent-request';
import { keepsKey } from './keeps-key';
import { REPLAY_GUARD, type ReplayGuard } from './replay-guard';
import { requestHash } from './request-fingerprint';

/** Methods whose retries need a key; GET/PUT/DELETE are idempotent by HTTP semantics. */
const UNSAFE_METHODS = new Set(['POST', 'PATCH']);
/** How long a request may hold its key before a retry may take it over (its holder is presumed dead). */
const LOCK_MS = 120_000;
const REPLAYED = 'Idempotent-Replayed';
/** Response headers worth replaying. */
const REPLAYED_HEADERS = ['location', 'content-location'];

interface StoredProblem {
  title: string;
  detail?: string;
  type: string;
  extensions: Record<string, unknown>;
  headers: Record<string, string>;
}

/**
 * Idempotency-Key for every POST (and PATCH), for any controller: the key is claimed in PostgreSQL
 * before the handler runs, scoped per actor id, method and route, together with the hash of the
 * canonical request. Then:
 * - same key, same request, first one finished → its stored answer, with `Idempotent-Replayed: true`,
 *   after the route's replay guard has checked access for the current caller;
 * - same key, different request → 422; same key while the first is still running → 409 (Retry-After);
 * - the answer is stored or the key released according to keepsKey (5xx always releases).
 * Use cases read the key and hash with idempotencyOf(req) to derive Temporal ids from them.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private lastPurge = 0;

  constructor(
    private readonly store: IdempotencyRepository,
    private readonly reflector: Reflector,
    private readonly moduleRef: ModuleRef,
    @Inject(ENV) private readonly env: Env,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const req = ctx.switchToHttp().getRequest<Request>();
    if (!UNSAFE_METHODS.has(req.method) || req.headers['idempotency-key'] === undefined) return next.handle();
    return from(this.run(ctx, req, ctx.switchToHttp().getResponse<Response>(), next));
  }

  private async run(ctx: ExecutionContext, req: Request, res: Response, next: CallHandler): Promise<unknown> {
    const { 'idempotency-key': key } = parse(IdempotencyHeaders, { 'idempotency-key': req.headers['idempotency-key'] }, 'headers');
    const actor = actorFrom(req);
    const route = (req.route as { path?: string } | undefined)?.path ?? `${ctx.getClass().name}.${ctx.getHandler().name}`;
    const scope: IdempotencyScope = { actorId: actor.id, method: req.method, route, key: key! };
    const hash = requestHash({ method: req.method, path: req.path, query: req.query, body: req.body });

    const begun = await this.db(() =>
      this.store.begin(
        scope,
        hash,
        { role: actor.role, jurisdiction: actor.jurisdiction },
        { lockMs: LOCK_MS, retentionMs: this.env.IDEMPOTENCY_RETENTION_HOURS * 3_600_000 },
      ),
    );
    this.purgeNowAndThen();
    switch (begun.kind) {
      case 'mismatch':
        throw keyReusedProblem(key!);
      case 'in_flight':
        throw keyInFlightProblem(key!, Math.max(1, Math.min(5, Math.ceil((begun.lockedUntil.getTime() - Date.now()) / 1000))));
      case 'completed':
        await this.checkReplay(ctx, actor, req, begun);
        return this.replay(res, begun.response);
    }

    attachIdempotency(req, { key: key!, requestHash: hash, updateGeneration: begun.updateGeneration });
    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (err) {
      const { status, type } = outcomeOf(err);
      if (keepsKey(status, type) && err instanceof Problem) {
        const stored: StoredProblem = {
          title: err.title,
          detail: err.detail,
          type: err.type,
          extensions: err.extensions,
          headers: err.headers,
        };
        await this.quietly(() => this.store.complete(scope, begun.attempt, { status, body: stored, headers: {} }));
      } else if (err instanceof Problem && err.type === ACTION_NOT_APPLIED) {
        await this.quietly(() => this.store.retryWithNextGeneration(scope, begun.attempt));
      } else {
        await this.quietly(() => this.store.release(scope, begun.attempt));
      }
      throw err;
    }
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = res.getHeader(name);
      if (typeof value === 'string') headers[name] = value;
    }
    // If storing fails the key stays in flight until its lock passes; a retry then re-runs the request,
    // which the use cases make safe (same case id, same Temporal update id).
    await this.quietly(() =>
      this.store.complete(scope, begun.attempt, {
        status: res.statusCode,
        body: body === undefined ? null : JSON.parse(JSON.stringify(body)),
        headers,
      }),
    );
    return body;
  }

  /** Access is checked on every answer: the route's guard, or (without one) the very same identity. */
  private async checkReplay(
    ctx: ExecutionContext,
    actor: Actor,
    req: Request,
    stored: { response: StoredResponse; identity: { role: string; jurisdiction: string } },
  ): Promise<void> {
    const guardType = this.reflector.getAllAndOverride<ReplayGuard | undefined>(REPLAY_GUARD, [ctx.getHandler(), ctx.getClass()]);
    if (guardType) {
      const guard = this.moduleRef.get<ReplayGuard>(guardType as never, { strict: false });
      await this.db(() => guard.check(actor, req, stored.response));
      return;
    }
    if (stored.identity.role !== actor.role || stored.identity.jurisdiction !== actor.jurisdiction) throw replayRefusedProblem();
  }

  private replay(res: Response, stored: StoredResponse): unknown {
    res.setHeader(REPLAYED, 'true');
    if (stored.status >= 400) {
      const p = stored.body as StoredProblem;
      throw new Problem(stored.status, p.title, p.detail, p.extensions, p.type).withHeaders({ ...p.headers, [REPLAYED]: 'true' });
    }
    for (const [name, value] of Object.entries(stored.headers)) res.setHeader(name, value);
    res.status(stored.status);
    return stored.body;
  }

  /** A store call; PostgreSQL not answering becomes the usual 503. */
  private async db<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw databaseProblem(err, this.env.DATABASE_STATEMENT_TIMEOUT_MS) ?? err;
    }
  }

  /** Bookkeeping after the answer is decided: a failure is logged, never turned into another answer. */
  private async quietly(fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      this.log.warn({ err }, 'idempotency store not updated; the key stays in flight until its lock passes');
    }
  }

  /** Keys past their retention are purged at most once a minute, off the request's path. */
  private purgeNowAndThen(): void {
    if (Date.now() - this.lastPurge < 60_000) return;
    this.lastPurge = Date.now();
    this.store.purgeExpired().catch((err: unknown) => this.log.warn({ err }, 'idempotency purge failed'));
  }
}

function outcomeOf(err: unknown): { status: number; type?: string } {
  if (err instanceof Problem) return { status: err.status, type: err.type };
  if (err instanceof HttpException) return { status: err.getStatus() };
  return { status: 500 };
}
