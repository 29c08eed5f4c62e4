import type { Env } from '@anjian/config';
import { type Actor, allowedActionsFor, type CaseRecord, type ProcedureId, ROLES_FOR } from '@anjian/domain';
import { type ApprovalRecord, CaseRepository, ProcedureProjectionRepository, type ProcedureRecord } from '@anjian/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { ENV } from '../../infrastructure/tokens';
import { assertCaseAccess } from '../case-access';
import { actionNames, machineOf } from './action-catalog';
import { caseDetail, type ProcedureRowInput } from './case-detail';
import { pinnedProcedureLinks } from './pinned-links';
import { startableProcedures } from './startable-procedures';
import { isLegacyCase, legacyActionsFor, legacyProcedureRow } from './legacy-rectification';

export type CaseDetail = ReturnType<typeof caseDetail>;

/** What a case detail is built from: the case row (null when there is none), its procedures and approvals. */
export interface CaseDetailRows {
  case: CaseRecord | null;
  procedures: ProcedureRecord[];
  approvals: ApprovalRecord[];
}

const toRowInput = (p: ProcedureRecord): ProcedureRowInput => ({
  procedureId: p.procedureId,
  procedure: p.procedure,
  step: p.step,
  status: p.status,
  suspended: p.suspended,
  outcome: p.outcome,
  deadlines: p.deadlines,
  data: p.data,
  workflowId: p.workflowId,
  assigneeId: p.assigneeId,
  startedAt: p.startedAt,
  completedAt: p.completedAt,
  suspension: (p.data['suspension'] as ProcedureRowInput['suspension']) ?? null,
});

const toApprovalInput = (a: ApprovalRecord) => ({
  id: a.id,
  procedureId: a.procedureId,
  kind: a.kind,
  approverRole: a.approverRole,
  approverJurisdiction: a.approverJurisdiction,
  status: a.status,
  summary: a.summary,
  requestedBy: a.requestedBy ?? '',
  requesterJurisdiction: a.requesterJurisdiction,
  requestedAt: a.requestedAt,
  reason: a.reason,
  data: a.data,
});

/**
 * GET /cases/{id} and the answer of every command: read from the projection (PostgreSQL), never from
 * workflow history; what the caller may do is computed by the same pure rule the workflows apply.
 */
@Injectable()
export class CaseDetailUseCase {
  constructor(
    private readonly procedures: ProcedureProjectionRepository,
    private readonly cases: CaseRepository,
    @Inject(ENV) private readonly env: Env,
  ) {}

  /** The case as `actor` sees it (404/403 when out of reach). */
  async get(actor: Actor, caseId: string): Promise<CaseDetail> {
    const found = await this.read(caseId);
    const record = assertCaseAccess(actor, found.case, 'read', caseId);
    return this.build(actor, record, found.procedures, found.approvals);
  }

  /**
   * The three reads side by side: every command answers with the detail right after its workflow
   * did, so this is on the hot path of each action (one round trip instead of the case row, then
   * procedures and approvals). The rows of a case that does not exist are simply empty.
   */
  async read(caseId: string): Promise<CaseDetailRows> {
    const [record, procedures, approvals] = await Promise.all([
      this.cases.findById(caseId),
      this.procedures.listProcedures(caseId),
      this.procedures.listApprovals(caseId),
    ]);
    return { case: record, procedures, approvals };
  }

  build(actor: Actor, record: CaseRecord, procedures: ProcedureRecord[], approvals: ApprovalRecord[]): CaseDetail {
    const legacy = isLegacyCase(record);
    const rows = legacy ? [legacyProcedureRow(record)] : procedures.map(toRowInput);
    return caseDetail(record, rows, legacy ? [] : approvals.map(toApprovalInput), {
      role: actor.role,
      jurisdiction: actor.jurisdiction,
      actorId: actor.id,
      now: new Date(),
      temporalUiUrl: this.env.TEMPORAL_UI_URL,
      namespace: this.env.TEMPORAL_NAMESPACE,
      actionsFor: (p, role) => {
        if (legacy) return legacyActionsFor(p.step, role);
        if (!machineOf(p.procedure)) return [];
        return allowedActionsFor(
          {
            procedureId: p.procedureId,
            procedure: p.procedure as ProcedureId,
            step: p.step,
            status: 'active',
            outcome: p.outcome,
            data: p.data,
          },
          role,
        );
      },
      // Who may act at all is the access rule `act`; which procedure, the links.
      startable: () =>
        legacy || !ROLES_FOR.act.includes(actor.role)
          ? []
          : startableProcedures(pinnedProcedureLinks(), actor.role, procedures, (p) => machineOf(p) !== undefined),
      actionNames,
    });
  }
}
