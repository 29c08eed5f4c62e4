import type { Actor } from '@anjian/domain';
import { PolicyVersionRepository } from '@anjian/persistence';
import { Injectable } from '@nestjs/common';
import { Problem } from '../../http/problem';
import { policyNotFound, policyProblem, publishedIsImmutable } from './policy-problems';

// PostgreSQL foreign_key_violation: another version names this draft as its basedOn.
const isReferenced = (err: unknown) => (err as { driverError?: { code?: string } }).driverError?.code === '23503';

/** Discards a draft; the audit trail keeps what it contained. Published versions are history and stay. */
@Injectable()
export class DeletePolicyDraftUseCase {
  constructor(private readonly policies: PolicyVersionRepository) {}

  async execute(actor: Actor, version: number, reason: string): Promise<void> {
    const current = await this.policies.get(version);
    if (!current) throw policyNotFound(version);
    if (current.status === 'published') throw publishedIsImmutable(version);
    try {
      await this.policies.deleteDraft(version, actor, reason);
    } catch (err) {
      if (isReferenced(err))
        throw new Problem(
          409,
          'Conflict',
          `policy version ${version} is the basis of another version; delete that one first`,
          {},
          '/problems/policy-conflict',
        );
      throw policyProblem(err);
    }
  }
}
