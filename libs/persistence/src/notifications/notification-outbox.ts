import type { EntityManager } from 'typeorm';
import type { NewNotification } from '../procedures/procedure-records';

/**
 * The write side of the notification outbox (spec §C). Reading a user's notifications ("for a user":
 * recipient_id is the user, or recipient_role is the user's role and recipient_jurisdiction lies in
 * the user's subtree) is the worklist's InboxRepository (libs/persistence/src/worklist/inbox.repository.ts).
 *
 * Inserts outbox notifications inside the projection's transaction; a known dedupe key inserts
 * nothing (a retried activity, a timer that fired again after a restart). Returns how many were new.
 */
export async function insertNotifications(m: EntityManager, caseId: string, notifications: NewNotification[]): Promise<number> {
  if (notifications.length === 0) return 0;
  const params: unknown[] = [];
  const tuples = notifications.map((n) => {
    const base = params.length;
    params.push(
      n.dedupeKey,
      n.caseId ?? caseId,
      n.procedureId,
      n.kind,
      n.recipientId ?? null,
      n.recipientRole ?? null,
      n.recipientJurisdiction ?? null,
      JSON.stringify(n.payload),
      n.createdAt ?? null,
    );
    return `(${[1, 2, 3, 4, 5, 6, 7, 8].map((i) => `$${base + i}`).join(',')}, COALESCE($${base + 9}::timestamptz, now()))`;
  });
  const inserted = (await m.query(
    `INSERT INTO notifications (dedupe_key, case_id, procedure_id, kind, recipient_id, recipient_role, recipient_jurisdiction, payload, created_at)
     VALUES ${tuples.join(',')}
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id`,
    params,
  )) as unknown[];
  return inserted.length;
}
