import {
  ApplicationFailure,
  allHandlersFinished,
  ChildWorkflowFailure,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  ParentClosePolicy,
  patched,
  proxyLocalActivities,
  setHandler,
  type SignalDefinition,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import {
  type ApprovalPatchDto,
  CASE_NOT_OPENED,
  caseOpenedUpdate,
  type CaseSnapshot,
  caseStateQuery,
  type CaseSummaryPatchDto,
  caseWorkflowId,
  type CaseWorkflowInput,
  type NotificationDto,
  type PendingApproval,
  PROCEDURE_NOT_STARTED,
  type ProcedureActivities,
  type ProcedureReport,
  procedureReportSignal,
  procedureWorkflowId,
  resumeSignal,
  suspendSignal,
} from '@anjian/contracts';
import { type Actor } from '@anjian/domain/src/actor/actor';
import { type CaseEvent } from '@anjian/domain/src/case/case-event';
import { type ProcedureId } from '@anjian/domain/src/catalog/procedure';
import { type LinkAction, withLinkedStartInput } from '@anjian/domain/src/procedures/procedure-links';
import { type ParentRequest } from '@anjian/domain/src/procedures/procedure-machine';
import type { procedureWorkflow } from '../procedure/procedure.workflow';
import { persistently } from '../procedure/persistently';
import { typedFailure } from '../procedure/workflow-failures';
import { type ApprovalRequest, CaseEntity, rungKey } from './case-entity';
import { approvalRow, noticeToRole, noticeToUser } from './case-records';
import { PENDING_STARTS_COUNT_AS_ACTIVE, pausesAdministrativeTrack, reactionsTo, type CaseLinkEvent } from './case-links';
import { registerCaseUpdates } from './case-updates';

const acts = proxyLocalActivities<ProcedureActivities>({
  startToCloseTimeout: '10s',
  scheduleToCloseTimeout: '15s',
  retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '2s', maximumAttempts: 5 },
});

const now = () => new Date().toISOString();

/** What the case workflow does on its own (a link, a rung): recorded as the process, not a person. */
/**
 * Patch: when a procedure ends, the approvals it still waited for lapse (are projected as returned by
 * the process) instead of staying pending and keeping the case open. Histories from before kept them.
 */
export const APPROVALS_LAPSE_WITH_THEIR_PROCEDURE = 'approvals-lapse-with-their-procedure';

const processActor = (jurisdiction: string): Actor => ({ id: 'system', name: '系统 (case workflow)', role: 'officer', jurisdiction });

/**
 * One workflow per case (`case-<caseId>`): owns the case's status, starts its procedures as child
 * workflows, keeps the approvals waiting on it, acts on escalation rungs through the pinned
 * procedure links, and continues-as-new when its history grows. Rules are in the entity and the
 * machines; this is the shell that does the I/O.
 */
export async function caseWorkflow(wf: CaseWorkflowInput): Promise<CaseSnapshot> {
  const entity = CaseEntity.of(wf);
  const { caseId } = wf;
  let busy: Promise<unknown> = Promise.resolve();
  let openingFailed: unknown;
  /** Child start failures by procedureId (a child that failed before its first report). */
  const startFailures = new Map<string, unknown>();

  function serialised<T>(fn: () => Promise<T>): Promise<T> {
    const next = busy.then(fn);
    busy = next.catch(() => undefined);
    return next;
  }

  const caseEvent = (type: string, at: string, actor: Actor | null, reason: string | null, data: Record<string, unknown>): CaseEvent => ({
    type,
    procedure: 'case',
    at,
    actor,
    reason,
    before: entity.status,
    after: entity.status,
    data,
  });

  /** Projects the case's own events (stream 'case') and what goes with them; seq moves only on success. */
  async function project(
    events: CaseEvent[],
    extra: { approvals?: ApprovalPatchDto[]; notifications?: NotificationDto[]; casePatch?: CaseSummaryPatchDto } = {},
  ): Promise<void> {
    const sequenced = events.map((e, i) => ({ ...e, seq: entity.seq + i + 1 }));
    await acts.projectProcedure({ caseId, stream: 'case', events: sequenced, ...extra });
    entity.seq += events.length;
  }

  /** Signals a procedure; one that has already ended cannot take it, which is logged, not an error. */
  async function tell<A>(procedureId: string, signal: SignalDefinition<[A]>, arg: A): Promise<void> {
    try {
      await getExternalWorkflowHandle(procedureWorkflowId(caseId, procedureId)).signal(signal, arg);
    } catch (err) {
      log.warn('could not signal a procedure', { procedureId, signal: signal.name, error: String(err) });
    }
  }

  // ---- procedures ------------------------------------------------------------------------------

  /**
   * Starts a procedure as a child workflow and waits for its first report (it has projected its
   * start). Children are abandoned on parent close: the case workflow continues-as-new over months,
   * and its children must outlive each run; they report by signal to the case workflow id.
   */
  async function startProcedure(
    procedure: ProcedureId,
    input: Record<string, unknown>,
    actor: Actor,
    reason: string,
    first = false,
    from: string | null = null,
  ): Promise<string> {
    const procedureId = entity.nextProcedureId(procedure);
    const workflowId = procedureWorkflowId(caseId, procedureId);
    entity.starting.set(procedureId, procedure);
    const at = now();
    try {
      // By type name: importing the procedure workflow's module here would evaluate it in every case workflow.
      const handle = await startChild<typeof procedureWorkflow>('procedureWorkflow', {
        workflowId,
        parentClosePolicy: ParentClosePolicy.ABANDON,
        args: [
          {
            caseId,
            procedureId,
            procedure,
            input,
            actor,
            startedAt: at,
            facts: { sector: entity.facts.sector, jurisdiction: entity.facts.jurisdiction, hazardGrade: entity.facts.hazardGrade },
            assigneeId: entity.assigneeId,
            policyVersion: entity.policyVersion,
            parentWorkflowId: caseWorkflowId(caseId),
            ...(wf.continueAsNewAfterEvents !== undefined ? { continueAsNewAfterEvents: wf.continueAsNewAfterEvents } : {}),
            ...(first
              ? {
                  openCase: {
                    id: caseId,
                    ...entity.facts,
                    procedure,
                    assigneeId: entity.assigneeId,
                    openedBy: wf.actor.id,
                    openedAt: entity.openedAt,
                    workflowId: caseWorkflowId(caseId),
                  },
                }
              : {}),
          },
        ],
      });
      handle.result().catch((err: unknown) => {
        if (!entity.procedures.has(procedureId)) startFailures.set(procedureId, err);
      });
      await condition(() => entity.procedures.has(procedureId) || startFailures.has(procedureId));
    } catch (err) {
      startFailures.set(procedureId, err);
    }
    const failed = startFailures.get(procedureId);
    if (failed !== undefined) {
      entity.starting.delete(procedureId);
      throw startFailure(failed, procedureId);
    }
    if (!first) {
      // The child runs now: recording it must not fail the caller (a retry would start a second one).
      await persistently('procedure_started', () =>
        project([
          caseEvent('procedure_started', at, actor, reason, { procedureId, procedure, workflowId, ...(from !== null ? { from } : {}) }),
        ]),
      );
    }
    return procedureId;
  }

  /** Why a child did not start, as the typed failure of its start (e.g. DEADLINE_CONFIGURATION). */
  function startFailure(err: unknown, procedureId: string): ApplicationFailure {
    const cause = err instanceof ChildWorkflowFailure ? err.cause : err;
    if (cause instanceof ApplicationFailure) {
      const inner = cause.type === PROCEDURE_NOT_STARTED && cause.cause instanceof ApplicationFailure ? cause.cause : cause;
      return ApplicationFailure.create({
        type: inner.type ?? PROCEDURE_NOT_STARTED,
        message: inner.message,
        details: inner.details ? [...inner.details] : undefined,
        nonRetryable: true,
      });
    }
    return ApplicationFailure.create({
      type: PROCEDURE_NOT_STARTED,
      message: `${procedureId} did not start: ${String(cause)}`,
      nonRetryable: true,
    });
  }

  // ---- approvals -------------------------------------------------------------------------------

  async function requestApproval(
    req: ApprovalRequest,
    procedureId: string | null,
    requestedBy: Actor | null,
    at: string,
  ): Promise<PendingApproval> {
    const approval: PendingApproval = {
      approvalId: entity.nextApprovalId(),
      procedureId,
      kind: req.approval,
      approverRole: req.approverRole,
      summary: req.summary,
      data: req.data ?? {},
      requestedBy,
      requestedAt: at,
    };
    const jurisdiction =
      typeof approval.data['approverJurisdiction'] === 'string'
        ? (approval.data['approverJurisdiction'] as string)
        : entity.facts.jurisdiction;
    await project([caseEvent('approval_requested', at, requestedBy, req.summary, { approval })], {
      approvals: [approvalRow(caseId, approval, 'pending', null)],
      notifications: [
        noticeToRole({
          caseId,
          dedupeKey: `${caseId}:${approval.approvalId}:requested`,
          procedureId,
          kind: 'approval_requested',
          role: approval.approverRole,
          jurisdiction,
          payload: {
            titleZh: `待审批：${approval.kind}`,
            titleEn: `Awaiting approval: ${approval.kind}`,
            approvalId: approval.approvalId,
            summary: approval.summary,
          },
        }),
      ],
    });
    entity.addApproval(approval);
    return approval;
  }

  // ---- reacting to procedures ----------------------------------------------------------------

  /**
   * A request from a procedure or a link: start a procedure, ask for an approval, pause/resume the track.
   * `by` is the person whose act led here (none when a timer fired): what follows is done on their behalf.
   */
  async function fulfil(
    req: ParentRequest | LinkAction,
    from: string | null,
    at: string,
    viaLink = false,
    by: Actor | null = null,
  ): Promise<string> {
    switch (req.kind) {
      case 'notify': {
        const key = `${caseId}:notify:${from ?? 'case'}:${entity.seq + 1}:${req.recipientRole}`;
        await project([caseEvent('link_notification', at, null, req.summary, { from, recipientRole: req.recipientRole })], {
          notifications: [
            noticeToRole({
              caseId,
              dedupeKey: key,
              procedureId: from,
              kind: 'escalation',
              role: req.recipientRole,
              jurisdiction: entity.facts.jurisdiction,
              payload: { titleZh: '程序联动提醒', titleEn: 'Procedure link notice', summary: req.summary },
            }),
          ],
        });
        return `notified ${req.recipientRole}`;
      }
      case 'start_procedure': {
        try {
          const id = await startProcedure(
            req.procedure,
            req.input ?? {},
            by ?? processActor(entity.facts.jurisdiction),
            req.reason,
            false,
            from,
          );
          return `started ${id}`;
        } catch (err) {
          // A link that cannot start (no policy rule, input the machine refuses) is recorded, not fatal.
          const message = err instanceof Error ? err.message : String(err);
          await project([caseEvent('procedure_start_failed', at, null, req.reason, { procedure: req.procedure, from, error: message })]);
          return `could not start ${req.procedure}: ${message}`;
        }
      }
      case 'approval': {
        // A link's approval is the case's business (e.g. start the transfer once approved), not the procedure's.
        const a = await requestApproval(viaLink ? { ...req, data: { ...(req.data ?? {}), viaLink: true } } : req, from, by, at);
        return `approval ${a.kind} requested (${a.approvalId})`;
      }
      case 'pause_administrative':
        return pauseTrack(from, at);
      case 'resume_administrative':
        return resumeTrack(at);
      case 'completed':
        return 'completed';
    }
  }

  async function pauseTrack(from: string | null, at: string): Promise<string> {
    if (!pausesAdministrativeTrack(wf.links) || entity.administrativePaused) return 'administrative track not paused (links)';
    const paused = entity.activeProcedures().filter((p) => p.procedure !== 'criminal_transfer' && !p.suspended && p.procedureId !== from);
    await project([caseEvent('administrative_track_paused', at, null, null, { from, procedures: paused.map((p) => p.procedureId) })]);
    entity.administrativePaused = true;
    entity.pausedByTrack = paused.map((p) => p.procedureId);
    const actor = processActor(entity.facts.jurisdiction);
    for (const p of paused) {
      await tell(p.procedureId, suspendSignal, {
        reason: '行刑衔接期间行政程序中止 (administrative track paused during the transfer)',
        actor,
        cause: 'administrative_track',
      });
    }
    return `administrative track paused (${paused.length})`;
  }

  async function resumeTrack(at: string): Promise<string> {
    if (!entity.administrativePaused) return 'administrative track was not paused';
    const ids = entity.pausedByTrack;
    await project([caseEvent('administrative_track_resumed', at, null, null, { procedures: ids })]);
    entity.administrativePaused = false;
    entity.pausedByTrack = [];
    const actor = processActor(entity.facts.jurisdiction);
    for (const id of ids) {
      await tell(id, resumeSignal, {
        reason: '行刑衔接结束，行政程序恢复 (administrative track resumed)',
        actor,
        cause: 'administrative_track',
      });
    }
    return `administrative track resumed (${ids.length})`;
  }

  /** An escalation rung (fired by a timer, or taken by a supervisor): recorded once, acted on through the links. */
  /** Whether pending approvals' starts count as running for the links (patch; only asked when one is pending). */
  function pendingStartsCount(): boolean {
    return entity.approvedStarts().length > 0 && patched(PENDING_STARTS_COUNT_AS_ACTIVE);
  }

  async function escalation(
    procedureId: string,
    step: string,
    dueAt: string,
    rung: number | null,
    action: string,
    at: string,
    manual: { actor: Actor; reason: string } | null,
  ): Promise<void> {
    const p = entity.procedure(procedureId);
    const key = rungKey(procedureId, step, dueAt, rung ?? `manual-${action}-${entity.escalations.length + 1}`);
    const already = entity.takenRungs.has(key);
    let effect = 'already taken';
    if (!already) {
      const effects: string[] = [];
      const event: CaseLinkEvent = { on: 'escalation_rung', procedure: p?.procedure ?? 'rectification', procedureId, action, step };
      for (const req of reactionsTo(wf.links, entity, event, pendingStartsCount()))
        effects.push(await fulfil(req, procedureId, at, true, manual?.actor ?? null));
      effect = effects.join('; ') || 'recorded';
      entity.takenRungs.add(key);
    }
    const record = { procedureId, step, action, rung, at, manual: manual !== null, effect };
    await project(
      [caseEvent(manual ? 'escalated_manually' : 'escalation_recorded', at, manual?.actor ?? null, manual?.reason ?? null, record)],
      {
        notifications: manual
          ? [
              noticeToUser({
                caseId,
                dedupeKey: `${caseId}:${key}:manual`,
                procedureId,
                kind: 'escalation',
                userId: entity.assigneeId,
                payload: { titleZh: `督办升级：${action}`, titleEn: `Escalated by a supervisor: ${action}`, step, rung, effect },
              }),
            ]
          : [],
      },
    );
    entity.escalations.push(record);
  }

  /**
   * The procedure ended: what it still waited to have approved lapses (an extension or suspension of
   * its clock, a level or a closure its machine asked for) — nobody may decide it any more, and an
   * approval left pending kept the case open for good. A link's approval (a rung asking the agency
   * head about a transfer) is the case's business and stays. Patch: histories from before kept them.
   */
  async function lapseApprovalsOf(procedureId: string, at: string): Promise<string> {
    const lapsing = entity.approvals.filter((a) => a.procedureId === procedureId && a.data['viaLink'] !== true);
    if (lapsing.length === 0 || !patched(APPROVALS_LAPSE_WITH_THEIR_PROCEDURE)) return 'nothing lapsed';
    const reason = '程序已结束，申请失效 (the procedure ended; the request lapsed)';
    const system = processActor(entity.facts.jurisdiction);
    await project(
      lapsing.map((a) => caseEvent('approval_lapsed', at, null, reason, { approvalId: a.approvalId, kind: a.kind, procedureId })),
      { approvals: lapsing.map((a) => approvalRow(caseId, a, 'returned', { by: system.id, at, reason })) },
    );
    for (const a of lapsing) entity.removeApproval(a.approvalId);
    return `lapsed ${lapsing.map((a) => a.approvalId).join(', ')}`;
  }

  /**
   * What follows a child's report (its snapshot is already in the entity), as steps run in order. A
   * step that failed on the database is retried from where it stopped, so nothing is done twice.
   */
  function reactionSteps(report: ProcedureReport): (() => Promise<unknown>)[] {
    const p = report.snapshot;
    const by = report.actor ?? null;
    const steps: (() => Promise<unknown>)[] = report.requests.map((req) => () => fulfil(req, report.procedureId, report.at, false, by));
    const e = report.escalation;
    if (report.kind === 'escalation' && e)
      steps.push(() => escalation(report.procedureId, e.step, e.dueAt, e.rung, e.action, report.at, null));
    const linkEvent: CaseLinkEvent | null =
      report.kind === 'started'
        ? { on: 'procedure_started', procedure: p.procedure, procedureId: p.procedureId }
        : report.kind === 'completed'
          ? { on: 'procedure_completed', procedure: p.procedure, procedureId: p.procedureId, outcome: p.outcome ?? '' }
          : null;
    if (report.kind === 'completed') steps.push(() => lapseApprovalsOf(p.procedureId, report.at));
    // The links are read when the step runs (after the requests above): "unless active" sees what they started.
    if (linkEvent) {
      steps.push(async () => {
        for (const req of reactionsTo(wf.links, entity, linkEvent, pendingStartsCount()))
          await fulfil(req, p.procedureId, report.at, true, by);
      });
    }
    steps.push(() => closeIfDone(report.at));
    return steps;
  }

  function react(report: ProcedureReport): Promise<void> {
    const steps = reactionSteps(report);
    let done = 0;
    return persistently(`report ${report.reportId}`, async () => {
      while (done < steps.length) {
        await steps[done]!();
        done++;
      }
    });
  }

  async function closeIfDone(at: string): Promise<void> {
    if (!entity.finished()) return;
    await project(
      [
        caseEvent('case_closed', at, null, null, {
          procedures: [...entity.procedures.values()].map((p) => ({ procedureId: p.procedureId, outcome: p.outcome })),
        }),
      ],
      {
        casePatch: { status: 'closed', closedAt: at },
      },
    );
    entity.status = 'closed';
  }

  /** A start input as a person gave it, completed from the pinned links (the links win: thresholds, the transfer's pause). */
  const linked = (procedure: ProcedureId, input: Record<string, unknown>) =>
    withLinkedStartInput(wf.links, procedure, input, { caseJurisdiction: entity.facts.jurisdiction });

  // ---- handlers --------------------------------------------------------------------------------

  setHandler(caseStateQuery, () => entity.snapshot());

  setHandler(procedureReportSignal, (report) => {
    // Applied at once (whoever waits for a start sees it); reactions run in order with the updates.
    if (!entity.receive(report)) return;
    if (entity.status === 'opening' && report.kind === 'started') entity.status = 'open';
    return serialised(() => react(report));
  });

  setHandler(caseOpenedUpdate, async () => {
    await condition(() => entity.status !== 'opening' || openingFailed !== undefined);
    if (openingFailed !== undefined) throw openingFailed;
    return entity.snapshot();
  });

  registerCaseUpdates({
    wf,
    entity,
    serialised,
    project,
    caseEvent,
    tell,
    startProcedure,
    requestApproval,
    escalation,
    fulfil,
    closeIfDone,
    linked,
  });

  // ---- opening ---------------------------------------------------------------------------------

  if (!wf.carried) {
    try {
      const { procedure, input } = wf.initialProcedure;
      await serialised(() => startProcedure(procedure, linked(procedure, input), wf.actor, 'case opened', true));
    } catch (err) {
      const failure = typedFailure(err);
      if (!(failure instanceof ApplicationFailure)) throw err;
      openingFailed = failure;
      await condition(allHandlersFinished);
      throw ApplicationFailure.create({
        type: CASE_NOT_OPENED,
        message: `the case was not opened: ${failure.message}`,
        details: [{ cause: failure.type }],
        nonRetryable: true,
        cause: failure,
      });
    }
  }

  // ---- live until closed; continue-as-new when the history grows -------------------------------

  const threshold = wf.continueAsNewAfterEvents;
  const shouldContinueAsNew = () =>
    workflowInfo().continueAsNewSuggested || (threshold !== undefined && workflowInfo().historyLength >= threshold);
  await condition(() => entity.status === 'closed' || shouldContinueAsNew());
  await condition(allHandlersFinished);
  if (entity.status !== 'closed') {
    await continueAsNew<typeof caseWorkflow>({ ...wf, carried: entity.carry() });
  }
  return entity.snapshot();
}
