import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Approvals waiting in a case workflow (closure, transfer, extension, listing level, suspension) and
 * the notification outbox (reminders, escalations, approvals; delivery comes later).
 *
 * - `case_approvals`: id is the workflow's approval id (unique within the case). `approver_jurisdiction`
 *   (optional) narrows who may decide, e.g. a province-level listing is delisted by the province.
 * - `notifications`: `dedupe_key` makes a retried projection (or a timer that fired twice) write a
 *   notification once. A notification is for a user when recipient_id is the user, or recipient_role
 *   is the user's role and recipient_jurisdiction lies in the user's subtree (prefix match: text with
 *   a six-digit check rather than char(6), so `LIKE '1401%'` can use the pattern index).
 * - `notification_reads`: who read what, when (a role notification is read per user).
 */
export class ApprovalsNotifications1734000000101 implements MigrationInterface {
  name = 'ApprovalsNotifications1734000000101';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_approvals (
        id text NOT NULL CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$'),
        case_id uuid NOT NULL REFERENCES cases(id),
        procedure_id text,
        kind text NOT NULL,
        approver_role text NOT NULL,
        approver_jurisdiction text CHECK (approver_jurisdiction ~ '^[0-9]{6}$'),
        status text NOT NULL CHECK (status IN ('pending', 'approved', 'returned')),
        summary text,
        requested_by text,
        requested_at timestamptz NOT NULL,
        decided_by text,
        decided_at timestamptz,
        reason text,
        data jsonb NOT NULL DEFAULT '{}',
        PRIMARY KEY (case_id, id),
        CHECK ((status = 'pending') = (decided_at IS NULL))
      )`);
    await q.query(`CREATE INDEX case_approvals_pending ON case_approvals (approver_role, requested_at) WHERE status = 'pending'`);

    await q.query(`
      CREATE TABLE notifications (
        id bigserial PRIMARY KEY,
        dedupe_key text NOT NULL UNIQUE,
        case_id uuid NOT NULL REFERENCES cases(id),
        procedure_id text,
        kind text NOT NULL CHECK (kind ~ '^[a-z][a-z_]{0,39}$'),
        recipient_id text,
        recipient_role text,
        recipient_jurisdiction text CHECK (recipient_jurisdiction ~ '^[0-9]{6}$'),
        payload jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (recipient_id IS NOT NULL OR (recipient_role IS NOT NULL AND recipient_jurisdiction IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX notifications_recipient ON notifications (recipient_id, id) WHERE recipient_id IS NOT NULL`);
    await q.query(
      `CREATE INDEX notifications_role ON notifications (recipient_role, recipient_jurisdiction text_pattern_ops, id) WHERE recipient_role IS NOT NULL`,
    );
    await q.query(`CREATE INDEX notifications_case ON notifications (case_id)`);
    await q.query(`
      CREATE TABLE notification_reads (
        notification_id bigint NOT NULL REFERENCES notifications(id),
        user_id text NOT NULL,
        read_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (notification_id, user_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_reads`);
    await q.query(`DROP TABLE notifications`);
    await q.query(`DROP TABLE case_approvals`);
  }
}
