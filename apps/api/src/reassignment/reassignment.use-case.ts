import { caseWorkflowId, reassignUpdate } from '@anjian/contracts';
import {
  actorOfPrincipal,
  coversJurisdiction,
  isLegacyWorkflow,
  type Principal,
  type ReassignableCase,
  reassignmentRefusal,
  type ReassignmentResult,
} from '@anjian/domain';
import { ReassignmentRepository } from '@anjian/persistence';
import { Injectable } from '@nestjs/common';
import { AccessDecider, type AccessSubject } from '../access/access-decider';
import { CaseTemporal } from '../cases/case-temporal';
import { Problem, validationProblem } from '../http/problem';
import type { ReassignBody } from './reassignment.schemas';

/** How many cases of a bulk request are in flight at once (each is one Temporal update). */
const PARALLEL = 8;

/**
 * Reassignment (改派) of one case or many. Each case is decided by the one access policy (reassign),
 * then by the pure reassignment rules (open case; an assignee who could act on it), then changed
 * through the case workflow's `reassign` update — or, for a legacy rectification case, which has no
 * such update, in the projection with an audit row (docs/worklists.md says why).
 */
@Injectable()
export class ReassignmentUseCase {
  constructor(
    private readonly repo: ReassignmentRepository,
    private readonly decider: AccessDecider,
    private readonly temporal: CaseTemporal,
  ) {}

  /**
   * The bulk route names no case, so the guard cannot decide it: asked here through the same policy,
   * before the body is read — "may this caller reassign a case of their own jurisdiction" — so a role
   * that may never reassign gets 403 (logged and audited like any refusal), whatever it sent.
   */
  async assertMayReassign(principal: Principal, route: { method: string; route: string }): Promise<void> {
    const ownArea = { jurisdiction: principal.jurisdiction, sector: principal.sectors[0] ?? 'any' };
    await this.decider.enforce(principal, { operation: 'reassign', case: ownArea }, route);
  }

  /** `caseIds` lists each case once (the body schema refuses a repeated id): one result per id, in order. */
  async many(principal: Principal, ids: readonly string[], body: ReassignBody, route: { method: string; route: string }) {
    const assignee = await this.assignee(principal, body.assigneeId);
    const cases = await this.repo.cases(ids);
    const results: ReassignmentResult[] = new Array(ids.length);
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const i = next++;
        const id = ids[i]!;
        results[i] = await this.one(principal, id, cases.get(id) ?? null, assignee, body.reason, { ...route, kind: 'case', id });
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, ids.length) }, worker));
    const summary = { reassigned: 0, not_found: 0, refused: 0, failed: 0 };
    for (const r of results) summary[r.status]++;
    return { results, summary };
  }

  /** One case: the route's access guard already decided reach and role. */
  async single(
    principal: Principal,
    caseId: string,
    body: ReassignBody,
    route: { method: string; route: string },
  ): Promise<ReassignmentResult> {
    const assignee = await this.assignee(principal, body.assigneeId);
    const facts = (await this.repo.cases([caseId])).get(caseId) ?? null;
    const result = await this.one(principal, caseId, facts, assignee, body.reason, { ...route, kind: 'case', id: caseId });
    if (result.status === 'not_found') throw new Problem(404, 'Not Found', `no case ${caseId}`);
    if (result.status === 'refused') throw new Problem(409, 'Conflict', result.reason, { caseId }, '/problems/reassignment-refused');
    if (result.status === 'failed') throw new Problem(503, 'Service Unavailable', result.reason).withHeaders({ 'Retry-After': '5' });
    return result;
  }

  /**
   * The assignee must exist, be active and lie in the caller's subtree; otherwise the whole request
   * is a 400 with one wording, so a user outside the caller's area is not revealed to exist.
   */
  private async assignee(principal: Principal, id: string) {
    const user = await this.repo.user(id);
    const inReach = user !== null && coversJurisdiction(principal.jurisdiction, user.jurisdiction);
    if (!user || !inReach || !user.active)
      throw validationProblem('body', [
        { path: 'body.assigneeId', message: `no active user ${id} in your jurisdiction ${principal.jurisdiction}` },
      ]);
    return user;
  }

  private async one(
    principal: Principal,
    caseId: string,
    facts: ReassignableCase | null,
    assignee: Principal & { active: boolean },
    reason: string,
    subject: AccessSubject,
  ): Promise<ReassignmentResult> {
    const decision = await this.decider.decide(principal, { operation: 'reassign', case: facts }, subject);
    if (!decision.allowed)
      return decision.status === 404 ? { caseId, status: 'not_found' } : { caseId, status: 'refused', reason: decision.reason };
    const c = facts!;
    const refusal = reassignmentRefusal(c, assignee);
    if (refusal) return { caseId, status: 'refused', reason: refusal };
    const done = (via: 'workflow' | 'projection'): ReassignmentResult => ({
      caseId,
      status: 'reassigned',
      previousAssigneeId: c.assigneeId,
      assigneeId: assignee.id,
      via,
    });
    const actor = actorOfPrincipal(principal);
    if (isLegacyWorkflow(caseId, c.workflowId)) {
      if (c.assigneeId === assignee.id) return done('projection');
      const changed = await this.repo.reassignLegacy(caseId, c.assigneeId, assignee.id, actor, reason);
      return changed
        ? done('projection')
        : { caseId, status: 'refused', reason: 'the case changed meanwhile (closed or reassigned by someone else); look again' };
    }
    try {
      await this.temporal.call('reassign', caseWorkflowId(caseId), () =>
        this.temporal.client.workflow
          .getHandle(caseWorkflowId(caseId))
          .executeUpdate(reassignUpdate, { args: [{ assigneeId: assignee.id, reason, actor }] }),
      );
      return done('workflow');
    } catch (err) {
      if (!(err instanceof Problem)) throw err;
      if (err.status === 404) return { caseId, status: 'not_found' };
      if (err.status >= 500) return { caseId, status: 'failed', reason: err.detail ?? err.title };
      return { caseId, status: 'refused', reason: err.detail ?? err.title };
    }
  }
}
