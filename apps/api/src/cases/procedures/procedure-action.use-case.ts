import { actUpdate, type ProcedureSnapshot } from '@anjian/contracts';
import type { Actor, RecordVerificationInput, SubmitReportInput } from '@anjian/domain';
import { CaseRepository, ProcedureProjectionRepository } from '@anjian/persistence';
import { Injectable } from '@nestjs/common';
import { parse } from '../../http/parse';
import { Problem } from '../../http/problem';
import type { IdempotentRequest } from '../../idempotency/idempotent-request';
import { actionUpdateId } from '../../idempotency/request-fingerprint';
import { AttachmentCitations } from '../attachment-citations';
import { assertCaseAccess } from '../case-access';
import { CaseActionUseCase } from '../case-action.use-case';
import { CaseTemporal } from '../case-temporal';
import { RecordVerificationBody, SubmitReportBody } from '../case.schemas';
import { isTemporalTimeoutOrUnavailable } from '../temporal-errors';
import { actionSpecOf, unknownActionProblem } from './action-catalog';
import { type CaseDetail, CaseDetailUseCase } from './case-detail.use-case';
import { isLegacyAction, isLegacyCase, LEGACY_ACTIONS, LEGACY_PROCEDURE_ID, type LegacyAction } from './legacy-rectification';

export interface ActionRequest {
  caseId: string;
  procedureId: string;
  action: string;
  body: unknown;
}

/** Legacy inputs are validated exactly as the legacy routes did (same schemas, same field paths). */
const LEGACY_SCHEMAS = { submitReport: SubmitReportBody, recordVerification: RecordVerificationBody } as const;

/** How long the answer to an action that ended its procedure waits for the case workflow's reaction, and how often it looks. */
const REACTION_WAIT_MS = 2_000;
const REACTION_POLL_MS = 50;

/** The rectification machine's actions the legacy routes stand for. */
const RECTIFICATION_ALIASES: Record<LegacyAction, string> = { submitReport: 'submit_report', recordVerification: 'record_recheck' };

/**
 * One route for every officer action: the body is validated by the action's own zod schema (400 with
 * field paths), then sent as the update `act` to the procedure's child workflow, whose validator
 * refuses what the step or the role does not allow before anything touches history (409 with the
 * current step and the allowed actions). The files the input cites must be uploads of the case (400). With an Idempotency-Key the update id derives from caller,
 * key, case, procedure, action and request, so a retry after a lost answer gets the first outcome.
 * Legacy rectification cases are routed to their own workflow's updates.
 */
@Injectable()
export class ProcedureActionUseCase {
  constructor(
    private readonly temporal: CaseTemporal,
    private readonly projection: ProcedureProjectionRepository,
    private readonly cases: CaseRepository,
    private readonly legacy: CaseActionUseCase,
    private readonly detail: CaseDetailUseCase,
    private readonly citations: AttachmentCitations,
  ) {}

  async execute(actor: Actor, req: ActionRequest, idempotency?: IdempotentRequest): Promise<CaseDetail> {
    // The one procedure row is all an action needs before its update (the AccessGuard has read the
    // case's facts; the full detail is read once, after the action). Only without one is the case row
    // read: a legacy case (its one procedure is the case row itself) or an unknown procedure.
    const procedure = await this.projection.findProcedure(req.caseId, req.procedureId);
    if (!procedure) {
      const record = assertCaseAccess(actor, await this.cases.findById(req.caseId), 'read', req.caseId);
      if (isLegacyCase(record)) return this.legacyAction(actor, req, idempotency);
      throw new Problem(404, 'Not Found', `case ${req.caseId} has no procedure ${req.procedureId}`, {}, '/problems/unknown-procedure');
    }
    const spec = actionSpecOf(procedure.procedure, req.action, req.procedureId);
    const input = parse(spec.input, req.body, 'body');
    if (!(spec.roles as readonly string[]).includes(actor.role)) {
      throw new Problem(
        403,
        'Forbidden',
        `role "${actor.role}" may not perform "${req.action}"; it is for: ${spec.roles.join(', ')}`,
        { action: req.action, roles: [...spec.roles] },
        '/problems/forbidden',
      );
    }
    // Every file the input cites must be an upload of this case (400 naming the reference otherwise).
    await this.citations.assertUploaded(req.caseId, input, 'body');

    const updateId = idempotency
      ? actionUpdateId({
          actorId: actor.id,
          key: idempotency.key,
          caseId: req.caseId,
          action: `${req.procedureId}/${req.action}`,
          requestHash: idempotency.requestHash,
          generation: idempotency.updateGeneration,
        })
      : undefined;
    const handle = this.temporal.client.workflow.getHandle(procedure.workflowId);
    if (procedure.status !== 'active') {
      // The action that ended the procedure may be this very request, retried after its answer was lost.
      if (!(updateId && (await this.completedEarlier(handle, updateId, procedure.workflowId)))) {
        throw new Problem(
          409,
          'Action not allowed in the current step',
          `procedure ${req.procedureId} has ended (${procedure.outcome ?? procedure.status})`,
          { action: req.action, currentStep: procedure.step, allowedActions: [], procedureId: req.procedureId },
          '/problems/action-not-allowed',
        );
      }
    } else {
      let after: ProcedureSnapshot;
      try {
        after = await this.temporal.call<ProcedureSnapshot>('act', procedure.workflowId, () =>
          handle.executeUpdate(actUpdate, { args: [{ action: req.action, actor, input }], updateId }),
        );
      } catch (err) {
        if (err instanceof Problem && err.status === 409) err.extensions['procedureId'] = req.procedureId;
        throw err;
      }
      if (after.status !== 'active') return this.onceCaseReacted(actor, req.caseId);
    }
    return this.detail.get(actor, req.caseId);
  }

  /**
   * The action ended its procedure. The case workflow reacts once the procedure's report reaches it,
   * just after this answer would be given: it closes the case (已结案), starts what the procedure
   * links say, or asks for an approval. An answer read at once would still show the case open with
   * nothing running, and offer procedures to start on a case about to close. So while the case is
   * open with no procedure running and no approval pending, the answer waits for that reaction, for
   * REACTION_WAIT_MS at most (then it shows what is projected; a later read shows the rest).
   */
  private async onceCaseReacted(actor: Actor, caseId: string): Promise<CaseDetail> {
    const until = Date.now() + REACTION_WAIT_MS;
    for (;;) {
      const rows = await this.detail.read(caseId);
      const record = assertCaseAccess(actor, rows.case, 'read', caseId);
      const reacting =
        record.status === 'open' &&
        !rows.procedures.some((p) => p.status === 'active') &&
        !rows.approvals.some((a) => a.status === 'pending');
      if (!reacting || Date.now() >= until) return this.detail.build(actor, record, rows.procedures, rows.approvals);
      await new Promise((resolve) => setTimeout(resolve, REACTION_POLL_MS));
    }
  }

  /**
   * The routes that predate procedures (POST /cases/{id}/report, /verification) as thin aliases: the
   * case's rectification procedure (the legacy workflow's, or the newest rectification instance).
   */
  async alias(actor: Actor, caseId: string, action: LegacyAction, body: unknown, idempotency?: IdempotentRequest): Promise<CaseDetail> {
    const [found, procedures] = await Promise.all([this.cases.findById(caseId), this.projection.listProcedures(caseId)]);
    const record = assertCaseAccess(actor, found, 'read', caseId);
    if (isLegacyCase(record)) return this.legacyAction(actor, { caseId, procedureId: LEGACY_PROCEDURE_ID, action, body }, idempotency);
    const rectifications = procedures.filter((p) => p.procedure === 'rectification');
    const target = rectifications.find((p) => p.status === 'active') ?? rectifications[rectifications.length - 1];
    if (!target) {
      throw new Problem(
        409,
        'Action not allowed in the current step',
        `case ${caseId} runs no rectification procedure; use POST /cases/${caseId}/procedures/{procedureId}/actions/{action}`,
        { action, currentStep: record.step, allowedActions: [] },
        '/problems/action-not-allowed',
      );
    }
    return this.execute(actor, { caseId, procedureId: target.procedureId, action: RECTIFICATION_ALIASES[action], body }, idempotency);
  }

  private async legacyAction(actor: Actor, req: ActionRequest, idempotency?: IdempotentRequest): Promise<CaseDetail> {
    if (req.procedureId !== LEGACY_PROCEDURE_ID) {
      throw new Problem(
        404,
        'Not Found',
        `case ${req.caseId} runs the legacy rectification workflow: its one procedure is '${LEGACY_PROCEDURE_ID}'`,
        {},
        '/problems/unknown-procedure',
      );
    }
    if (!isLegacyAction(req.action)) throw unknownActionProblem(req.procedureId, req.action, LEGACY_ACTIONS);
    const input = parse(LEGACY_SCHEMAS[req.action], req.body, 'body');
    await this.citations.assertUploaded(req.caseId, input, 'body');
    if (req.action === 'submitReport') await this.legacy.submitReport(req.caseId, actor, input as SubmitReportInput, idempotency);
    else await this.legacy.recordVerification(req.caseId, actor, input as RecordVerificationInput, idempotency);
    return this.detail.get(actor, req.caseId);
  }

  /** Whether an update with this id already completed on the procedure's (now closed) workflow. */
  private async completedEarlier(
    handle: ReturnType<CaseTemporal['client']['workflow']['getHandle']>,
    updateId: string,
    workflowId: string,
  ): Promise<boolean> {
    try {
      await this.temporal.client.withDeadline(Date.now() + this.temporal.timeoutMs, () => handle.getUpdateHandle(updateId).result());
      return true;
    } catch (err) {
      if (isTemporalTimeoutOrUnavailable(err)) throw await this.temporal.explain(err, 'poll update', workflowId);
      return false;
    }
  }
}
