import type { Actor, PolicyRule } from '@anjian/domain';
import { PolicyVersionRepository } from '@anjian/persistence';
import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { validationProblem } from '../../http/problem';
import type { CreatePolicyDraftBody } from './policy-admin.schemas';
import { policyProblem } from './policy-problems';
import { ruleSetIssues } from './policy-rule-checks';
import { policyDetail } from './policy-version-view';

/** A new draft (草稿), usually a copy of the version in force to edit; drafts affect no case. */
@Injectable()
export class CreatePolicyDraftUseCase {
  constructor(private readonly policies: PolicyVersionRepository) {}

  async execute(actor: Actor, body: z.infer<typeof CreatePolicyDraftBody>) {
    let rules: PolicyRule[] = body.rules ?? [];
    if (body.basedOn !== undefined) {
      const base = await this.policies.get(body.basedOn);
      if (!base) throw validationProblem('body', [{ path: 'body.basedOn', message: `no policy version ${body.basedOn}` }]);
      rules = body.rules ?? base.rules;
    }
    // A copied rule set was valid when published; only rules the administrator wrote need checking now
    // (publishing checks the whole set again against the catalogs of that day).
    if (body.rules) {
      const issues = ruleSetIssues(body.rules, 'body.rules');
      if (issues.length) throw validationProblem('body', issues);
    }
    try {
      const draft = await this.policies.createDraft({ label: body.label, rules, basedOn: body.basedOn ?? null }, actor, body.reason);
      return policyDetail(draft, null);
    } catch (err) {
      throw policyProblem(err);
    }
  }
}
