import { type Actor, mayPublishPolicy, PolicyRule } from '@anjian/domain';
import { PolicyVersionRepository } from '@anjian/persistence';
import { Injectable } from '@nestjs/common';
import { validationProblem } from '../../http/problem';
import { publishRequiresNational } from '../administrator';
import { policyNotFound, policyProblem, publishedIsImmutable } from './policy-problems';
import { coverageIssues, ruleSetIssues } from './policy-rule-checks';
import { policyDetail } from './policy-version-view';

/**
 * Publishes a draft (发布): from `effectiveFrom` on, new cases pin it; running cases keep their
 * version until an administrator migrates them. The whole rule set is checked again here — schema,
 * catalogs (which may have changed since the draft was written), duplicate scopes, and that every
 * timed step has a fallback rule — because after this it can never change. A published version applies
 * nationwide, so only a national administrator (000000) may publish; regional administrators write drafts.
 */
@Injectable()
export class PublishPolicyUseCase {
  constructor(private readonly policies: PolicyVersionRepository) {}

  async execute(actor: Actor, version: number, effectiveFrom: Date, reason: string) {
    if (!mayPublishPolicy(actor)) throw publishRequiresNational(actor, version);
    const draft = await this.policies.get(version);
    if (!draft) throw policyNotFound(version);
    if (draft.status === 'published') throw publishedIsImmutable(version);
    const schemaIssues = draft.rules.flatMap((rule, i) =>
      (PolicyRule.safeParse(rule).error?.issues ?? []).map((issue) => ({
        path: ['rules', i, ...issue.path.map(String)].join('.'),
        message: issue.message,
      })),
    );
    const issues = [...schemaIssues, ...ruleSetIssues(draft.rules, 'rules'), ...coverageIssues(draft.rules, 'rules')];
    if (issues.length) throw validationProblem(`policy version ${version}`, issues);
    try {
      const published = await this.policies.publish(version, effectiveFrom, actor, reason);
      const inForce = await this.policies.inForceAt(new Date());
      return policyDetail(published, inForce?.version ?? null);
    } catch (err) {
      throw policyProblem(err);
    }
  }
}
