import type { ApprovalFacts, CaseFacts, Role } from '@anjian/domain';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '../infrastructure/tokens';

/**
 * What the policy needs to know about the thing a request names, read from PostgreSQL on every
 * request (one indexed row each, under the data source's statement timeout): never cached, so a
 * reassignment or a user's move applies at once.
 */
@Injectable()
export class AccessFacts {
  constructor(@Inject(DATA_SOURCE) private readonly db: DataSource) {}

  async caseFacts(caseId: string): Promise<CaseFacts | null> {
    const rows = (await this.db.query('SELECT jurisdiction, sector FROM cases WHERE id = $1', [caseId])) as CaseFacts[];
    return rows[0] ?? null;
  }

  /** Several cases at once (bulk reassignment): the ones that exist. */
  async manyCaseFacts(caseIds: readonly string[]): Promise<Map<string, CaseFacts>> {
    const rows = (await this.db.query('SELECT id, jurisdiction, sector FROM cases WHERE id = ANY($1::uuid[])', [caseIds])) as (CaseFacts & {
      id: string;
    })[];
    return new Map(rows.map((r) => [r.id, { jurisdiction: r.jurisdiction, sector: r.sector }]));
  }

  /** The approval as requested, with its requester's jurisdiction as the directory has it now (null: the process, or gone). */
  async approvalFacts(caseId: string, approvalId: string): Promise<ApprovalFacts | null> {
    const rows = (await this.db.query(
      `SELECT a.kind, a.approver_role, a.approver_jurisdiction, a.requested_by, u.jurisdiction AS requester_jurisdiction
       FROM case_approvals a LEFT JOIN users u ON u.id = a.requested_by
       WHERE a.case_id = $1 AND a.id = $2`,
      [caseId, approvalId],
    )) as {
      kind: string;
      approver_role: Role;
      approver_jurisdiction: string | null;
      requested_by: string | null;
      requester_jurisdiction: string | null;
    }[];
    const r = rows[0];
    return r
      ? {
          kind: r.kind,
          approverRole: r.approver_role,
          approverJurisdiction: r.approver_jurisdiction,
          requestedBy: r.requested_by,
          requesterJurisdiction: r.requester_jurisdiction,
        }
      : null;
  }

  async userFacts(userId: string): Promise<{ jurisdiction: string; role: Role } | null> {
    const rows = (await this.db.query('SELECT jurisdiction, role FROM users WHERE id = $1', [userId])) as {
      jurisdiction: string;
      role: Role;
    }[];
    return rows[0] ?? null;
  }
}
