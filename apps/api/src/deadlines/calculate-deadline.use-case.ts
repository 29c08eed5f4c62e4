import { DeadlineService } from '@anjian/activities';
import type { Actor } from '@anjian/domain';
import { DirectoryRepository } from '@anjian/persistence';
import { Injectable } from '@nestjs/common';
import { assertKnownJurisdiction } from '../directory/known-jurisdiction';
import { Problem, validationProblem } from '../http/problem';
import { queryCatalogIssues } from './catalog-checks';
import { deadlineProblem } from './deadline-problems';
import type { CalculateByDurationBody, CalculateByPolicyBody } from './deadline.schemas';
import { calculationView } from './deadline-view';

/**
 * The deadline calculator (期限计算器). It goes through the same DeadlineService the worker arms case
 * deadlines with, so what an officer sees here is what a case would get.
 */
@Injectable()
export class CalculateDeadlineUseCase {
  constructor(
    private readonly deadlines: DeadlineService,
    private readonly directory: DirectoryRepository,
  ) {}

  async byPolicy(actor: Actor, body: CalculateByPolicyBody) {
    const issues = queryCatalogIssues(body, 'body');
    if (issues.length) throw validationProblem('body', issues);
    // Like POST /cases: the division must exist (its calendar and the rules for it are what is counted).
    await assertKnownJurisdiction(this.directory, body.jurisdiction, 'body.jurisdiction');
    const jurisdiction = body.jurisdiction ?? actor.jurisdiction;
    const start = new Date(body.start);
    try {
      const version = await this.deadlines.policyVersion(body.policyVersion ?? null, start);
      // Drafts are an administrator's work in progress; other roles see only published rules.
      if (version.status === 'draft' && actor.role !== 'administrator') {
        throw new Problem(403, 'Forbidden', `policy version ${version.version} is a draft; only administrators can calculate with drafts`);
      }
      const computed = await this.deadlines.forPolicy(
        { procedure: body.procedure, step: body.step, sector: body.sector, jurisdiction, hazardGrade: body.grade, start },
        version,
      );
      return calculationView(jurisdiction, computed.result, computed);
    } catch (err) {
      throw deadlineProblem(err, { start: 'body.start', version: 'body.policyVersion' });
    }
  }

  async byDuration(actor: Actor, body: CalculateByDurationBody) {
    await assertKnownJurisdiction(this.directory, body.jurisdiction, 'body.jurisdiction');
    const jurisdiction = body.jurisdiction ?? actor.jurisdiction;
    try {
      const result = await this.deadlines.forDuration({
        start: new Date(body.start),
        duration: body.duration,
        cutoff: body.cutoff,
        rollOverRestDay: body.rollOverRestDay,
        jurisdiction,
      });
      return calculationView(jurisdiction, result);
    } catch (err) {
      throw deadlineProblem(err, { start: 'body.start' });
    }
  }
}
