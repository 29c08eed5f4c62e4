import type { Actor, PolicyRule } from '@anjian/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { recordAdminChange } from '../audit/admin-change.repository';

export interface PolicyVersion {
  version: number;
  label: string;
  status: 'draft' | 'published';
  effectiveFrom: string | null;
  rules: PolicyRule[];
  basedOn: number | null;
  createdBy: string;
  reason: string;
  createdAt: string;
  publishedAt: string | null;
}

interface Row {
  version: number;
  label: string;
  status: 'draft' | 'published';
  effective_from: Date | null;
  rules: PolicyRule[];
  based_on: number | null;
  created_by: string;
  reason: string;
  created_at: Date;
  published_at: Date | null;
}

const toVersion = (r: Row): PolicyVersion => ({
  version: r.version,
  label: r.label,
  status: r.status,
  effectiveFrom: r.effective_from?.toISOString() ?? null,
  rules: r.rules,
  basedOn: r.based_on,
  createdBy: r.created_by,
  reason: r.reason,
  createdAt: r.created_at.toISOString(),
  publishedAt: r.published_at?.toISOString() ?? null,
});

/** Raised for a request the current data does not allow (mapped to 409 by the API). */
export class PolicyConflictError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'PolicyConflictError';
  }
}

/**
 * Deadline policy versions. A draft is edited freely; publishing fixes its effective-from instant
 * and makes it immutable. The version in force at an instant is the published one with the latest
 * effective-from not after it, so effective periods never overlap.
 */
export class PolicyVersionRepository {
  constructor(private readonly db: DataSource) {}

  async list(): Promise<PolicyVersion[]> {
    return ((await this.db.query('SELECT * FROM policy_versions ORDER BY version')) as Row[]).map(toVersion);
  }

  async get(version: number): Promise<PolicyVersion | null> {
    const [row] = (await this.db.query('SELECT * FROM policy_versions WHERE version = $1', [version])) as Row[];
    return row ? toVersion(row) : null;
  }

  async inForceAt(at: Date): Promise<PolicyVersion | null> {
    const [row] = (await this.db.query(
      `SELECT * FROM policy_versions WHERE status = 'published' AND effective_from <= $1 ORDER BY effective_from DESC LIMIT 1`,
      [at],
    )) as Row[];
    return row ? toVersion(row) : null;
  }

  async createDraft(
    input: { label: string; rules: PolicyRule[]; basedOn: number | null },
    actor: Actor,
    reason: string,
  ): Promise<PolicyVersion> {
    return this.db.transaction(async (m) => {
      await lock(m);
      // Never a number a deleted draft had: its audit trail (GET /admin/policies/{v}/changes, keyed by the
      // number) would otherwise become the new draft's, and a case pinned to it could never have existed.
      const [{ next }] = (await m.query(
        `SELECT GREATEST(
           (SELECT COALESCE(MAX(version), 0) FROM policy_versions),
           (SELECT COALESCE(MAX(entity_id::int), 0) FROM admin_changes WHERE entity = 'policy_version' AND entity_id ~ '^[0-9]{1,9}$')
         ) + 1 AS next`,
      )) as [{ next: number }];
      const [row] = (await m.query(
        `INSERT INTO policy_versions (version, label, status, rules, based_on, created_by, reason)
         VALUES ($1,$2,'draft',$3,$4,$5,$6) RETURNING *`,
        [next, input.label, JSON.stringify(input.rules), input.basedOn, actor.id, reason],
      )) as Row[];
      await recordAdminChange(m, {
        entity: 'policy_version',
        entityId: String(next),
        action: 'create_draft',
        actor,
        reason,
        before: null,
        after: { label: input.label, basedOn: input.basedOn, rules: input.rules },
      });
      return toVersion(row!);
    });
  }

  async replaceDraftRules(version: number, rules: PolicyRule[], actor: Actor, reason: string): Promise<PolicyVersion> {
    return this.db.transaction(async (m) => {
      const current = await this.draftForUpdate(m, version);
      // TypeORM answers UPDATE … RETURNING with [rows, affectedCount].
      const [[row]] = (await m.query('UPDATE policy_versions SET rules = $2 WHERE version = $1 RETURNING *', [
        version,
        JSON.stringify(rules),
      ])) as [Row[], number];
      await recordAdminChange(m, {
        entity: 'policy_version',
        entityId: String(version),
        action: 'edit_rules',
        actor,
        reason,
        before: { rules: current.rules },
        after: { rules },
      });
      return toVersion(row!);
    });
  }

  async publish(version: number, effectiveFrom: Date, actor: Actor, reason: string): Promise<PolicyVersion> {
    return this.db.transaction(async (m) => {
      await lock(m);
      await this.draftForUpdate(m, version);
      const [latest] = (await m.query(
        `SELECT version, effective_from FROM policy_versions WHERE status = 'published' ORDER BY effective_from DESC LIMIT 1`,
      )) as { version: number; effective_from: Date }[];
      if (latest && latest.effective_from >= effectiveFrom) {
        throw new PolicyConflictError(
          `effectiveFrom ${effectiveFrom.toISOString()} overlaps the effective period of version ${latest.version} (in force from ${latest.effective_from.toISOString()}); a new version must start after it`,
          'effectiveFrom',
        );
      }
      const [[row]] = (await m.query(
        `UPDATE policy_versions SET status = 'published', effective_from = $2, published_at = now() WHERE version = $1 RETURNING *`,
        [version, effectiveFrom],
      )) as [Row[], number];
      await recordAdminChange(m, {
        entity: 'policy_version',
        entityId: String(version),
        action: 'publish',
        actor,
        reason,
        before: { status: 'draft' },
        after: { status: 'published', effectiveFrom: effectiveFrom.toISOString() },
      });
      return toVersion(row!);
    });
  }

  async deleteDraft(version: number, actor: Actor, reason: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const current = await this.draftForUpdate(m, version);
      await m.query('DELETE FROM policy_versions WHERE version = $1', [version]);
      await recordAdminChange(m, {
        entity: 'policy_version',
        entityId: String(version),
        action: 'delete_draft',
        actor,
        reason,
        before: { label: current.label, rules: current.rules },
        after: null,
      });
    });
  }

  private async draftForUpdate(m: EntityManager, version: number): Promise<PolicyVersion> {
    const [row] = (await m.query('SELECT * FROM policy_versions WHERE version = $1 FOR UPDATE', [version])) as Row[];
    if (!row) throw new PolicyConflictError(`policy version ${version} does not exist`, 'version');
    if (row.status !== 'draft')
      throw new PolicyConflictError(
        `policy version ${version} is published and can no longer change; create a new draft based on it`,
        'version',
      );
    return toVersion(row);
  }
}

/** Serialises version numbering and publication across API replicas. */
async function lock(m: EntityManager): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock(hashtext('policy_versions'))`);
}
