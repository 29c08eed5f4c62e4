import {
  type AccessRequest,
  actorOfPrincipal,
  type CaseScopedOperation,
  type Decision,
  decideAccess,
  type Principal,
} from '@anjian/domain';
import { recordAdminChange } from '@anjian/persistence';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { Problem } from '../http/problem';
import { DATA_SOURCE, LOGGER } from '../infrastructure/tokens';
import { AccessFacts } from './access-facts';

/** What a refused request was about, for the log, the audit trail and the 404's wording. */
export interface AccessSubject {
  /** e.g. 'case', 'user', 'approval'; absent for area and configuration operations. */
  kind?: 'case' | 'user';
  id?: string;
  method: string;
  route: string;
}

/**
 * Applies the policy (libs/domain/src/access) and, on a refusal, says so three ways: a warning in the
 * log (who, what, why; never a token, a name or a request body), a row in the audit log
 * (admin_changes, entity 'access_denial'), and the Problem the caller gets: 404 when the thing is out
 * of their reach (the same answer as for a thing that does not exist), 403 when their role may not.
 */
@Injectable()
export class AccessDecider {
  constructor(
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    @Inject(LOGGER) private readonly log: Logger,
    private readonly facts: AccessFacts,
  ) {}

  async decide(principal: Principal, request: AccessRequest, subject: AccessSubject): Promise<Decision> {
    const decision = decideAccess(principal, request);
    if (!decision.allowed) await this.recordDenial(principal, request.operation, subject, decision);
    return decision;
  }

  /**
   * One operation on many cases at once (bulk reassignment, after @Access('reassign_many') let the
   * role through): each case decided like a single request, facts read in one query; the refusals
   * logged and audited like any other. Ids that do not exist come back as 404 too.
   */
  async decideCases(
    principal: Principal,
    operation: CaseScopedOperation,
    caseIds: readonly string[],
    subject: Omit<AccessSubject, 'kind' | 'id'>,
  ): Promise<Map<string, Decision>> {
    const facts = await this.facts.manyCaseFacts(caseIds);
    const out = new Map<string, Decision>();
    for (const id of new Set(caseIds))
      out.set(id, await this.decide(principal, { operation, case: facts.get(id) ?? null }, { ...subject, kind: 'case', id }));
    return out;
  }

  /** Decides, and throws the caller's Problem on a refusal. */
  async enforce(principal: Principal, request: AccessRequest, subject: AccessSubject): Promise<void> {
    const decision = await this.decide(principal, request, subject);
    if (!decision.allowed) throw deniedProblem(decision, subject);
  }

  private async recordDenial(
    principal: Principal,
    operation: string,
    subject: AccessSubject,
    decision: Extract<Decision, { allowed: false }>,
  ): Promise<void> {
    const resource = subject.kind && subject.id ? `${subject.kind}:${subject.id}` : subject.route;
    this.log.warn(
      {
        access: {
          user: principal.id,
          role: principal.role,
          jurisdiction: principal.jurisdiction,
          operation,
          method: subject.method,
          route: subject.route,
          resource,
          status: decision.status,
          reason: decision.reason,
        },
      },
      'access denied',
    );
    try {
      await recordAdminChange(this.db.manager, {
        entity: 'access_denial',
        entityId: resource,
        action: operation,
        actor: actorOfPrincipal(principal),
        reason: decision.reason,
        before: undefined, // SQL NULL: there is no state before a refusal
        after: { status: decision.status, method: subject.method, route: subject.route },
      });
    } catch (err) {
      // The refusal stands whether or not it could be written down.
      this.log.warn({ err: { message: (err as Error).message } }, 'access denial not written to the audit log');
    }
  }
}

export function deniedProblem(decision: Extract<Decision, { allowed: false }>, subject: Pick<AccessSubject, 'kind' | 'id'>): Problem {
  if (decision.status === 404)
    return new Problem(404, 'Not Found', subject.kind && subject.id ? `no ${subject.kind} ${subject.id}` : 'not found');
  return new Problem(
    403,
    'Forbidden',
    decision.reason,
    decision.path ? { errors: [{ path: decision.path, message: decision.reason }] } : {},
    '/problems/forbidden',
  );
}
