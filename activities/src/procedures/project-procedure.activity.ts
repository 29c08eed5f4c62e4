import type { ProcedureActivities, ProjectProcedureRequest } from '@anjian/contracts';
import type { ApprovalPatch, ProcedureProjection, ProcedureProjectionRepository } from '@anjian/persistence';
import { databaseFailure } from '../activity-failures';

export interface ProcedureActivityDeps {
  procedures: Pick<ProcedureProjectionRepository, 'project'>;
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The contract's approval row; who may decide (a listing's level) and the summary travel in `data`. */
function toApprovalPatch(a: NonNullable<ProjectProcedureRequest['approvals']>[number]): ApprovalPatch {
  return {
    id: a.id,
    procedureId: a.procedureId,
    kind: a.kind,
    approverRole: a.approverRole,
    approverJurisdiction: text(a.data['approverJurisdiction']),
    status: a.status,
    summary: text(a.data['summary']),
    requestedBy: a.requestedBy,
    requestedAt: a.requestedAt,
    decidedBy: a.decidedBy,
    decidedAt: a.decidedAt,
    reason: a.reason,
    data: a.data,
  };
}

/** Contract DTO → the repository's input (the repository knows nothing of Temporal or the contract). */
export function toProcedureProjection(req: ProjectProcedureRequest): ProcedureProjection {
  return {
    caseId: req.caseId,
    stream: req.stream,
    events: req.events,
    procedure: req.procedure,
    casePatch: req.casePatch,
    open: req.open,
    notifications: req.notifications?.map((n) => ({ ...n, caseId: n.caseId || req.caseId })),
    approvals: req.approvals?.map(toApprovalPatch),
  };
}

/**
 * `projectProcedure`: what the case workflow and the procedure workflows call after each transition
 * (one transaction, idempotent). Failures are typed like `projectCase`: data PostgreSQL refuses
 * (SQLSTATE 22/23/42) is PROJECTION_REJECTED, non-retryable; an unreachable server is
 * DATABASE_UNAVAILABLE, retried within the caller's bounded policy; anything else a logged bug.
 *
 * The worker registers it beside the case activities (which provide `armDeadline`):
 * `...createProcedureActivities({ procedures: new ProcedureProjectionRepository(db, env.EVENT_CHAIN_KEY) })`.
 */
export function createProcedureActivities(deps: ProcedureActivityDeps): Pick<ProcedureActivities, 'projectProcedure'> {
  return {
    projectProcedure: async (req) => {
      try {
        const { appended } = await deps.procedures.project(toProcedureProjection(req));
        return { appended };
      } catch (err) {
        throw databaseFailure('projectProcedure', err, { rejectable: true });
      }
    },
  };
}
