import { actorOfPrincipal, coversJurisdiction, type Principal } from '@anjian/domain';
import { DirectoryRepository, type Jurisdiction, recordAdminChange } from '@anjian/persistence';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { Problem, validationProblem } from '../../http/problem';
import { DATA_SOURCE } from '../../infrastructure/tokens';
import type { CreateJurisdictionBody } from './jurisdictions-admin.schemas';

/**
 * The 行政区划 table as administrators see it. Reading: any administrator. Adding a division: a
 * national administrator (decided by the AccessGuard, @Access('configure_jurisdictions')), under an
 * existing parent whose subtree the code lies in (140100 → 1401xx), audited with the reason.
 */
@Injectable()
export class JurisdictionsAdminUseCase {
  constructor(@Inject(DATA_SOURCE) private readonly db: DataSource) {}

  list(): Promise<Jurisdiction[]> {
    return new DirectoryRepository(this.db).listJurisdictions();
  }

  async create(caller: Principal, body: CreateJurisdictionBody): Promise<Jurisdiction> {
    const { reason, ...j } = body;
    if (j.code === j.parent || !coversJurisdiction(j.parent, j.code))
      throw validationProblem('body', [{ path: 'body.code', message: `must lie in the subtree of its parent ${j.parent}` }]);
    return this.db.transaction(async (m) => {
      const dir = new DirectoryRepository(m);
      if (!(await dir.findJurisdiction(j.parent)))
        throw validationProblem('body', [{ path: 'body.parent', message: `jurisdiction ${j.parent} does not exist` }]);
      if ((await dir.addMissingJurisdictions([j])) === 0)
        throw new Problem(409, 'Conflict', `jurisdiction ${j.code} already exists`, {}, '/problems/jurisdiction-exists');
      await recordAdminChange(m, {
        entity: 'jurisdiction',
        entityId: j.code,
        action: 'create',
        actor: actorOfPrincipal(caller),
        reason,
        before: null,
        after: j,
      });
      return j;
    });
  }
}
