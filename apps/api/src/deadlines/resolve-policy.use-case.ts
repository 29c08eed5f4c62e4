import { DeadlineService } from '@anjian/activities';
import { type Actor, type HazardGrade, resolvePolicy } from '@anjian/domain';
import { DirectoryRepository } from '@anjian/persistence';
import { Injectable } from '@nestjs/common';
import { assertKnownJurisdiction } from '../directory/known-jurisdiction';
import { Problem, validationProblem } from '../http/problem';
import { queryCatalogIssues } from './catalog-checks';
import { deadlineProblem } from './deadline-problems';
import type { ResolvePolicyQuery } from './deadline.schemas';
import { candidateView, versionRef } from './deadline-view';

/** "Which rule applies to this step here, and why?" — the resolution alone, without counting days. */
@Injectable()
export class ResolvePolicyUseCase {
  constructor(
    private readonly deadlines: DeadlineService,
    private readonly directory: DirectoryRepository,
  ) {}

  /**
   * `GET /policies/resolve`: like POST /cases, a jurisdiction asked about must exist in the 行政区划
   * table (an unknown one would be answered with the national rules as if it were a real division).
   */
  async lookup(actor: Actor, q: ResolvePolicyQuery) {
    const issues = queryCatalogIssues(q, 'query');
    if (issues.length) throw validationProblem('query', issues);
    await assertKnownJurisdiction(this.directory, q.jurisdiction, 'query.jurisdiction');
    return this.execute(actor, q);
  }

  /** The resolution, for a lookup or for a case's own jurisdiction (a stored case is not checked again). */
  async execute(actor: Actor, q: ResolvePolicyQuery) {
    const issues = queryCatalogIssues(q, 'query');
    if (issues.length) throw validationProblem('query', issues);
    const jurisdiction = q.jurisdiction ?? actor.jurisdiction;
    let version;
    try {
      version = await this.deadlines.policyVersion(q.policyVersion ?? null, new Date());
    } catch (err) {
      throw deadlineProblem(err, { version: 'query.policyVersion' });
    }
    if (version.status === 'draft' && actor.role !== 'administrator') {
      throw new Problem(403, 'Forbidden', `policy version ${version.version} is a draft; only administrators can read drafts`);
    }
    const resolution = resolvePolicy(version.rules, {
      procedure: q.procedure,
      step: q.step,
      sector: q.sector,
      jurisdiction,
      grade: q.grade as HazardGrade | undefined,
    });
    return {
      policyVersion: versionRef(version),
      query: { sector: q.sector, procedure: q.procedure, step: q.step, jurisdiction, grade: q.grade ?? null },
      found: resolution.found,
      ruleIndex: resolution.found ? resolution.index : null,
      rule: resolution.found ? resolution.rule : null,
      reasons: resolution.reasons,
      candidates: resolution.candidates.map(candidateView),
      warnings: resolution.found ? resolution.warnings : [],
    };
  }
}
