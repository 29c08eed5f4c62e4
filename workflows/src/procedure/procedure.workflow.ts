import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  currentUpdateInfo,
  getExternalWorkflowHandle,
  log,
  patched,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  type ActCommand,
  actUpdate,
  approvalDecidedSignal,
  assigneeSignal,
  cancelSignal,
  extendSignal,
  PROCEDURE_ENDED,
  PROCEDURE_NOT_STARTED,
  PROCEDURE_SUSPENDED,
  type ProcedureActivities,
  type ProcedureDeadline,
  type ProcedureReport,
  type ProcedureReportKind,
  procedureReportSignal,
  type ProcedureSnapshot,
  procedureStateQuery,
  type ProcedureWorkflowInput,
  rearmDeadlinesSignal,
  resumeSignal,
  suspendSignal,
  ROLE_NOT_ALLOWED,
  UNKNOWN_PROCEDURE_ACTION,
  type NotificationDto,
} from '@anjian/contracts';
import { Actor } from '@anjian/domain/src/actor/actor';
import { type CaseEvent } from '@anjian/domain/src/case/case-event';
import { machineFor, deadlinesRearmed } from '@anjian/domain/src/procedures/machines';
import {
  type DeadlineRequest,
  machineAllowedActions,
  type Outcome,
  type ParentRequest,
  performAction,
} from '@anjian/domain/src/procedures/procedure-machine';
import { z } from 'zod';
import {
  afterFiring,
  deadlineOf,
  type Firing,
  nextFiring,
  replaceDeadlines,
  resumedDueAt,
  shiftOverdue,
  suspendDeadlines,
  trackDeadline,
  updateDeadline,
} from './deadline-timers';
import { firingEvent, firingNotifications } from './firing-records';
import { persistently } from './persistently';
import { rememberUpdate } from '../applied-updates';
import { carry, isActive, patchOf, type ProcedureRun, runFromCarried, snapshotOf } from './procedure-run';
import { invalidInput, machineFailure, notAllowed, orRefuse, refusal, typedFailure, zodIssues } from './workflow-failures';

/**
 * Local activities, bounded as in the legacy rectification workflow: PostgreSQL refusing data is
 * non-retryable; an unreachable PostgreSQL is tried for at most ~15 s, then the action fails as
 * DATABASE_UNAVAILABLE and the procedure stays exactly as it was.
 */
const acts = proxyLocalActivities<ProcedureActivities>({
  startToCloseTimeout: '10s',
  scheduleToCloseTimeout: '15s',
  retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '2s', maximumAttempts: 5 },
});

const ActCommandSchema = z.object({ action: z.string().min(1).max(64), actor: Actor, input: z.unknown() });

const now = () => new Date().toISOString();
/** The person behind a transition: the last of its events someone did (none when a timer fired). */
const actingPerson = (events: readonly CaseEvent[]): CaseEvent['actor'] => [...events].reverse().find((e) => e.actor)?.actor ?? null;
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * Patch: an officer's action answers as soon as its transition is projected, instead of after the
 * case workflow has also taken the report (which cost one more workflow task and a server round trip
 * on every action). The report is still sent in the same workflow task, and the next transition still
 * waits for it to be delivered, so reports arrive in order. Histories from before run as they did.
 */
export const ACT_ANSWERS_ONCE_PROJECTED = 'act-answers-once-projected';

/**
 * One procedure of a case (child of the case workflow): a thin shell around `MACHINES[procedure]`.
 * The machine decides; the shell arms deadlines (pinned policy), projects every transition before
 * anyone observes it, runs the reminder / due / escalation timers, and reports to the case workflow.
 */
export async function procedureWorkflow(wf: ProcedureWorkflowInput): Promise<ProcedureSnapshot> {
  const machine = machineFor(wf.procedure);
  const workflowId = workflowInfo().workflowId;
  let run: ProcedureRun | undefined = wf.carried ? runFromCarried(wf.carried, wf) : undefined;
  /** Bumped whenever `run` changes, so the timer loop re-plans (the updatable-timer pattern). */
  let version = 0;
  let busy: Promise<unknown> = Promise.resolve();
  let startFailed: unknown;
  /** Reports signalled to the case workflow and not yet delivered: the run must not end before they are. */
  let reportsInFlight = 0;
  /**
   * Ids of the actions applied, carried across continue-as-new: Temporal deduplicates an update id
   * within one run only, so a client that retries an action (same Idempotency-Key, same update id)
   * after the run continued as new would otherwise have it applied a second time.
   */
  let appliedUpdateIds: readonly string[] = wf.carried?.appliedUpdateIds ?? [];
  const appliedEarlier = (id = currentUpdateInfo()?.id): boolean => id !== undefined && appliedUpdateIds.includes(id);

  const notReady = () => ApplicationFailure.create({ type: 'NotReady', message: 'the procedure is still starting', nonRetryable: true });
  const snapshot = (): ProcedureSnapshot => {
    if (!run) throw notReady();
    return snapshotOf(machine, wf, workflowId, run);
  };
  const firingContext = (r: ProcedureRun) => ({
    caseId: wf.caseId,
    procedureId: wf.procedureId,
    procedure: wf.procedure,
    facts: wf.facts,
    assigneeId: r.assigneeId,
  });

  /** Actions, timer firings and parent signals run one at a time, each on the state the previous left. */
  function serialised<T>(fn: () => Promise<T>): Promise<T> {
    const next = busy.then(fn);
    busy = next.catch(() => undefined);
    return next;
  }

  async function arm(req: DeadlineRequest, policyVersion: number | null): Promise<ProcedureDeadline> {
    const armed = await acts.armDeadline({
      procedure: wf.procedure,
      step: req.step,
      sector: wf.facts.sector,
      jurisdiction: wf.facts.jurisdiction,
      hazardGrade: wf.facts.hazardGrade,
      start: req.start,
      explicitDueAt: req.explicitDueAt,
      policyVersion,
    });
    return { ...trackDeadline(armed, Date.now()), ...(req.basis ? { basis: req.basis } : {}) };
  }

  const shellEvent = (
    r: ProcedureRun,
    type: string,
    at: string,
    actor: Actor | null,
    reason: string | null,
    data: Record<string, unknown>,
  ): CaseEvent => ({
    type,
    procedure: wf.procedure,
    at,
    actor,
    reason,
    before: r.state.step,
    after: r.state.step,
    data: { procedureId: wf.procedureId, ...data },
  });

  /**
   * The next run after a machine outcome: its deadlines armed under the pinned policy (the first arm
   * pins it), the disarmed ones dropped (except `keep`: a passed deadline keeps its escalation ladder).
   */
  async function afterOutcome(
    r: ProcedureRun,
    o: Outcome,
    at: string,
    opts: { progress?: boolean; keep?: string } = {},
  ): Promise<{ next: ProcedureRun; armedEvents: CaseEvent[] }> {
    let policyVersion = r.policyVersion;
    const armed: ProcedureDeadline[] = [];
    for (const req of o.arm) {
      const d = await arm(req, policyVersion);
      policyVersion = d.policyVersion ?? policyVersion;
      armed.push(d);
    }
    const completed = o.state.status === 'completed';
    const disarm = o.disarm.filter((s) => s !== opts.keep || armed.some((d) => d.step === s));
    const next: ProcedureRun = {
      ...r,
      state: o.state,
      deadlines: completed ? [] : replaceDeadlines(r.deadlines, disarm, armed),
      policyVersion,
      lastProgressAt: opts.progress ? at : r.lastProgressAt,
      completedAt: completed ? at : r.completedAt,
    };
    const armedEvents = armed.map((d) => shellEvent(next, 'deadline_armed', at, null, null, { deadline: d }));
    return { next, armedEvents };
  }

  /**
   * Projects `next` (events on this procedure's stream, the procedure row, notifications) and only
   * then makes it the state anyone observes; then reports to the case workflow.
   */
  async function commit(
    base: ProcedureRun,
    next: ProcedureRun,
    events: CaseEvent[],
    kind: ProcedureReportKind,
    extra: {
      requests?: ParentRequest[];
      notifications?: NotificationDto[];
      escalation?: ProcedureReport['escalation'];
      open?: boolean;
      /** Called once the transition is projected and is the state (before the report is delivered). */
      onProjected?: () => void;
    } = {},
  ): Promise<void> {
    const sequenced = events.map((e, i) => ({ ...e, seq: base.seq + i + 1 }));
    const committed: ProcedureRun = { ...next, seq: base.seq + events.length, reportN: base.reportN + 1 };
    await acts.projectProcedure({
      caseId: wf.caseId,
      stream: wf.procedureId,
      events: sequenced,
      procedure: patchOf(machine, wf, workflowId, committed),
      notifications: extra.notifications,
      open: extra.open && wf.openCase ? { ...wf.openCase, policyVersion: committed.policyVersion } : undefined,
    });
    run = committed;
    version++;
    extra.onProjected?.();
    const report: ProcedureReport = {
      reportId: `${wf.procedureId}#${committed.reportN}`,
      procedureId: wf.procedureId,
      n: committed.reportN,
      kind,
      at: events[events.length - 1]?.at ?? now(),
      snapshot: snapshot(),
      requests: extra.requests ?? [],
      ...(extra.escalation ? { escalation: extra.escalation } : {}),
      actor: actingPerson(events),
    };
    reportsInFlight++;
    try {
      await getExternalWorkflowHandle(wf.parentWorkflowId).signal(procedureReportSignal, report);
    } catch (err) {
      // The case workflow has ended (closed case): the projection already holds the change.
      log.warn('could not report to the case workflow', { error: String(err), reportId: report.reportId });
    } finally {
      reportsInFlight--;
    }
  }

  /** Applies a machine outcome to `r` and commits it. */
  async function transition(
    r: ProcedureRun,
    o: Outcome,
    at: string,
    kind: ProcedureReportKind,
    opts: { progress?: boolean; keep?: string; pre?: CaseEvent[]; notifications?: NotificationDto[]; onProjected?: () => void } = {},
  ): Promise<void> {
    const { next, armedEvents } = await afterOutcome(r, o, at, opts);
    const completedNow = next.state.status === 'completed' && r.state.status !== 'completed';
    await commit(r, next, [...(opts.pre ?? []), ...o.events, ...armedEvents], completedNow ? 'completed' : kind, {
      requests: o.requests,
      notifications: opts.notifications,
      onProjected: opts.onProjected,
    });
  }

  // ---- officer actions ------------------------------------------------------------------------

  function refuseIfNotActing(action: string): void {
    const r = run;
    if (!r) throw notReady();
    const details = { action, currentStep: r.state.step, allowedActions: [] as string[] };
    if (!isActive(r)) throw refusal(PROCEDURE_ENDED, `the procedure has ended (${r.cancelled ? 'cancelled' : r.state.outcome})`, details);
    if (r.suspension) throw refusal(PROCEDURE_SUSPENDED, `the procedure is suspended (中止) since ${r.suspension.since}`, details);
  }

  /** Runs before the update is accepted: a refused action never reaches history. */
  function validateAct(cmd: unknown): void {
    const parsed = ActCommandSchema.safeParse(cmd);
    if (!parsed.success) throw invalidInput(zodIssues(parsed.error));
    const { action, actor, input } = parsed.data;
    refuseIfNotActing(action);
    const r = run!;
    const spec = Object.prototype.hasOwnProperty.call(machine.actions, action) ? machine.actions[action] : undefined;
    if (!spec) throw refusal(UNKNOWN_PROCEDURE_ACTION, `${wf.procedure} has no action "${action}"`, { action, currentStep: r.state.step });
    const inputOk = spec.input.safeParse(input);
    if (!inputOk.success) throw invalidInput(zodIssues(inputOk.error, ['input']));
    if (!spec.allowedIn(r.state)) {
      throw notAllowed({ action, currentStep: r.state.step, allowedActions: machineAllowedActions(machine, r.state, actor.role) });
    }
    if (!(spec.roles as readonly string[]).includes(actor.role)) {
      throw refusal(ROLE_NOT_ALLOWED, `role "${actor.role}" may not perform "${action}"`, {
        action,
        role: actor.role,
        roles: [...spec.roles],
        currentStep: r.state.step,
      });
    }
    // The machine is pure: a dry run finds what only it can tell (a date that must lie after the act,
    // an inspector who was not scheduled) before the update is accepted.
    try {
      performAction(machine, r.state, action, input, { at: now(), actor });
    } catch (err) {
      throw machineFailure(err, r.state.step);
    }
  }

  /** One action: the machine's outcome, armed, projected and reported (`onProjected`: see the patch). */
  async function act(cmd: ActCommand, onProjected?: () => void): Promise<ProcedureSnapshot> {
    refuseIfNotActing(cmd.action);
    const r = run!;
    const at = now();
    let o: Outcome;
    try {
      o = performAction(machine, r.state, cmd.action, cmd.input, { at, actor: cmd.actor });
    } catch (err) {
      throw machineFailure(err, r.state.step);
    }
    await orRefuse(transition(r, o, at, 'progress', { progress: true, onProjected }));
    return snapshot();
  }

  setHandler(
    actUpdate,
    (cmd) => {
      // Applied by an earlier run (a retry that crossed continue-as-new): answered with the state now,
      // applied once. Within a run Temporal never delivers an id twice, so old histories replay as before.
      const id = currentUpdateInfo()?.id;
      if (appliedEarlier(id)) return Promise.resolve(snapshot());
      const applied = () => {
        if (id !== undefined) appliedUpdateIds = rememberUpdate(appliedUpdateIds, id, (x) => x);
      };
      // Before the patch: answered once the report was delivered too (kept as it was for replay).
      if (!patched(ACT_ANSWERS_ONCE_PROJECTED)) return serialised(() => act(cmd, applied));
      // Answered from inside the commit once projected; the serialised work goes on until the report
      // is delivered (the later answer is then ignored), so the next transition still waits for it.
      return new Promise<ProcedureSnapshot>((answer, refuse) => {
        serialised(() =>
          act(cmd, () => {
            applied();
            answer(snapshot());
          }),
        ).then(answer, refuse);
      });
    },
    { validator: (cmd) => void (appliedEarlier() || validateAct(cmd)) },
  );
  setHandler(procedureStateQuery, snapshot);

  // ---- signals from the case workflow ---------------------------------------------------------

  /** Parent signals run serialised and survive a database outage (see persistently). */
  const fromParent = (what: string, fn: () => Promise<void>): Promise<void> => serialised(() => persistently(what, fn));

  setHandler(suspendSignal, (s) =>
    fromParent('suspend', async () => {
      const r = run;
      if (!r || !isActive(r) || r.suspension) return;
      const at = now();
      const next: ProcedureRun = {
        ...r,
        suspension: { since: at, reason: s.reason },
        deadlines: suspendDeadlines(r.deadlines, Date.parse(at)),
      };
      const ev = shellEvent(r, 'procedure_suspended', at, s.actor, s.reason, {
        cause: s.cause,
        remaining: next.deadlines.map((d) => ({ step: d.step, dueAt: d.dueAt, remainingMs: d.remainingMs })),
      });
      await commit(r, next, [ev], 'suspended');
    }),
  );

  setHandler(resumeSignal, (s) =>
    fromParent('resume', async () => {
      const r = run;
      if (!r || !isActive(r) || !r.suspension) return;
      const at = now();
      const nowMs = Date.parse(at);
      const since = Date.parse(r.suspension.since);
      // The time left is kept: the deadline falls due that long after resumption (re-armed at that
      // instant so reminders and rungs come from the pinned policy again).
      const deadlines: ProcedureDeadline[] = [];
      for (const d of r.deadlines) {
        if (d.overdue) {
          deadlines.push(shiftOverdue(d, since, nowMs));
          continue;
        }
        const dueAt = resumedDueAt(d, since, nowMs);
        const re = await arm({ step: d.step, start: d.start, explicitDueAt: dueAt, basis: d.basis }, r.policyVersion);
        deadlines.push({
          ...re,
          origin: d.origin,
          explanation: `Resumed after suspension (中止) from ${r.suspension.since} to ${at}; ${d.remainingMs ?? 0} ms were left. ${d.explanation}`,
        });
      }
      const next: ProcedureRun = { ...r, suspension: null, deadlines };
      const ev = shellEvent(r, 'procedure_resumed', at, s.actor, s.reason, {
        cause: s.cause,
        suspendedSince: r.suspension.since,
        deadlines: deadlines.map((d) => ({
          step: d.step,
          before: r.deadlines.find((x) => x.step === d.step)?.dueAt ?? null,
          after: d.dueAt,
        })),
      });
      await commit(r, next, [ev], 'resumed');
    }),
  );

  setHandler(extendSignal, (s) =>
    fromParent('extend', async () => {
      const r = run;
      if (!r || !isActive(r)) return;
      const current = r.deadlines.find((d) => d.step === s.step);
      if (!current) {
        log.warn('extension for a step without an armed deadline', { step: s.step });
        return;
      }
      const at = now();
      const re = await arm({ step: s.step, start: current.start, explicitDueAt: s.newDueAt, basis: current.basis }, r.policyVersion);
      const extended: ProcedureDeadline = {
        ...re,
        explanation: `Extended (延期) from ${current.dueAt} to ${s.newDueAt}, approved by ${s.actor.id} (approval ${s.approvalId}): ${s.reason}. ${current.explanation}`,
      };
      // A suspended procedure keeps the new deadline's time left for its resumption.
      const kept = r.suspension ? suspendDeadlines([extended], Date.parse(r.suspension.since))[0]! : extended;
      // A passed deadline moved ahead is armed again for the machine (its next passing is an event again).
      const state = current.overdue && Date.parse(kept.dueAt) > Date.parse(at) ? deadlinesRearmed(r.state, [s.step]) : r.state;
      const next: ProcedureRun = { ...r, state, deadlines: replaceDeadlines(r.deadlines, [], [kept]) };
      const ev = shellEvent(r, 'deadline_extended', at, s.actor, s.reason, {
        step: s.step,
        approvalId: s.approvalId,
        before: current,
        after: kept,
      });
      await commit(r, next, [ev], 'extended');
    }),
  );

  setHandler(rearmDeadlinesSignal, (s) =>
    fromParent('rearmDeadlines', async () => {
      const r = run;
      if (!r || !isActive(r)) return;
      const at = now();
      const deadlines: ProcedureDeadline[] = [];
      const changes: { step: string; before: ProcedureDeadline; after: ProcedureDeadline }[] = [];
      const revived: string[] = [];
      for (const d of r.deadlines) {
        // The clock still counts from the event that started it; a date written on the document stays.
        const re = await arm(
          { step: d.step, start: d.start, explicitDueAt: d.origin === 'order' ? d.dueAt : undefined, basis: d.basis },
          s.policyVersion,
        );
        const ahead = Date.parse(re.dueAt) > Date.parse(at);
        if (d.overdue && !ahead) {
          deadlines.push(d); // passed under either version: its ladder runs on as it was
          continue;
        }
        if (d.overdue) revived.push(d.step);
        const kept = r.suspension ? suspendDeadlines([re], Date.parse(r.suspension.since))[0]! : re;
        deadlines.push(kept);
        changes.push({ step: d.step, before: d, after: kept });
      }
      const state = revived.length > 0 ? deadlinesRearmed(r.state, revived) : r.state;
      const next: ProcedureRun = { ...r, state, policyVersion: s.policyVersion, deadlines };
      const ev = shellEvent(r, 'deadline_rearmed', at, s.actor, s.reason, { cause: s.cause, policyVersion: s.policyVersion, changes });
      await commit(r, next, [ev], 'progress');
    }),
  );

  setHandler(cancelSignal, (s) =>
    fromParent('cancel', async () => {
      const r = run;
      if (!r || !isActive(r)) return;
      const at = now();
      const next: ProcedureRun = { ...r, cancelled: true, deadlines: [], completedAt: at };
      await commit(r, next, [shellEvent(r, 'procedure_cancelled', at, s.actor, s.reason, {})], 'cancelled');
    }),
  );

  setHandler(approvalDecidedSignal, (s) =>
    fromParent('approvalDecided', async () => {
      const r = run;
      if (!r || !isActive(r)) return;
      const at = now();
      const o = machine.approvalDecided(r.state, s.approval, s.decision, s.reason, { at, actor: s.actor });
      await transition(r, o, at, 'progress', { progress: true });
    }),
  );

  setHandler(assigneeSignal, (s) =>
    fromParent('assignee', async () => {
      const r = run;
      if (!r || r.assigneeId === s.assigneeId) return;
      await commit(r, { ...r, assigneeId: s.assigneeId }, [], 'progress');
    }),
  );

  // ---- timers -------------------------------------------------------------------------------------

  /** A reminder, the due instant or an escalation rung of an armed deadline: never silent. */
  async function fire(f: Firing): Promise<void> {
    const r = run!;
    if (!isActive(r) || r.suspension) return;
    const d = deadlineOf(r.deadlines, f);
    if (!d) return; // an action moved on or re-armed it meanwhile
    const at = now();
    const ctx = firingContext(r);
    const base: ProcedureRun = { ...r, deadlines: updateDeadline(r.deadlines, afterFiring(d, f)) };
    if (f.kind === 'due') {
      const o = machine.deadlinePassed(r.state, f.step, at);
      // The machine names the passing; should it not (no longer armed there), the shell still does.
      const pre = o.events.length === 0 ? [firingEvent(ctx, f, r.state.step, null, at)] : [];
      // Someone is late (the machine marks the step overdue): the passed deadline stays with its
      // escalation ladder and the assignee and supervisor are told. A period that merely ends (e.g. the
      // police's window to ask for missing materials) is the machine's event only, and drops out.
      const late = pre.length > 0 || strings(o.state.data['overdue']).includes(f.step);
      if (!late) {
        await transition(base, { ...o, disarm: [...new Set([...o.disarm, f.step])] }, at, 'deadline_passed');
        return;
      }
      await transition(base, o, at, 'deadline_passed', { keep: f.step, pre, notifications: firingNotifications(ctx, f, null) });
      return;
    }
    const action = f.kind === 'escalation' ? (d.escalations[f.index]?.action ?? null) : null;
    await commit(r, base, [firingEvent(ctx, f, r.state.step, action, at)], f.kind === 'reminder' ? 'reminder' : 'escalation', {
      notifications: firingNotifications(ctx, f, action),
      escalation: f.kind === 'escalation' ? { step: f.step, action: action ?? '', rung: f.index + 1, dueAt: f.dueAt } : undefined,
    });
  }

  // ---- start ----------------------------------------------------------------------------------

  if (!run) {
    try {
      const at = wf.startedAt;
      let o: Outcome;
      try {
        o = machine.start(wf.procedureId, wf.input, { at, actor: wf.actor });
      } catch (err) {
        throw machineFailure(err, 'start');
      }
      const blank: ProcedureRun = {
        state: o.state,
        seq: 0,
        reportN: 0,
        deadlines: [],
        suspension: null,
        cancelled: false,
        policyVersion: wf.policyVersion,
        assigneeId: wf.assigneeId,
        lastProgressAt: at,
        completedAt: null,
      };
      const { next, armedEvents } = await afterOutcome(blank, o, at);
      await commit(blank, next, [...o.events, ...armedEvents], 'started', { requests: o.requests, open: true });
    } catch (err) {
      const failure = typedFailure(err);
      if (!(failure instanceof ApplicationFailure)) throw err;
      startFailed = failure;
      await condition(allHandlersFinished);
      throw ApplicationFailure.create({
        type: PROCEDURE_NOT_STARTED,
        message: `${wf.procedureId} did not start: ${failure.message}`,
        details: [{ cause: failure.type, details: failure.details ?? [] }],
        nonRetryable: true,
        cause: failure,
      });
    }
  }
  void startFailed;

  // ---- wait for the next firing, or for anything that changes the plan ------------------------

  const ended = () => !isActive(run!);
  const threshold = wf.continueAsNewAfterEvents;
  const canSuggested = () =>
    workflowInfo().continueAsNewSuggested || (threshold !== undefined && workflowInfo().historyLength >= threshold);
  let retryIn = 30_000;
  while (!ended() && !canSuggested()) {
    const v = version;
    const changed = () => version !== v || ended() || canSuggested();
    const f = nextFiring(run!.deadlines, run!.suspension !== null);
    if (!f) {
      await condition(changed);
      continue;
    }
    const wait = Date.parse(f.at) - Date.now();
    if (wait > 0 && (await condition(changed, wait))) continue;
    const done = await serialised(() => fire(f)).then(
      () => true,
      (err: unknown) => {
        log.warn('recording a deadline firing failed; trying again later', { error: String(err), retryInMs: retryIn });
        return false;
      },
    );
    if (done) {
      retryIn = 30_000;
    } else {
      await condition(changed, retryIn);
      retryIn = Math.min(retryIn * 2, 3_600_000);
    }
  }
  // An action answered before its report was delivered (see the patch): a run that ended first would
  // drop the report. Before the patch no report is ever in flight here, so this waits as it did.
  await condition(() => allHandlersFinished() && reportsInFlight === 0);
  if (!ended()) {
    // Months of reminders and reports: start a fresh history carrying the state (same workflow id).
    await continueAsNew<typeof procedureWorkflow>({ ...wf, openCase: undefined, carried: { ...carry(run!), appliedUpdateIds } });
  }
  return snapshot();
}
