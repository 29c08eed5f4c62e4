import { ApplicationFailure, allHandlersFinished, condition, log, patched, proxyLocalActivities, setHandler } from '@temporalio/workflow';
import {
  ACTION_NOT_ALLOWED,
  CASE_NOT_OPENED,
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
import { type ArmedDeadline } from '@anjian/domain/src/case/deadline-basis';
import {
  RearmDeadlineCommand,
  RecordVerificationCommand,
  type RectificationAction,
  SubmitReportCommand,
} from '@anjian/domain/src/rectification/rectification.actions';
import {
  allowedActions,
  deadlinePassed,
  issueOrder,
  PROCEDURE,
  rearmDeadline,
  recordVerification,
  type RectificationState,
  sameDeadline,
  submitReport,
  type Transition,
} from '@anjian/domain/src/rectification/rectification.machine';
import type { z } from 'zod';
import { orRefuse, typedFailure } from '../procedure/workflow-failures';

/**
 * Local activities: the projection write sits on every transition's path, and a local activity
 * avoids a task-queue round trip (platform.md: long tails with ordinary activities under load).
 * Writes are idempotent (sequence numbers), so a local-activity retry never writes twice.
 *
 * Retries are bounded: PostgreSQL refusing the data is non-retryable (the activity says so), and
 * an unreachable PostgreSQL is tried for at most ~15 s, after which the action fails as
 * DATABASE_UNAVAILABLE (503 at the API) and the case stays as it was, ready for the next action.
 */
const acts = proxyLocalActivities<CaseActivities>({
  startToCloseTimeout: '10s',
  scheduleToCloseTimeout: '15s',
  retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '2s', maximumAttempts: 5 },
});

/** A recorded history from before deadline-missed transitions named their deadline replays as it ran. */
const MISSED_DEADLINE_NAMES_ITS_DEADLINE = 'missed-deadline-names-its-deadline';

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

  /**
   * Applies a transition and projects it before anyone observes the new state. Nothing moves
   * (neither the state nor the sequence counter) unless the projection succeeded, so a refused or
   * failed write leaves the case exactly as it was.
   */
  async function commit(t: Transition, open?: NewCaseDto): Promise<void> {
    const events = t.events.map((e, i) => ({ ...e, seq: seq + i + 1 }));
    const patch = patchOf(t.state);
    if (t.state.step === 'closed') patch.closedAt = events[events.length - 1]?.at ?? new Date().toISOString();
    if (events.length > 0) await orRefuse(acts.projectCase({ caseId, events, patch, open }));
    seq += events.length;
    state = t.state;
  }

  /**
   * The timer for `armed` fired. An action queued before this ran may have moved the step on and
   * armed another deadline: the transition names its deadline and is dropped then.
   */
  async function markMissed(armed: ArmedDeadline): Promise<void> {
    const at = new Date().toISOString();
    const t = deadlinePassed(state!, armed, at);
    const current = state!.deadline;
    if (t.events.length === 0 && current && !sameDeadline(current, armed)) {
      // Histories recorded before the fix marked the newly armed deadline here; replay them as they ran.
      const legacy = deadlinePassed(state!, current, at);
      if (legacy.events.length > 0 && !patched(MISSED_DEADLINE_NAMES_ITS_DEADLINE)) return commit(legacy);
    }
    return commit(t);
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

  /** Why the case could not be opened (the opening's typed failure), once known. */
  let openingFailed: unknown;

  setHandler(rectificationStateQuery, snapshot);
  setHandler(openedUpdate, async () => {
    await condition(() => state !== undefined || openingFailed !== undefined);
    if (openingFailed !== undefined) throw openingFailed;
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
  // If that fails (no rule for the sector and step, PostgreSQL refusing or unreachable), nothing was
  // projected: the `opened` update reports the typed failure and the workflow ends, it does not wait.
  try {
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

  // Wait for the armed deadline or for the step to move; a missed deadline is an event, not silence.
  // If recording the miss fails (PostgreSQL unreachable past the bounded retries), the case is not
  // failed: it tries again after a growing pause, and actions keep working in between.
  let retryMissIn = 30_000;
  while (state!.step !== 'closed') {
    const armed = state!.deadline;
    const moved = () => state!.deadline !== armed || state!.step === 'closed';
    if (armed && !state!.overdue) {
      const remaining = Date.parse(armed.dueAt) - Date.now();
      const changed = await condition(moved, Math.max(remaining, 1));
      if (changed) continue;
      const recorded = await serialised(() => markMissed(armed)).then(
        () => true,
        (err: unknown) => {
          log.warn('recording a missed deadline failed; trying again later', { error: String(err), retryInMs: retryMissIn });
          return false;
        },
      );
      if (recorded) {
        retryMissIn = 30_000;
      } else {
        await condition(moved, retryMissIn);
        retryMissIn = Math.min(retryMissIn * 2, 3_600_000);
      }
    } else {
      await condition(moved);
    }
  }
  await condition(allHandlersFinished);
  return snapshot();
}
