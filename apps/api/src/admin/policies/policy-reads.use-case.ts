import { type Actor, coversJurisdiction, isNational } from '@anjian/domain';
import { listAdminChanges, PolicyVersionRepository } from '@anjian/persistence';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '../../infrastructure/tokens';
import { migrationEntityId } from '../migrations/migration-audit';
import { migrationCaseIds, visibleMigrationRows } from '../migrations/migration-visibility';
import { policyNotFound } from './policy-problems';
import { policyDetail, policySummary } from './policy-version-view';

/** Administrators' read side of policies: versions, one version's rules, and its audit trail. */
@Injectable()
export class PolicyReadsUseCase {
  constructor(
    private readonly policies: PolicyVersionRepository,
    @Inject(DATA_SOURCE) private readonly db: DataSource,
  ) {}

  async list() {
    const [versions, inForce] = await Promise.all([this.policies.list(), this.policies.inForceAt(new Date())]);
    return versions.map((v) => policySummary(v, inForce?.version ?? null));
  }

  async get(version: number) {
    const [v, inForce] = await Promise.all([this.policies.get(version), this.policies.inForceAt(new Date())]);
    if (!v) throw policyNotFound(version);
    return policyDetail(v, inForce?.version ?? null);
  }

  /**
   * Every change to the version, and every migration of running cases to it, oldest first. Migration
   * rows show only the cases inside the caller's jurisdiction subtree (see visibleMigrationRows).
   */
  async changes(actor: Actor, version: number) {
    const [own, migrations] = await Promise.all([
      listAdminChanges(this.db.manager, 'policy_version', String(version)),
      listAdminChanges(this.db.manager, 'case_migration', migrationEntityId.policy(version)),
    ]);
    // A deleted draft has no row but keeps its trail; only a version never seen at all is unknown.
    if (own.length === 0 && !(await this.policies.get(version))) throw policyNotFound(version);
    const visible = await this.reachableCases(actor, migrations.flatMap(migrationCaseIds));
    const shown = visibleMigrationRows(migrations, visible, actor.id);
    return [...own, ...shown].sort((a, b) => a.id - b.id);
  }

  /** Which of these cases the administrator's jurisdiction covers (a national one: all). */
  private async reachableCases(actor: Actor, caseIds: string[]): Promise<(caseId: string) => boolean> {
    if (isNational(actor.jurisdiction)) return () => true;
    const ids = [...new Set(caseIds)];
    const rows = ids.length
      ? ((await this.db.query('SELECT id::text AS id, jurisdiction FROM cases WHERE id = ANY($1::uuid[])', [ids])) as {
          id: string;
          jurisdiction: string;
        }[])
      : [];
    const reachable = new Set(rows.filter((r) => coversJurisdiction(actor.jurisdiction, r.jurisdiction)).map((r) => r.id));
    return (caseId) => reachable.has(caseId);
  }
}
