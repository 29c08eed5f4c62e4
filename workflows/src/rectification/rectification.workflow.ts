import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  proxyLocalActivities,
  setHandler,
} from '@temporalio/workflow';
import {
  ACTION_NOT_ALLOWED,
  INVALID_INPUT,
  type ActionRefusal,
  type CaseActivities,
  type CasePatchDto,
  type NewCaseDto,
  openedUpdate,
  rearmDeadlineUpdate,
  recordVerificationUpdate,
  rectificationStateQuery,
  type RectificationSnapshot,
  type RectificationWorkflowInput,
  rectificationWorkflowId,
  submitReportUpdate,
} from '@anjian/contracts';
import {
  allowedActions,
  deadlinePassed,
  issueOrder,
  PROCEDURE,
  rearmDeadline,
  RearmDeadlineCommand,
  RecordVerificationCommand,
  recordVerification,
  type RectificationAction,
  type RectificationState,
  SubmitReportCommand,
  submitReport,
  type Transition,
} from '@anjian/domain';
import type { z } from 'zod';

/**
 * Local activities: the projection write sits on every transition's path, and a local activity
 * avoids a task-queue round trip (platform.md: long tails with ordinary activities under load).
 * Writes are idempotent (sequence numbers), so a local-activity retry never writes twice.
 */
const acts = proxyLocalActivities<CaseActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '200ms', maximumInterval: '10s' },
});

/** Inside an update, an activity's failure must fail the update, not the workflow task. */
async function orRefuse<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure) {
      throw ApplicationFailure.create({ type: err.cause.type ?? 'ActivityFailed', message: err.cause.message, nonRetryable: true });
    }
    throw err;
  }
}

/** The rectification order (责令限期整改): a thin shell around the pure machine in @anjian/domain. */
export async function rectificationWorkflow(wf: RectificationWorkflowInput): Promise<RectificationSnapshot> {
  const { caseId, input } = wf;
  let state: RectificationState | undefined;
  let seq = 0;
  let busy: Promise<unknown> = Promise.resolve();

  const snapshot = (): RectificationSnapshot => {
    if (!state) throw ApplicationFailure.nonRetryable('the case is still being opened', 'NotReady');
    return { caseId, procedure: 'rectification', state, allowedActions: allowedActions(state), seq };
  };
  const patchOf = (s: RectificationState): CasePatchDto => ({
    step: s.step,
    status: s.step === 'closed' ? 'closed' : 'open',
    deadline: s.deadline,
    overdue: s.overdue,
    failures: s.failures,
    closedAt: null,
    policyVersion: s.deadline?.policyVersion ?? null,
  });

  /** Applies a transition and projects it before anyone observes the new state. */
  async function commit(t: Transition, open?: NewCaseDto): Promise<void> {
    const events = t.events.map((e) => ({ ...e, seq: ++seq }));
    const patch = patchOf(t.state);
    if (t.state.step === 'closed') patch.closedAt = events[events.length - 1]?.at ?? new Date().toISOString();
    if (events.length > 0) await acts.projectCase({ caseId, events, patch, open });
    state = t.state;
  }

  /** Officer actions run one at a time, so each sees the state the previous one left. */
  function serialised<T>(fn: () => Promise<T>): Promise<T> {
    const run = busy.then(fn);
    busy = run.catch(() => undefined);
    return run;
  }

  function refuse(action: string): never {
    const s = state!;
    const details: ActionRefusal = { action, currentStep: s.step, allowedActions: allowedActions(s) };
    throw ApplicationFailure.create({
      type: ACTION_NOT_ALLOWED,
      message: `"${action}" is not allowed in step "${s.step}"`,
      details: [details],
      nonRetryable: true,
    });
  }

  /** Runs before the update is accepted: a refused update never reaches history. */
  function validate<S extends z.ZodType>(schema: S, action: RectificationAction | 'rearmDeadline', cmd: unknown): void {
    const parsed = schema.safeParse(cmd);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message }));
      throw ApplicationFailure.create({ type: INVALID_INPUT, message: 'invalid input', details: [issues], nonRetryable: true });
    }
    if (!state) throw ApplicationFailure.create({ type: 'NotReady', message: 'the case is still being opened', nonRetryable: true });
    const allowed = action === 'rearmDeadline' ? state.deadline !== null : allowedActions(state).includes(action);
    if (!allowed) refuse(action);
  }

  setHandler(rectificationStateQuery, snapshot);
  setHandler(openedUpdate, async () => {
    await condition(() => state !== undefined);
    return snapshot();
  });

  setHandler(
    submitReportUpdate,
    (cmd) =>
      serialised(async () => {
        if (!allowedActions(state!).includes('submitReport')) refuse('submitReport');
        const at = new Date().toISOString();
        const recheck = await orRefuse(acts.armDeadline(request('recheck', at)));
        await commit(submitReport(state!, cmd.input, cmd.actor, at, recheck));
        return snapshot();
      }),
    { validator: (cmd) => validate(SubmitReportCommand, 'submitReport', cmd) },
  );

  setHandler(
    recordVerificationUpdate,
    (cmd) =>
      serialised(async () => {
        if (!allowedActions(state!).includes('recordVerification')) refuse('recordVerification');
        const at = new Date().toISOString();
        const next =
          cmd.input.result === 'failed'
            ? await orRefuse(acts.armDeadline({ ...request('report', at), explicitDueAt: cmd.input.newReportDueAt }))
            : null;
        await commit(recordVerification(state!, cmd.input, cmd.actor, at, next));
        return snapshot();
      }),
    { validator: (cmd) => validate(RecordVerificationCommand, 'recordVerification', cmd) },
  );

  setHandler(
    rearmDeadlineUpdate,
    (cmd) =>
      serialised(async () => {
        const armed = state!.deadline;
        if (!armed) refuse('rearmDeadline');
        const at = new Date().toISOString();
        // The clock still counts from the event that started it; an order's own date stays as written.
        const next = await orRefuse(
          acts.armDeadline({
            ...request(armed.step, armed.start),
            policyVersion: cmd.policyVersion,
            explicitDueAt: armed.origin === 'order' ? armed.dueAt : undefined,
          }),
        );
        await commit(rearmDeadline(state!, next, cmd.actor, at, cmd.reason, cmd.cause));
        return snapshot();
      }),
    { validator: (cmd) => validate(RearmDeadlineCommand, 'rearmDeadline', cmd) },
  );

  function request(step: string, start: string) {
    return {
      procedure: PROCEDURE,
      step,
      sector: input.sector,
      jurisdiction: input.jurisdiction,
      hazardGrade: input.hazardGrade,
      start,
      policyVersion: state?.deadline?.policyVersion ?? null,
    };
  }

  // Issue the order: arm the report deadline (the order's own date, or the pinned policy's period).
  const reportDeadline = await acts.armDeadline({ ...request('report', wf.openedAt), explicitDueAt: input.reportDueAt });
  await commit(issueOrder(caseId, reportDeadline, wf.actor, wf.openedAt, input.orderKind), {
    id: caseId,
    title: input.title,
    description: input.description,
    source: input.source,
    sector: input.sector,
    jurisdiction: input.jurisdiction,
    hazardGrade: input.hazardGrade,
    enterprise: input.enterprise,
    procedure: PROCEDURE,
    assigneeId: wf.actor.id,
    openedBy: wf.actor.id,
    openedAt: wf.openedAt,
    policyVersion: reportDeadline.policyVersion,
    workflowId: rectificationWorkflowId(caseId),
  });

  // Wait for the armed deadline or for the step to move; a missed deadline is an event, not silence.
  while (state!.step !== 'closed') {
    const armed = state!.deadline;
    const moved = () => state!.deadline !== armed || state!.step === 'closed';
    if (armed && !state!.overdue) {
      const remaining = Date.parse(armed.dueAt) - Date.now();
      const changed = await condition(moved, Math.max(remaining, 1));
      if (!changed) await serialised(() => commit(deadlinePassed(state!, new Date().toISOString())));
    } else {
      await condition(moved);
    }
  }
  await condition(allHandlersFinished);
  return snapshot();
}
