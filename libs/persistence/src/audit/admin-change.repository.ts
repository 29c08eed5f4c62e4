import type { Actor } from '@anjian/domain';
import type { EntityManager } from 'typeorm';

export interface AdminChange {
  entity: 'policy_version' | 'calendar' | 'case_migration' | 'user' | 'jurisdiction' | 'access_denial';
  entityId: string;
  action: string;
  actor: Actor;
  reason: string;
  before: unknown;
  after: unknown;
}

export interface AdminChangeRecord extends Omit<AdminChange, 'actor'> {
  id: number;
  actorId: string;
  actorRole: string;
  at: string;
}

/** Append-only log of administrator changes (a trigger refuses UPDATE and DELETE). */
export async function recordAdminChange(m: EntityManager, c: AdminChange): Promise<void> {
  await m.query(
    `INSERT INTO admin_changes (entity, entity_id, action, actor_id, actor_role, reason, before, after)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
    [
      c.entity,
      c.entityId,
      c.action,
      c.actor.id,
      c.actor.role,
      c.reason,
      c.before === undefined ? null : JSON.stringify(c.before),
      c.after === undefined ? null : JSON.stringify(c.after),
    ],
  );
}

export async function listAdminChanges(m: EntityManager, entity?: string, entityId?: string): Promise<AdminChangeRecord[]> {
  const rows = (await m.query(
    `SELECT id, entity, entity_id, action, actor_id, actor_role, reason, before, after, at FROM admin_changes
     WHERE ($1::text IS NULL OR entity = $1) AND ($2::text IS NULL OR entity_id = $2) ORDER BY id`,
    [entity ?? null, entityId ?? null],
  )) as {
    id: string;
    entity: AdminChange['entity'];
    entity_id: string;
    action: string;
    actor_id: string;
    actor_role: string;
    reason: string;
    before: unknown;
    after: unknown;
    at: Date;
  }[];
  return rows.map((r) => ({
    id: Number(r.id),
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action,
    actorId: r.actor_id,
    actorRole: r.actor_role,
    reason: r.reason,
    before: r.before,
    after: r.after,
    at: r.at.toISOString(),
  }));
}
