import type { Env } from '@anjian/config';
import { type AccessRequest, CASE_OPERATIONS, type CaseScopedOperation, JurisdictionCode, SectorId } from '@anjian/domain';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { z } from 'zod';
import { parse } from '../http/parse';
import { databaseProblem } from '../idempotency/database-unavailable';
import { ENV } from '../infrastructure/tokens';
import { AccessDecider, type AccessSubject } from './access-decider';
import { ACCESS, type RouteAccess } from './access.decorator';
import { AccessFacts } from './access-facts';
import { callerOf } from './caller';
import { Uuid } from '../http/uuid';

const DECIDED = Symbol('access-decided');
const isCaseOperation = (op: string): op is CaseScopedOperation => (CASE_OPERATIONS as readonly string[]).includes(op);
/** A body field the policy judges, if it is well-formed; otherwise validation answers it (400) in the handler. */
const wellFormed = <T>(schema: z.ZodType<T>, value: unknown): T | undefined => {
  const r = schema.safeParse(value);
  return r.success ? r.data : undefined;
};

/**
 * The one access guard. Every route declares its operation with @Access(...); this guard decides the
 * request once, before the handler (and before the idempotency interceptor, so a replayed answer is
 * checked against the caller as they are now), from the caller (user directory), the operation and
 * the facts of what the route names (the case's jurisdiction and sector, the approval's approver, the
 * managed user's jurisdiction), all read from PostgreSQL on this request. Handlers check nothing by hand.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly facts: AccessFacts,
    private readonly decider: AccessDecider,
    @Inject(ENV) private readonly env: Env,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const route = this.reflector.getAllAndOverride<RouteAccess | undefined>(ACCESS, [ctx.getHandler(), ctx.getClass()]);
    if (!route || ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<Request & { [DECIDED]?: boolean }>();
    if (req[DECIDED]) return true; // declared on both the class and the handler: decided once
    const principal = callerOf(req);
    const subject: AccessSubject = {
      method: req.method,
      route: (req.route as { path?: string } | undefined)?.path ?? req.path,
    };
    const request = await this.db(() => this.requestFor(route, req, subject));
    await this.db(() => this.decider.enforce(principal, request, subject));
    req[DECIDED] = true;
    return true;
  }

  /** What the policy is asked: the operation plus the facts of what the route names. */
  private async requestFor(route: RouteAccess, req: Request, subject: AccessSubject): Promise<AccessRequest> {
    const op = route.operation;
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (isCaseOperation(op)) {
      const param = route.caseParam ?? 'id';
      // The same 400 the handler's own parse would give: a malformed id never reaches the database.
      const id = parse(z.object({ [param]: Uuid }), { [param]: req.params[param] as unknown }, 'path')[param] as string;
      Object.assign(subject, { kind: 'case', id });
      const facts = await this.facts.caseFacts(id);
      const approvalId = req.params[route.approvalParam ?? 'approvalId'] as string | undefined;
      const approval = facts && op === 'approve' && approvalId ? await this.facts.approvalFacts(id, approvalId) : null;
      return { operation: op, case: facts, ...(approval ? { approval } : {}) };
    }
    switch (op) {
      case 'open':
        return {
          operation: 'open',
          case: { jurisdiction: wellFormed(JurisdictionCode, body['jurisdiction']), sector: wellFormed(SectorId, body['sector']) },
        };
      case 'configure_users': {
        const userId = req.params[route.userParam ?? 'id'] as string | undefined;
        const change = { jurisdiction: wellFormed(JurisdictionCode, body['jurisdiction']) };
        if (userId === undefined) return { operation: op, change };
        Object.assign(subject, { kind: 'user', id: userId });
        return { operation: op, target: await this.facts.userFacts(userId), change };
      }
      case 'configure_jurisdictions':
        return { operation: op, parent: wellFormed(JurisdictionCode, body['parent']) };
      case 'configure_calendars':
        return { operation: op };
      default:
        return { operation: op };
    }
  }

  private async db<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw databaseProblem(err, this.env.DATABASE_STATEMENT_TIMEOUT_MS) ?? err;
    }
  }
}
