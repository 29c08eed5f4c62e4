import type { UpdateDefinition } from '@temporalio/common';
import { ApplicationFailure, currentUpdateInfo, patched, setHandler, type SignalDefinition } from '@temporalio/workflow';
import {
  type AppliedCaseUpdate,
  approvalDecidedSignal,
  type ApprovalPatchDto,
  assigneeSignal,
  CASE_CLOSED,
  APPROVAL_PENDING,
  PROCEDURE_CATCHING_UP,
  PROCEDURE_NOT_STARTABLE,
  CASE_ITEM_NOT_FOUND,
  type CaseSummaryPatchDto,
  type CaseWorkflowInput,
  decideApprovalUpdate,
  escalateUpdate,
  extendSignal,
  type NotificationDto,
  type PendingApproval,
  procedureWorkflowId,
  reassignUpdate,
  rearmDeadlinesSignal,
  rearmDeadlinesUpdate,
  requestExtensionUpdate,
  requestSuspensionUpdate,
  resumeProcedureUpdate,
  resumeSignal,
  ROLE_NOT_ALLOWED,
  startProcedureUpdate,
  suspendSignal,
} from '@anjian/contracts';
import { type Actor } from '@anjian/domain/src/actor/actor';
import { type CaseEvent } from '@anjian/domain/src/case/case-event';
import { type ProcedureId } from '@anjian/domain/src/catalog/procedure';
import { machineFor } from '@anjian/domain/src/procedures/machines';
import { type LinkAction, manualStartsAllowed, withLinkedStartInput } from '@anjian/domain/src/procedures/procedure-links';
import { type ParentRequest } from '@anjian/domain/src/procedures/procedure-machine';
import { withArticle } from '@anjian/domain/src/text/article';
import type { z } from 'zod';
import { invalidInput, machineFailure, orRefuse, refusal, zodIssues } from '../procedure/workflow-failures';
import {
  CASE_UPDATE_ROLES,
  DecideApprovalCommandSchema,
  EscalateCommandSchema,
  ReassignCommandSchema,
  RearmDeadlinesCommandSchema,
  RequestExtensionCommandSchema,
  RequestSuspensionCommandSchema,
  ResumeProcedureCommandSchema,
  StartProcedureCommandSchema,
} from './case-commands';
import { type ApprovalRequest, approvalStarts, type CaseEntity } from './case-entity';
import { PENDING_STARTS_COUNT_AS_ACTIVE, reactionsTo } from './case-links';
import { approvalRow, noticeToUser } from './case-records';

const now = () => new Date().toISOString();
/** The procedure a link's approval request starts once approved, if any. */
const approvalStartsOf = (r: LinkAction): ProcedureId | undefined =>
  r.kind === 'approval' ? (r.data?.['onApproved'] as { startProcedure?: ProcedureId } | undefined)?.startProcedure : undefined;

/** What the update handlers need from the case workflow (its state and its I/O), see case.workflow.ts. */
export interface CaseShell {
  wf: CaseWorkflowInput;
  entity: CaseEntity;
  serialised: <T>(fn: () => Promise<T>) => Promise<T>;
  project: (
    events: CaseEvent[],
    extra?: { approvals?: ApprovalPatchDto[]; notifications?: NotificationDto[]; casePatch?: CaseSummaryPatchDto },
  ) => Promise<void>;
  caseEvent: (type: string, at: string, actor: Actor | null, reason: string | null, data: Record<string, unknown>) => CaseEvent;
  tell: <A>(procedureId: string, signal: SignalDefinition<[A]>, arg: A) => Promise<void>;
  startProcedure: (procedure: ProcedureId, input: Record<string, unknown>, actor: Actor, reason: string) => Promise<string>;
  requestApproval: (req: ApprovalRequest, procedureId: string | null, requestedBy: Actor | null, at: string) => Promise<PendingApproval>;
  escalation: (
    procedureId: string,
    step: string,
    dueAt: string,
    rung: number | null,
    action: string,
    at: string,
    manual: { actor: Actor; reason: string } | null,
  ) => Promise<void>;
  fulfil: (req: ParentRequest | LinkAction, from: string | null, at: string, viaLink?: boolean, by?: Actor | null) => Promise<string>;
  closeIfDone: (at: string) => Promise<void>;
  linked: (procedure: ProcedureId, input: Record<string, unknown>) => Record<string, unknown>;
}

/**
 * The case-level updates (what officers, supervisors, the agency head and administrators send the case
 * workflow). Each validator checks input, role and the case's state before anything reaches history;
 * each handler runs serialised with the reactions to the procedures' reports.
 */
export function registerCaseUpdates(shell: CaseShell): void {
  const { wf, entity, serialised, project, caseEvent, tell, startProcedure, requestApproval, escalation, fulfil, closeIfDone, linked } =
    shell;
  const caseId = wf.caseId;

  /**
   * `setHandler` for an update applied at most once per update id, across runs too (applied-updates.ts):
   * a retry that reaches a later run skips its validator (the state has moved on since) and is answered
   * by `again` from what the first application recorded, without applying it again.
   */
  function setOnceHandler<Ret, Args extends [unknown]>(
    def: UpdateDefinition<Ret, Args>,
    handler: (...args: Args) => Promise<Ret>,
    options: { validator: (...args: Args) => void },
    again: (earlier: AppliedCaseUpdate) => Ret,
    record: (result: Ret) => Omit<AppliedCaseUpdate, 'id'> = () => ({}),
  ): void {
    setHandler(
      def,
      (...args: Args) => {
        const id = currentUpdateInfo()?.id;
        const earlier = entity.appliedUpdate(id);
        if (earlier) return Promise.resolve(again(earlier));
        return handler(...args).then((result) => {
          if (id !== undefined) entity.rememberUpdate({ ...record(result), id });
          return result;
        });
      },
      {
        validator: (...args: Args) => {
          if (!entity.appliedUpdate(currentUpdateInfo()?.id)) options.validator(...args);
        },
      },
    );
  }
  const snapshotAgain = () => entity.snapshot();

  /** Runs before the update is accepted: input, role and the case's state; a refused update never reaches history. */
  function validate<S extends z.ZodType>(name: string, schema: S, cmd: unknown): z.infer<S> {
    const parsed = schema.safeParse(cmd);
    if (!parsed.success) throw invalidInput(zodIssues(parsed.error));
    const value = parsed.data as z.infer<S> & { actor: Actor };
    const roles = CASE_UPDATE_ROLES[name];
    if (roles && !roles.includes(value.actor.role)) {
      throw refusal(ROLE_NOT_ALLOWED, `role "${value.actor.role}" may not ${name}`, {
        action: name,
        role: value.actor.role,
        roles: [...roles],
      });
    }
    if (entity.status === 'opening')
      throw ApplicationFailure.create({ type: 'NotReady', message: 'the case is still being opened', nonRetryable: true });
    if (entity.status === 'closed') throw refusal(CASE_CLOSED, 'the case is closed', { action: name });
    return value;
  }

  /** One request of a kind at a time per procedure (and step): a second one waits for the first decision. */
  function refuseIfPending(action: string, kind: 'suspension' | 'extension', procedureId: string, step: string | null): void {
    const pending = entity.approvals.find(
      (a) =>
        a.kind === kind &&
        a.procedureId === procedureId &&
        a.data['requestedByCase'] === true &&
        (step === null || a.data['step'] === step),
    );
    if (pending) {
      throw refusal(APPROVAL_PENDING, `${withArticle(kind)} request for ${procedureId} already awaits a decision (${pending.approvalId})`, {
        action,
        approvalId: pending.approvalId,
      });
    }
  }

  /**
   * The procedure as this workflow knows it, active. With `knownSeq` (validators only) it must also know
   * at least what the caller saw: a report still in flight is not judged on an older copy (contract:
   * KnownProcedureSeq); the API asks again a moment later.
   */
  function activeProcedure(procedureId: string, action: string, knownSeq?: number) {
    const p = entity.procedure(procedureId);
    if (!p) throw refusal(CASE_ITEM_NOT_FOUND, `no procedure ${procedureId} in this case`, { procedureId });
    if (knownSeq !== undefined && p.seq < knownSeq) {
      throw refusal(PROCEDURE_CATCHING_UP, `the case has not yet taken ${procedureId}'s change ${knownSeq} (it knows ${p.seq})`, {
        procedureId,
        knownSeq,
        seq: p.seq,
      });
    }
    if (p.status !== 'active') {
      throw refusal('ProcedureEnded', `${procedureId} has ended`, { action, currentStep: p.step, allowedActions: [] });
    }
    return p;
  }

  setOnceHandler(
    startProcedureUpdate,
    (cmd) =>
      serialised(async () => {
        const input = machineFor(cmd.procedure).startInput.parse(linked(cmd.procedure, cmd.input ?? {})) as Record<string, unknown>;
        const procedureId = await startProcedure(cmd.procedure, input, cmd.actor, cmd.reason);
        return { procedureId, workflowId: procedureWorkflowId(caseId, procedureId), case: entity.snapshot() };
      }),
    {
      validator: (cmd) => {
        const v = validate('startProcedure', StartProcedureCommandSchema, cmd);
        // The pinned links say who may start what by hand, and when (a procedure never runs twice at once).
        const allowed = manualStartsAllowed(wf.links, entity.manualStartContext(v.actor.role));
        if (!allowed.includes(v.procedure)) {
          throw refusal(PROCEDURE_NOT_STARTABLE, `${v.procedure} cannot be started by ${withArticle(v.actor.role)} on this case now`, {
            procedure: v.procedure,
            allowedProcedures: allowed,
          });
        }
        let machine;
        try {
          machine = machineFor(v.procedure);
        } catch {
          throw refusal(CASE_ITEM_NOT_FOUND, `procedure ${v.procedure} is not available yet`, { procedure: v.procedure });
        }
        const input = machine.startInput.safeParse(linked(v.procedure, v.input));
        if (!input.success) throw invalidInput(zodIssues(input.error, ['input']));
        // A dry run of the pure machine's start: what only it checks (a deadline that must lie ahead) is refused here too.
        try {
          machine.start(`${v.procedure}-0`, input.data, { at: now(), actor: v.actor });
        } catch (err) {
          throw machineFailure(err, 'start');
        }
      },
    },
    (earlier) => ({
      procedureId: earlier.procedureId!,
      workflowId: procedureWorkflowId(caseId, earlier.procedureId!),
      case: entity.snapshot(),
    }),
    (started) => ({ procedureId: started.procedureId }),
  );

  setOnceHandler(
    decideApprovalUpdate,
    (cmd) =>
      serialised(async () => {
        const a = entity.approval(cmd.approvalId);
        if (!a) throw refusal(CASE_ITEM_NOT_FOUND, `approval ${cmd.approvalId} is not pending`, { approvalId: cmd.approvalId });
        const at = now();
        const notifications: NotificationDto[] = a.requestedBy
          ? [
              noticeToUser({
                caseId,
                dedupeKey: `${caseId}:${a.approvalId}:decided`,
                procedureId: a.procedureId,
                kind: 'approval_decided',
                userId: a.requestedBy.id,
                payload: {
                  titleZh: `审批结果：${cmd.decision === 'approved' ? '批准' : '退回'}`,
                  titleEn: `Approval ${cmd.decision}`,
                  approvalId: a.approvalId,
                  kind: a.kind,
                  reason: cmd.reason,
                },
              }),
            ]
          : [];
        await orRefuse(
          project(
            [
              caseEvent('approval_decided', at, cmd.actor, cmd.reason, {
                approvalId: a.approvalId,
                kind: a.kind,
                decision: cmd.decision,
                procedureId: a.procedureId,
              }),
            ],
            {
              approvals: [approvalRow(caseId, a, cmd.decision, { by: cmd.actor.id, at, reason: cmd.reason })],
              notifications,
            },
          ),
        );
        entity.removeApproval(a.approvalId);
        await forwardDecision(a, cmd.decision, cmd.reason, cmd.actor);
        await orRefuse(closeIfDone(at));
        return entity.snapshot();
      }),
    {
      validator: (cmd) => {
        const v = validate('decideApproval', DecideApprovalCommandSchema, cmd);
        const a = entity.approval(v.approvalId);
        if (!a) throw refusal(CASE_ITEM_NOT_FOUND, `approval ${v.approvalId} is not pending`, { approvalId: v.approvalId });
        if (v.actor.role !== a.approverRole) {
          throw refusal(ROLE_NOT_ALLOWED, `approval ${a.approvalId} (${a.kind}) is decided by ${a.approverRole}`, {
            action: 'decideApproval',
            role: v.actor.role,
            roles: [a.approverRole],
          });
        }
        // Approving would start a procedure that already runs (a transfer started meanwhile, by hand or
        // by another approval): a procedure never runs twice at once. Returning it stays possible.
        const starts = approvalStarts(a);
        if (v.decision === 'approved' && starts && entity.activeProcedures().some((p) => p.procedure === starts)) {
          throw refusal(PROCEDURE_NOT_STARTABLE, `${starts} already runs on this case: return approval ${a.approvalId} instead`, {
            procedure: starts,
            allowedProcedures: [],
          });
        }
      },
    },
    snapshotAgain,
  );

  /** The case's own approvals (extension, suspension) act on the child; a machine's go back to it. */
  async function forwardDecision(a: PendingApproval, decision: 'approved' | 'returned', reason: string, actor: Actor): Promise<void> {
    const starts = approvalStarts(a);
    if (a.data['viaLink'] === true) {
      if (decision === 'approved' && starts) {
        const procedure = starts;
        // Started since the validator let this decision through: recorded, not started twice.
        if (entity.activeProcedures().some((p) => p.procedure === procedure) && patched(PENDING_STARTS_COUNT_AS_ACTIVE)) {
          await project([
            caseEvent('procedure_start_failed', now(), actor, `approved: ${a.summary}`, {
              procedure,
              from: a.procedureId,
              error: `${procedure} already runs on this case`,
            }),
          ]);
          return;
        }
        const input = withLinkedStartInput(
          wf.links,
          procedure,
          {},
          { caseJurisdiction: entity.facts.jurisdiction, sourceProcedureId: a.procedureId ?? undefined },
        );
        await fulfil({ kind: 'start_procedure', procedure, reason: `approved: ${a.summary}`, input }, a.procedureId, now(), false, actor);
      }
      return;
    }
    if (!a.procedureId) return;
    const id = a.procedureId;
    if (a.data['requestedByCase'] === true) {
      if (decision !== 'approved') return;
      if (a.kind === 'extension') {
        await tell(id, extendSignal, {
          step: String(a.data['step']),
          newDueAt: String(a.data['newDueAt']),
          reason: String(a.data['reason'] ?? reason),
          actor,
          approvalId: a.approvalId,
        });
      } else if (a.kind === 'suspension') {
        await tell(id, suspendSignal, { reason: String(a.data['reason'] ?? reason), actor, cause: a.approvalId });
      }
      return;
    }
    const p = entity.procedure(a.procedureId);
    if (p && p.status === 'active')
      await tell(id, approvalDecidedSignal, { approvalId: a.approvalId, approval: a.kind, decision, reason, actor });
  }

  setOnceHandler(
    requestExtensionUpdate,
    (cmd) =>
      serialised(async () => {
        const p = activeProcedure(cmd.procedureId, 'requestExtension');
        const current = p.deadlines.find((d) => d.step === cmd.step)!;
        await orRefuse(
          requestApproval(
            {
              kind: 'approval',
              approval: 'extension',
              approverRole: 'supervisor',
              summary: `延期申请 ${cmd.procedureId}/${cmd.step}: ${current.dueAt} → ${cmd.newDueAt}`,
              data: { requestedByCase: true, step: cmd.step, currentDueAt: current.dueAt, newDueAt: cmd.newDueAt, reason: cmd.reason },
            },
            cmd.procedureId,
            cmd.actor,
            now(),
          ),
        );
        return entity.snapshot();
      }),
    {
      validator: (cmd) => {
        const v = validate('requestExtension', RequestExtensionCommandSchema, cmd);
        const p = activeProcedure(v.procedureId, 'requestExtension', v.knownSeq);
        const d = p.deadlines.find((x) => x.step === v.step);
        if (!d) throw invalidInput([{ path: ['step'], message: `no deadline is armed for step "${v.step}" of ${v.procedureId}` }]);
        if (Date.parse(v.newDueAt) <= Date.parse(d.dueAt)) {
          throw invalidInput([{ path: ['newDueAt'], message: `must be later than the current deadline ${d.dueAt}` }]);
        }
        refuseIfPending('requestExtension', 'extension', v.procedureId, v.step);
      },
    },
    snapshotAgain,
  );

  setOnceHandler(
    requestSuspensionUpdate,
    (cmd) =>
      serialised(async () => {
        activeProcedure(cmd.procedureId, 'requestSuspension');
        await orRefuse(
          requestApproval(
            {
              kind: 'approval',
              approval: 'suspension',
              approverRole: 'supervisor',
              summary: `中止申请 ${cmd.procedureId}: ${cmd.reason}`,
              data: { requestedByCase: true, reason: cmd.reason },
            },
            cmd.procedureId,
            cmd.actor,
            now(),
          ),
        );
        return entity.snapshot();
      }),
    {
      validator: (cmd) => {
        const v = validate('requestSuspension', RequestSuspensionCommandSchema, cmd);
        const p = activeProcedure(v.procedureId, 'requestSuspension', v.knownSeq);
        if (p.suspended)
          throw refusal('ProcedureSuspended', `${v.procedureId} is already suspended`, {
            action: 'requestSuspension',
            currentStep: p.step,
            allowedActions: ['resumeProcedure'],
          });
        refuseIfPending('requestSuspension', 'suspension', v.procedureId, null);
      },
    },
    snapshotAgain,
  );

  setOnceHandler(
    resumeProcedureUpdate,
    (cmd) =>
      serialised(async () => {
        const at = now();
        await orRefuse(project([caseEvent('procedure_resume_requested', at, cmd.actor, cmd.reason, { procedureId: cmd.procedureId })]));
        await tell(cmd.procedureId, resumeSignal, { reason: cmd.reason, actor: cmd.actor, cause: 'resumed' });
        return entity.snapshot();
      }),
    {
      validator: (cmd) => {
        const v = validate('resumeProcedure', ResumeProcedureCommandSchema, cmd);
        const p = activeProcedure(v.procedureId, 'resumeProcedure', v.knownSeq);
        if (!p.suspended)
          throw refusal('ProcedureNotSuspended', `${v.procedureId} is not suspended`, {
            action: 'resumeProcedure',
            currentStep: p.step,
            allowedActions: [],
          });
        if (entity.pausedByTrack.includes(v.procedureId)) {
          throw refusal('ProcedureNotSuspended', `${v.procedureId} is paused while the transfer runs (行刑衔接)`, {
            action: 'resumeProcedure',
            currentStep: p.step,
            allowedActions: [],
          });
        }
      },
    },
    snapshotAgain,
  );

  setOnceHandler(
    escalateUpdate,
    (cmd) =>
      serialised(async () => {
        const at = now();
        const next = entity.nextRung(cmd.procedureId);
        const p = activeProcedure(cmd.procedureId, 'escalate');
        const action = cmd.action ?? next!.action;
        const rung = next && next.action === action ? next : null;
        await orRefuse(
          escalation(cmd.procedureId, rung?.step ?? p.step, rung?.dueAt ?? '', rung?.rung ?? null, action, at, {
            actor: cmd.actor,
            reason: cmd.reason,
          }),
        );
        return entity.snapshot();
      }),
    {
      validator: (cmd) => {
        const v = validate('escalate', EscalateCommandSchema, cmd);
        const p = activeProcedure(v.procedureId, 'escalate', v.knownSeq);
        const next = entity.nextRung(v.procedureId);
        if (!v.action && !next) {
          throw refusal('ActionNotAllowed', `${v.procedureId} has no further escalation rung; name the action`, {
            action: 'escalate',
            currentStep: p.step,
            allowedActions: [],
          });
        }
        // A rung that asks to approve starting a procedure another pending approval already asks for
        // (a second transfer request): refused, naming the pending one, rather than recorded to no effect.
        const action = v.action ?? next!.action;
        const event = { on: 'escalation_rung', procedure: p.procedure, procedureId: v.procedureId, action, step: p.step } as const;
        const pendingStarts = entity.approvedStarts();
        const duplicate = reactionsTo(wf.links, entity, event).find(
          (r) => r.kind === 'approval' && pendingStarts.includes(approvalStartsOf(r) as ProcedureId),
        );
        if (duplicate) {
          const procedure = approvalStartsOf(duplicate)!;
          const pending = entity.approvals.find((a) => approvalStarts(a) === procedure)!;
          throw refusal(
            PROCEDURE_NOT_STARTABLE,
            `approval ${pending.approvalId} to start ${procedure} is already pending: decide it first`,
            {
              procedure,
              allowedProcedures: [],
            },
          );
        }
      },
    },
    snapshotAgain,
  );

  setOnceHandler(
    reassignUpdate,
    (cmd) =>
      serialised(async () => {
        const at = now();
        const before = entity.assigneeId;
        await orRefuse(
          project([caseEvent('case_reassigned', at, cmd.actor, cmd.reason, { before, after: cmd.assigneeId })], {
            casePatch: { assigneeId: cmd.assigneeId },
            notifications: [
              noticeToUser({
                caseId,
                dedupeKey: `${caseId}:assigned:${entity.seq + 1}`,
                procedureId: null,
                kind: 'assigned',
                userId: cmd.assigneeId,
                payload: { titleZh: '案件已指派给您', titleEn: 'A case was assigned to you', before, reason: cmd.reason },
              }),
            ],
          }),
        );
        entity.assigneeId = cmd.assigneeId;
        for (const p of entity.activeProcedures()) await tell(p.procedureId, assigneeSignal, { assigneeId: cmd.assigneeId });
        return entity.snapshot();
      }),
    { validator: (cmd) => void validate('reassign', ReassignCommandSchema, cmd) },
    snapshotAgain,
  );

  setOnceHandler(
    rearmDeadlinesUpdate,
    (cmd) =>
      serialised(async () => {
        const at = now();
        await orRefuse(
          project(
            [
              caseEvent('policy_moved', at, cmd.actor, cmd.reason, {
                before: entity.policyVersion,
                after: cmd.policyVersion,
                cause: cmd.cause,
              }),
            ],
            {
              casePatch: { policyVersion: cmd.policyVersion },
            },
          ),
        );
        entity.policyVersion = cmd.policyVersion;
        for (const p of entity.activeProcedures()) {
          await tell(p.procedureId, rearmDeadlinesSignal, {
            policyVersion: cmd.policyVersion,
            reason: cmd.reason,
            cause: cmd.cause,
            actor: cmd.actor,
          });
        }
        return entity.snapshot();
      }),
    { validator: (cmd) => void validate('rearmDeadlines', RearmDeadlinesCommandSchema, cmd) },
    snapshotAgain,
  );
}
