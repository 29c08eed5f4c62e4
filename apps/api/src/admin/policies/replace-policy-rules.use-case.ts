import type { Actor, PolicyRule } from '@anjian/domain';
import { PolicyVersionRepository } from '@anjian/persistence';
import { Injectable } from '@nestjs/common';
import { validationProblem } from '../../http/problem';
import { policyNotFound, policyProblem, publishedIsImmutable } from './policy-problems';
import { ruleSetIssues } from './policy-rule-checks';
import { policyDetail } from './policy-version-view';

/** Replaces a draft's whole rule set (the editor sends all rules; the audit keeps before and after). */
@Injectable()
export class ReplacePolicyRulesUseCase {
  constructor(private readonly policies: PolicyVersionRepository) {}

  async execute(actor: Actor, version: number, rules: PolicyRule[], reason: string) {
    const current = await this.policies.get(version);
    if (!current) throw policyNotFound(version);
    // Checked before validation: a published version is refused whatever the rules say.
    if (current.status === 'published') throw publishedIsImmutable(version);
    const issues = ruleSetIssues(rules, 'body.rules');
    if (issues.length) throw validationProblem('body', issues);
    try {
      return policyDetail(await this.policies.replaceDraftRules(version, rules, actor, reason), null);
    } catch (err) {
      throw policyProblem(err);
    }
  }
}
