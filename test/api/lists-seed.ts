import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * Rows for the list tests, written straight into the projection (the lists read only PostgreSQL; no
 * workflow is needed to list a case). Each test file uses its own jurisdiction subtree and a random
 * token in enterprise names, so cases other test files open never change its answers.
 */
export interface SeedCase {
  id?: string;
  title?: string;
  sector?: string;
  jurisdiction: string;
  hazardGrade?: string;
  enterpriseName?: string;
  creditCode?: string;
  procedure?: string;
  step?: string;
  status?: 'open' | 'closed';
  dueAt?: Date | null;
  /** The projection's mark that a deadline was missed (its due_at may already be a later deadline). */
  overdue?: boolean;
  assigneeId?: string;
  openedAt?: Date;
  closedAt?: Date | null;
  updatedAt?: Date;
  workflowId?: string;
}

export const hoursFromNow = (h: number): Date => new Date(Date.now() + h * 3600_000);
export const daysAgo = (d: number): Date => new Date(Date.now() - d * 86_400_000);

let serial = 0;

export async function seedCase(db: DataSource, c: SeedCase): Promise<string> {
  const id = c.id ?? randomUUID();
  serial++;
  await db.query(
    `INSERT INTO cases (id, title, description, source, sector, jurisdiction, hazard_grade, enterprise_name, enterprise_credit_code,
       procedure, step, status, due_at, deadline, overdue, failures, assignee_id, opened_by, opened_at, closed_at, policy_version,
       workflow_id, last_seq, updated_at)
     VALUES ($1, $2, '', 'inspection', $3, $4, $5, $6, $7, $8, $9, $10, $11, NULL, $17, 0, $12, 'seed', $13, $14, 1, $15, 1, $16)`,
    [
      id,
      c.title ?? `隐患整改 ${serial}`,
      c.sector ?? 'industry_trade',
      c.jurisdiction,
      c.hazardGrade ?? 'general',
      c.enterpriseName ?? `测试企业${serial}有限公司`,
      c.creditCode ?? `91140000${String(serial).padStart(9, '0')}X`,
      c.procedure ?? 'rectification',
      c.step ?? ((c.status ?? 'open') === 'open' ? 'awaiting_report' : 'closed'),
      c.status ?? 'open',
      c.dueAt === undefined ? hoursFromNow(48) : c.dueAt,
      c.assigneeId ?? 'officer-seed',
      c.openedAt ?? daysAgo(10),
      c.closedAt ?? null,
      c.workflowId ?? `case-${id}-rectification`,
      c.updatedAt ?? daysAgo(1),
      c.overdue ?? false,
    ],
  );
  return id;
}

/** A directory user (the API reads role, jurisdiction and sectors from here on every request). */
export async function seedUser(
  db: DataSource,
  u: { id: string; role: string; jurisdiction: string; sectors?: string[]; active?: boolean },
): Promise<void> {
  await db.query(
    `INSERT INTO users (id, name, role, jurisdiction, sectors, active) VALUES ($1, $1, $2, $3, $4, $5)
     ON CONFLICT (id) DO UPDATE SET role = $2, jurisdiction = $3, sectors = $4, active = $5`,
    [u.id, u.role, u.jurisdiction, u.sectors ?? [], u.active ?? true],
  );
}

/** x-actor-* header object for test/support/http.ts (turned into a bearer token for that user). */
export const caller = (id: string, role: string, jurisdiction: string, sectors?: string[]): Record<string, string> => ({
  'x-actor-id': id,
  'x-actor-role': role,
  'x-actor-jurisdiction': jurisdiction,
  ...(sectors ? { 'x-actor-sectors': sectors.join(',') } : {}),
});
