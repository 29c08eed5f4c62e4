import type { Actor, CaseEventRecord, CaseRecord } from '@anjian/domain';
import { CaseRepository } from '@anjian/persistence';
import { Injectable } from '@nestjs/common';
import { assertCaseAccess } from './case-access';

/** Reads come from PostgreSQL (the projection), never from workflow history. */
@Injectable()
export class CaseQueriesUseCase {
  constructor(private readonly cases: CaseRepository) {}

  async get(actor: Actor, id: string): Promise<CaseRecord> {
    return assertCaseAccess(actor, await this.cases.findById(id), 'read', id);
  }

  async events(actor: Actor, id: string): Promise<CaseEventRecord[]> {
    await this.get(actor, id);
    return this.cases.listEvents(id);
  }

  async integrity(actor: Actor, id: string) {
    await this.get(actor, id);
    return this.cases.verifyChain(id);
  }
}
