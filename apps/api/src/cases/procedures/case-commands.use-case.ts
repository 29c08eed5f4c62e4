import {
  CASE_ITEM_NOT_FOUND,
  caseWorkflowId,
  decideApprovalUpdate,
  escalateUpdate,
  requestExtensionUpdate,
  requestSuspensionUpdate,
  resumeProcedureUpdate,
  startProcedureUpdate,
  type StartProcedureResult,
} from '@anjian/contracts';
import { type Actor, type ProcedureId } from '@anjian/domain';
import { type ApprovalRecord, ProcedureProjectionRepository, type ProcedureRecord } from '@anjian/persistence';
import { Injectable } from '@nestjs/common';
import { Problem } from '../../http/problem';
import type { IdempotentRequest } from '../../idempotency/idempotent-request';
import { actionUpdateId } from '../../idempotency/request-fingerprint';
import { AttachmentCitations } from '../attachment-citations';
import { assertCaseAccess } from '../case-access';
import { caseClosedProblem } from '../case-closed-problem';
import { CaseTemporal } from '../case-temporal';
import { typedFailure } from '../temporal-errors';
import { machineOf } from './action-catalog';
import { onceCaughtUp } from './once-caught-up';
import { pinnedProcedureLinks } from './pinned-links';
import { notStartableFor, startableProcedures } from './startable-procedures';
import { parseStartInput } from './start-input';
import { type CaseDetail, CaseDetailUseCase } from './case-detail.use-case';
import { isLegacyCase } from './legacy-rectification';

type Handle = ReturnType<CaseTemporal['client']['workflow']['getHandle']>;

/**
 * What the case workflow decides, not a procedure's machine: starting another procedure (where the
 * pinned procedure links allow it), approvals, and the requests for extension (延期), suspension (中止)
 * and resumption that an approver grants. Each is an update on `case-<id>` whose validator refuses
 * before history; the answer is the case as the caller sees it afterwards.
 */
@Injectable()
export class CaseCommandsUseCase {
  constructor(
    private readonly temporal: CaseTemporal,
    private readonly projection: ProcedureProjectionRepository,
    private readonly detail: CaseDetailUseCase,
    private readonly citations: AttachmentCitations,
  ) {}

  async startProcedure(
    actor: Actor,
    caseId: string,
    body: { procedure: ProcedureId; reason: string; input: Record<string, unknown> },
    idem?: IdempotentRequest,
  ): Promise<CaseDetail & { startedProcedureId: string }> {
    const machine = machineOf(body.procedure);
    if (!machine)
      throw new Problem(
        422,
        'Procedure not available',
        `no machine for procedure ${body.procedure} yet`,
        {},
        '/problems/procedure-unavailable',
      );
    // The start input is validated at the edge by the machine's own schema, without the workflow's own
    // fields, which a request may not send (field paths under body.input).
    const input = parseStartInput(body.procedure, body.input, 'body.input');
    const { detail, result } = await this.run(
      actor,
      caseId,
      'startProcedure',
      idem,
      (h, updateId) =>
        h.executeUpdate(startProcedureUpdate, {
          args: [{ procedure: body.procedure, input: input as Record<string, unknown>, reason: body.reason, actor }],
          updateId,
        }),
      async (procedures) => {
        const allowed = startableProcedures(pinnedProcedureLinks(), actor.role, procedures, (p) => machineOf(p) !== undefined);
        if (!allowed.includes(body.procedure)) throw notStartableFor(body.procedure, actor.role, allowed);
        // The files the start input cites (a criminal transfer's evidence) must be uploads of this case.
        await this.citations.assertUploaded(caseId, input, 'body.input');
      },
      'body.input',
    );
    return { ...detail, startedProcedureId: (result as StartProcedureResult).procedureId };
  }

  async decideApproval(
    actor: Actor,
    caseId: string,
    approvalId: string,
    body: { decision: 'approve' | 'return'; reason: string },
    idem?: IdempotentRequest,
  ) {
    const decision = body.decision === 'approve' ? 'approved' : 'returned';
    const { detail } = await this.run(
      actor,
      caseId,
      `decide/${approvalId}`,
      idem,
      (h, updateId) =>
        h
          .executeUpdate(decideApprovalUpdate, { args: [{ approvalId, decision, reason: body.reason, actor }], updateId })
          .catch(async (err: unknown) => {
            throw (await this.decidedMeanwhile(caseId, approvalId, err)) ?? err;
          }),
      () => this.assertApprover(caseId, approvalId, idem !== undefined),
    );
    return detail;
  }

  /**
   * Two decisions of one approval at once both pass the precheck; the case workflow takes the first and
   * refuses the other because the approval is no longer pending (CASE_ITEM_NOT_FOUND naming it). That
   * is the precheck's 409, not a 404: the approval exists, it was decided. The workflow projects a
   * decision before it forgets the approval, so the row read here already says who decided it.
   */
  private async decidedMeanwhile(caseId: string, approvalId: string, err: unknown): Promise<Problem | null> {
    const refusal = typedFailure(err);
    if (refusal?.type !== CASE_ITEM_NOT_FOUND || (refusal.details?.[0] as { approvalId?: unknown } | undefined)?.approvalId !== approvalId)
      return null;
    const approval = await this.projection.findApproval(caseId, approvalId);
    return approval && approval.status !== 'pending' ? approvalDecidedProblem(approvalId, approval) : null;
  }

  async requestExtension(
    actor: Actor,
    caseId: string,
    procedureId: string,
    body: { step: string; newDueAt: string; reason: string },
    idem?: IdempotentRequest,
  ): Promise<CaseDetail> {
    const { detail } = await this.run(actor, caseId, `extension/${procedureId}`, idem, (h, updateId, knownSeq) =>
      h.executeUpdate(requestExtensionUpdate, { args: [{ procedureId, ...body, actor, ...knownSeq(procedureId) }], updateId }),
    );
    return detail;
  }

  async requestSuspension(
    actor: Actor,
    caseId: string,
    procedureId: string,
    body: { reason: string },
    idem?: IdempotentRequest,
  ): Promise<CaseDetail> {
    const { detail } = await this.run(actor, caseId, `suspension/${procedureId}`, idem, (h, updateId, knownSeq) =>
      h.executeUpdate(requestSuspensionUpdate, { args: [{ procedureId, reason: body.reason, actor, ...knownSeq(procedureId) }], updateId }),
    );
    return detail;
  }

  async resume(actor: Actor, caseId: string, procedureId: string, body: { reason: string }, idem?: IdempotentRequest): Promise<CaseDetail> {
    const { detail } = await this.run(actor, caseId, `resumption/${procedureId}`, idem, (h, updateId, knownSeq) =>
      h.executeUpdate(resumeProcedureUpdate, { args: [{ procedureId, reason: body.reason, actor, ...knownSeq(procedureId) }], updateId }),
    );
    return detail;
  }

  async escalate(
    actor: Actor,
    caseId: string,
    procedureId: string,
    body: { action?: string; reason: string },
    idem?: IdempotentRequest,
  ): Promise<CaseDetail> {
    const { detail } = await this.run(actor, caseId, `escalation/${procedureId}`, idem, (h, updateId, knownSeq) =>
      h.executeUpdate(escalateUpdate, {
        args: [{ procedureId, ...(body.action ? { action: body.action } : {}), reason: body.reason, actor, ...knownSeq(procedureId) }],
        updateId,
      }),
    );
    return detail;
  }

  /**
   * Who may decide (role, level, the requester's level, never one's own request) is the AccessGuard's
   * decision (@Access('approve'), libs/domain/src/access/decide-access.ts), made once before this runs.
   * What is left here: the approval must exist on this case, and be still pending — checked first so
   * that a refusal needs no workflow round trip.
   */
  private async assertApprover(caseId: string, approvalId: string, retryable: boolean): Promise<void> {
    const approval = await this.projection.findApproval(caseId, approvalId);
    if (!approval) throw new Problem(404, 'Not Found', `case ${caseId} has no approval ${approvalId}`, {}, '/problems/unknown-approval');
    // With an Idempotency-Key this may be the decision itself, retried after its answer was lost: the
    // workflow answers it (same update id) with the first outcome, or refuses it.
    if (approval.status !== 'pending' && !retryable) throw approvalDecidedProblem(approvalId, approval);
  }

  private async run(
    actor: Actor,
    caseId: string,
    command: string,
    idem: IdempotentRequest | undefined,
    /** `knownSeq(procedureId)`: the procedure's projected seq as read here, for the case workflow to wait for (KnownProcedureSeq). */
    update: (h: Handle, updateId: string | undefined, knownSeq: (procedureId: string) => { knownSeq?: number }) => Promise<unknown>,
    /** Checks after access and before the workflow (e.g. that the caller is the approver), given the case's procedures. */
    precheck?: (procedures: ProcedureRecord[]) => Promise<void>,
    /** Where the request carries what the workflow calls `input` (field paths of its refusals). */
    inputAt?: string,
  ): Promise<{ detail: CaseDetail; result: unknown }> {
    const found = await this.projection.findCaseDetail(caseId);
    // Reach and role are the AccessGuard's (@Access on each route); here the case must exist.
    const record = assertCaseAccess(actor, found?.case ?? null, 'read', caseId);
    if (isLegacyCase(record)) {
      throw new Problem(
        409,
        'Not available on this case',
        `case ${caseId} runs the legacy rectification workflow, which has only the actions submitReport and recordVerification`,
        { currentStep: record.step, allowedActions: [] },
        '/problems/legacy-case',
      );
    }
    if (record.status === 'closed') throw caseClosedProblem(record);
    await precheck?.(found!.procedures);
    const workflowId = caseWorkflowId(caseId);
    const updateId = idem
      ? actionUpdateId({
          actorId: actor.id,
          key: idem.key,
          caseId,
          action: command,
          requestHash: idem.requestHash,
          generation: idem.updateGeneration,
        })
      : undefined;
    const knownSeq = (procedureId: string) => {
      const seq = found!.procedures.find((p) => p.procedureId === procedureId)?.seq;
      return seq === undefined ? {} : { knownSeq: seq };
    };
    let result: unknown;
    try {
      result = await this.temporal.call(
        command,
        workflowId,
        () => onceCaughtUp(() => update(this.temporal.client.workflow.getHandle(workflowId), updateId, knownSeq)),
        inputAt,
      );
    } catch (err) {
      // The case workflow ended (the case closed) between the read above and the update: say so, not
      // "no running process" (404), which would read as if the case the caller just saw did not exist.
      if (err instanceof Problem && err.status === 404) {
        const now = await this.projection.findCaseDetail(caseId);
        if (now?.case.status === 'closed') throw caseClosedProblem(now.case);
      }
      throw err;
    }
    return { detail: await this.detail.get(actor, caseId), result };
  }
}

/** 409: the approval was decided already (by the precheck, or by a decision that won a race). */
function approvalDecidedProblem(approvalId: string, approval: ApprovalRecord): Problem {
  return new Problem(
    409,
    'Approval already decided',
    `approval ${approvalId} was ${approval.status} by ${approval.decidedBy ?? 'someone'} at ${approval.decidedAt ?? '?'}`,
    { decision: approval.status },
    '/problems/approval-decided',
  );
}
