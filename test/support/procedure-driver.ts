import { randomUUID } from 'node:crypto';
import { loadEnv } from '@anjian/config';
import {
  actUpdate,
  CASE_WORKFLOW,
  caseOpenedUpdate,
  type CaseSnapshot,
  caseStateQuery,
  caseWorkflowId,
  type CaseWorkflowInput,
  decideApprovalUpdate,
  type ProcedureDeadline,
  type ProcedureSnapshot,
  procedureStateQuery,
  procedureWorkflowId,
  requestExtensionUpdate,
  requestSuspensionUpdate,
  resumeProcedureUpdate,
} from '@anjian/contracts';
import type { Actor, PolicyRule, ProcedureId } from '@anjian/domain';
import { ARMED_STEPS } from '@anjian/domain/src/procedures/armed-steps';
import { CaseRepository, createDataSource, PolicyVersionRepository } from '@anjian/persistence';
import { Client, Connection, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createCaseWorker } from '../../apps/worker/src/create-worker';
import { resolveTestServer } from '../../tools/stack/temporal-cli';
import { defaultProcedureLinks } from '../../seeds/policies/procedure-links';
import { approvalRow, type EventRow, eventsOf, notificationsOf, procedureRow } from './projection-rows';
import { installQuietRuntime } from './quiet-runtime';

/**
 * Drives the case workflow and its procedure children through the Temporal client (no HTTP), for the
 * per-procedure flow tests (test/procedures/flow-*.test.ts). Two stacks with one interface: the real
 * Temporal dev server of the test run, and Temporal's time-skipping test server for periods of days
 * (each with one in-process worker on its own task queue, against the run's PostgreSQL database).
 */

export const OFFICER: Actor = { id: 'officer@140105', name: '王执法', role: 'officer', jurisdiction: '140105' };
export const OFFICER2: Actor = { id: 'officer2@140105', name: '李执法', role: 'officer', jurisdiction: '140105' };
export const SUPERVISOR: Actor = { id: 'supervisor@140100', name: '李督办', role: 'supervisor', jurisdiction: '140100' };
export const COUNTY_SUPERVISOR: Actor = { id: 'supervisor@140105', name: '周督办', role: 'supervisor', jurisdiction: '140105' };
export const HEAD: Actor = { id: 'head@140100', name: '赵局长', role: 'agency_head', jurisdiction: '140100' };
export const ADMIN: Actor = { id: 'admin@000000', name: '管理员', role: 'administrator', jurisdiction: '000000' };

export const INSPECTOR = { id: 'officer@140105', name: '王执法' };
export const doc = (name = '文书.pdf') => ({ name, sha256: 'b'.repeat(64), size: 2048 });

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface FlowStack {
  db: DataSource;
  client: Client;
  taskQueue: string;
  /** Workflow time (the time-skipping server's clock runs ahead of the wall clock). */
  now(): Promise<number>;
  /** Lets workflow time pass (real time on the dev server: keep it short there). */
  sleep(ms: number): Promise<void>;
  /** 'dev' histories can be recorded (recordHistory reads the dev server). */
  kind: 'dev' | 'time-skipping';
  stop(): Promise<void>;
}

function need(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run integration tests through jest's global setup`);
  return v;
}

async function runWorker(make: () => Promise<Worker>): Promise<{ stop: () => Promise<void> }> {
  const worker = await make();
  const running = worker.run();
  return {
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    },
  };
}

async function testDb(): Promise<DataSource> {
  return createDataSource(loadEnv({ DATABASE_URL: need('TEST_DATABASE_URL') }).DATABASE_URL, 4).initialize();
}

/** The run's real Temporal dev server, one worker on a fresh task queue. */
export async function startDevFlowStack(): Promise<FlowStack> {
  installQuietRuntime();
  const taskQueue = `flow-${randomUUID()}`;
  const db = await testDb();
  const address = need('TEST_TEMPORAL_ADDRESS');
  const namespace = need('TEST_TEMPORAL_NAMESPACE');
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace });
  const native = await NativeConnection.connect({ address });
  const worker = await runWorker(() =>
    createCaseWorker({ connection: native, namespace, taskQueue, db, workflowBundle: { codePath: need('TEST_WORKFLOW_BUNDLE') } }),
  );
  return {
    db,
    client,
    taskQueue,
    kind: 'dev',
    now: async () => Date.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    async stop() {
      await worker.stop();
      await native.close();
      await connection.close();
      await db.destroy();
    },
  };
}

/** Temporal's time-skipping test server: `sleep(3 days)` passes three days of workflow time at once. */
export async function startTimeSkippingFlowStack(): Promise<FlowStack & { env: TestWorkflowEnvironment }> {
  installQuietRuntime();
  const taskQueue = `flow-ts-${randomUUID()}`;
  const db = await testDb();
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: resolveTestServer().executable } });
  const worker = await runWorker(() =>
    createCaseWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      db,
      workflowBundle: { codePath: need('TEST_WORKFLOW_BUNDLE') },
    }),
  );
  return {
    db,
    env,
    client: env.client,
    taskQueue,
    kind: 'time-skipping',
    now: () => env.currentTimeMs(),
    sleep: (ms) => env.sleep(ms),
    async stop() {
      await worker.stop();
      await env.teardown();
      await db.destroy();
    },
  };
}

export const iso = (ms: number) => new Date(ms).toISOString();

// ---- opening and acting ---------------------------------------------------------------------------

export interface FlowCase {
  caseId: string;
  handle: WorkflowHandle;
  opened: CaseSnapshot;
}

export const CASE_FACTS = {
  title: '危化品仓库可燃气体报警装置失效',
  description: 'Gas detectors out of order in a hazardous chemicals store',
  source: 'inspection',
  sector: 'industry_trade',
  jurisdiction: '140105',
  hazardGrade: 'major',
  enterprise: { name: '太原某化工有限公司', creditCode: '91140100MA0K000X1Y' },
};

/** Starts `caseWorkflow` with the given first procedure and waits for its `opened` update. */
export async function openFlowCase(
  stack: FlowStack,
  procedure: ProcedureId,
  input: Record<string, unknown>,
  extra: Partial<CaseWorkflowInput> = {},
): Promise<FlowCase> {
  const caseId = randomUUID();
  const wf: CaseWorkflowInput = {
    caseId,
    actor: OFFICER,
    openedAt: iso(await stack.now()),
    facts: CASE_FACTS,
    initialProcedure: { procedure, input },
    // What the API pins (apps/api/src/cases/procedures/pinned-links.ts).
    links: defaultProcedureLinks,
    policyVersion: null,
    ...extra,
  };
  const handle = await stack.client.workflow.start(CASE_WORKFLOW, {
    taskQueue: stack.taskQueue,
    workflowId: caseWorkflowId(caseId),
    args: [wf],
  });
  const opened = await handle.executeUpdate(caseOpenedUpdate);
  return { caseId, handle, opened };
}

export const childHandle = (stack: FlowStack, caseId: string, procedureId: string): WorkflowHandle =>
  stack.client.workflow.getHandle(procedureWorkflowId(caseId, procedureId));

export function act(stack: FlowStack, caseId: string, procedureId: string, action: string, input: unknown, actor: Actor = OFFICER) {
  return childHandle(stack, caseId, procedureId).executeUpdate(actUpdate, { args: [{ action, actor, input }] });
}

export const procedureState = (stack: FlowStack, caseId: string, procedureId: string): Promise<ProcedureSnapshot> =>
  childHandle(stack, caseId, procedureId).query(procedureStateQuery);

export const caseState = (c: FlowCase): Promise<CaseSnapshot> => c.handle.query(caseStateQuery);

/** Polls `fn` (wall clock) until `accept` holds; fails naming `what` with the last value. */
export async function until<T>(fn: () => Promise<T>, accept: (v: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastErr: unknown;
  for (;;) {
    try {
      last = await fn();
      if (accept(last)) return last;
    } catch (err) {
      lastErr = err;
    }
    if (Date.now() > end) {
      throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)?.slice(0, 1500)} ${lastErr ? String(lastErr) : ''}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}

export const procedureWhen = (
  stack: FlowStack,
  c: FlowCase,
  procedureId: string,
  accept: (p: ProcedureSnapshot) => boolean,
  what: string,
) => until(() => procedureState(stack, c.caseId, procedureId), accept, what);

export const caseWhen = (c: FlowCase, accept: (s: CaseSnapshot) => boolean, what: string, timeoutMs?: number) =>
  until(() => caseState(c), accept, what, timeoutMs);

export interface Refusal {
  type: string | undefined;
  message: string;
  details: unknown;
}

/** The failure an update ended with; throws when it succeeded (a refusal was expected). */
export async function refusalOf(p: Promise<unknown>): Promise<Refusal> {
  try {
    await p;
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
      return { type: err.cause.type ?? undefined, message: err.cause.message, details: err.cause.details?.[0] };
    }
    throw err;
  }
  throw new Error('expected a refusal, the update succeeded');
}

/**
 * Runs `refuse` and checks it left no trace: the child's and the case's histories have the same length,
 * no row was added to case_events, case_approvals or notifications, the procedure row is unchanged.
 */
export async function refusedWithoutTrace(
  stack: FlowStack,
  c: FlowCase,
  procedureId: string,
  refuse: () => Promise<unknown>,
): Promise<Refusal> {
  // The case workflow may still be reacting to what came before (links starting a procedure): wait until it is quiet.
  let before = await traceOf(stack, c, procedureId);
  for (let i = 0; i < 40; i++) {
    await new Promise((r) => setTimeout(r, 200));
    const again = await traceOf(stack, c, procedureId);
    if (JSON.stringify(again) === JSON.stringify(before)) break;
    before = again;
  }
  const refusal = await refusalOf(refuse());
  expect(await traceOf(stack, c, procedureId)).toEqual(before);
  return refusal;
}

async function traceOf(stack: FlowStack, c: FlowCase, procedureId: string) {
  const count = async (table: string) =>
    Number(((await stack.db.query(`SELECT count(*)::int AS n FROM ${table} WHERE case_id = $1`, [c.caseId])) as { n: number }[])[0]!.n);
  const row = await procedureRow(stack, c.caseId, procedureId);
  return {
    childHistory: (await childHandle(stack, c.caseId, procedureId).fetchHistory()).events!.length,
    caseHistory: (await c.handle.fetchHistory()).events!.length,
    events: await count('case_events'),
    approvals: await count('case_approvals'),
    notifications: await count('notifications'),
    row: row ? { step: row['step'], updated_at: String(row['updated_at']) } : null,
  };
}

// ---- approvals, suspension, extension --------------------------------------------------------------

export async function pendingApproval(c: FlowCase, kind: string) {
  const s = await caseWhen(c, (x) => x.approvals.some((a) => a.kind === kind), `a pending ${kind} approval`);
  return s.approvals.find((a) => a.kind === kind)!;
}

export function decide(c: FlowCase, approvalId: string, decision: 'approved' | 'returned', reason: string, actor: Actor = SUPERVISOR) {
  return c.handle.executeUpdate(decideApprovalUpdate, { args: [{ approvalId, decision, reason, actor }] });
}

export function requestExtension(c: FlowCase, procedureId: string, step: string, newDueAt: string, reason = '企业申请延期：设备到货延迟') {
  return c.handle.executeUpdate(requestExtensionUpdate, { args: [{ procedureId, step, newDueAt, reason, actor: OFFICER }] });
}

export function requestSuspension(c: FlowCase, procedureId: string, reason = '企业因事故调查停产，程序无法进行') {
  return c.handle.executeUpdate(requestSuspensionUpdate, { args: [{ procedureId, reason, actor: OFFICER }] });
}

export function resume(c: FlowCase, procedureId: string, reason = '调查结束，恢复程序') {
  return c.handle.executeUpdate(resumeProcedureUpdate, { args: [{ procedureId, reason, actor: OFFICER }] });
}

export const deadlineOf = (p: ProcedureSnapshot, step: string): ProcedureDeadline | undefined => p.deadlines.find((d) => d.step === step);

/**
 * 延期 on `step`: an extension refused (returned) leaves the deadline; one approved moves it. Checks
 * the approval rows, the notifications and the deadline_extended event.
 */
export async function extensionRefusedThenApproved(stack: FlowStack, c: FlowCase, procedureId: string, step: string): Promise<void> {
  const before = deadlineOf(await procedureState(stack, c.caseId, procedureId), step)!;
  expect(before).toBeDefined();
  const later = iso(Date.parse(before.dueAt) + 5 * DAY);
  // The child answers an action once projected and reports to the case workflow right after; the case
  // workflow validates a request against the deadlines it was told about, so wait for that report.
  for (let i = 0; ; i++) {
    const known = (await caseState(c)).procedures.find((p) => p.procedureId === procedureId);
    if (known && deadlineOf(known, step)?.dueAt === before.dueAt) break;
    if (i >= 100) throw new Error(`the case workflow never learned the ${step} deadline of ${procedureId}`);
    await new Promise((r) => setTimeout(r, 100));
  }

  // Refused: the supervisor returns it; the deadline stays.
  const asked = await requestExtension(c, procedureId, step, later);
  const first = asked.approvals.find((a) => a.kind === 'extension')!;
  expect(first).toMatchObject({ approverRole: 'supervisor', procedureId, data: expect.objectContaining({ step, newDueAt: later }) });
  const byOfficer = await refusalOf(decide(c, first.approvalId, 'approved', '同意', OFFICER));
  expect(byOfficer.type).toBe('RoleNotAllowed');
  await decide(c, first.approvalId, 'returned', '理由不充分，不予延期');
  expect(await approvalRow(stack, c.caseId, first.approvalId)).toMatchObject({
    status: 'returned',
    decided_by: SUPERVISOR.id,
    kind: 'extension',
  });
  expect(deadlineOf(await procedureState(stack, c.caseId, procedureId), step)!.dueAt).toBe(before.dueAt);

  // Approved: the deadline moves, recorded before/after.
  const again = await requestExtension(c, procedureId, step, later, '设备到货延迟，附供货合同');
  const second = again.approvals.find((a) => a.kind === 'extension')!;
  await decide(c, second.approvalId, 'approved', '同意延期');
  const moved = await procedureWhen(stack, c, procedureId, (p) => deadlineOf(p, step)?.dueAt === later, `${step} extended`);
  expect(deadlineOf(moved, step)!.explanation).toContain('延期');
  const ev = (await eventsOf(stack, c.caseId, procedureId)).find((e) => e.type === 'deadline_extended' && e.data['step'] === step)!;
  expect(ev.data).toMatchObject({ approvalId: second.approvalId, before: { dueAt: before.dueAt }, after: { dueAt: later } });
  expect(await approvalRow(stack, c.caseId, second.approvalId)).toMatchObject({ status: 'approved', decided_by: SUPERVISOR.id });
  const notes = (await notificationsOf(stack, c.caseId)).filter((n) =>
    [first.approvalId, second.approvalId].includes(String(n.payload['approvalId'])),
  );
  expect(notes.map((n) => n.kind).sort()).toEqual(['approval_decided', 'approval_decided', 'approval_requested', 'approval_requested']);
  const row = await procedureRow(stack, c.caseId, procedureId);
  expect((row!['data'] as { deadlines?: { step: string; dueAt: string }[] }).deadlines?.find((d) => d.step === step)?.dueAt ?? later).toBe(
    later,
  );
}

/**
 * 中止 then resumption: the suspension approved by a supervisor stops the clock (no firing while
 * suspended, even past the old due instant); the resumed deadline falls due exactly the time that was
 * left after resumption.
 */
export async function suspendAndResume(
  stack: FlowStack,
  c: FlowCase,
  procedureId: string,
  step: string,
  suspendedForMs: number,
): Promise<void> {
  const asked = await requestSuspension(c, procedureId);
  const approval = asked.approvals.find((a) => a.kind === 'suspension')!;
  expect(await approvalRow(stack, c.caseId, approval.approvalId)).toMatchObject({ status: 'pending', kind: 'suspension' });
  await decide(c, approval.approvalId, 'approved', '同意中止');
  const suspended = await procedureWhen(stack, c, procedureId, (p) => p.suspended, `${procedureId} suspended`);
  expect(suspended.allowedActions).toEqual([]);
  const d = deadlineOf(suspended, step)!;
  const left = d.remainingMs!;
  expect(left).toBeGreaterThan(0);
  expect(Math.abs(Date.parse(suspended.suspension!.since) + left - Date.parse(d.dueAt))).toBeLessThan(5);
  expect((await procedureRow(stack, c.caseId, procedureId))!['suspended']).toBe(true);
  const firingsBefore = (await eventsOf(stack, c.caseId, procedureId)).filter(isFiring).length;

  await stack.sleep(suspendedForMs);
  // Nothing fired while suspended, though (on the time-skipping server) the old due instant has passed.
  expect((await eventsOf(stack, c.caseId, procedureId)).filter(isFiring).length).toBe(firingsBefore);

  await resume(c, procedureId);
  const resumed = await procedureWhen(stack, c, procedureId, (p) => !p.suspended, `${procedureId} resumed`);
  const ev = (await eventsOf(stack, c.caseId, procedureId)).filter((e) => e.type === 'procedure_resumed').pop()!;
  const resumedAt = Date.parse(ev.at);
  expect(Date.parse(deadlineOf(resumed, step)!.dueAt) - resumedAt).toBe(left);
  expect(Date.parse(deadlineOf(resumed, step)!.dueAt) - Date.parse(d.dueAt)).toBeGreaterThanOrEqual(suspendedForMs - 1000);
  await caseWhen(c, (s) => s.procedures.find((p) => p.procedureId === procedureId)?.suspended === false, 'the case sees the resumption');
}

const isFiring = (e: EventRow) => ['deadline_reminder', 'deadline_passed', 'escalation_rung_reached'].includes(e.type);

/**
 * Lets workflow time run past the last escalation rung of `step`'s deadline (time-skipping server) and
 * checks each firing left its event and its notifications (assignee and supervisors), in order:
 * reminder(s) before, the passing, the rung(s) after; the case recorded the rung.
 */
export async function deadlineFires(stack: FlowStack, c: FlowCase, procedureId: string, step: string) {
  const p = await procedureState(stack, c.caseId, procedureId);
  const d = deadlineOf(p, step)!;
  expect(d).toBeDefined();
  expect(d.escalations.length).toBeGreaterThan(0);
  const lastRung = Date.parse(d.escalations[d.escalations.length - 1]!.at);
  const wait = lastRung + 60_000 - (await stack.now());
  if (wait > 0) await stack.sleep(wait);
  const after = await procedureWhen(
    stack,
    c,
    procedureId,
    (x) => {
      const y = x.deadlines.find((z) => z.step === step && z.dueAt === d.dueAt);
      return y !== undefined && y.overdue && y.escalationsFired === d.escalations.length;
    },
    `${procedureId}.${step}: every rung fired`,
  );
  const events = (await eventsOf(stack, c.caseId, procedureId)).filter(
    (e) => e.data['step'] === step && isFiring(e) && (e.type === 'deadline_passed' || e.data['dueAt'] === d.dueAt),
  );
  const types = events.map((e) => e.type);
  const reminders = types.filter((t) => t === 'deadline_reminder').length;
  // Reminders already past when the deadline was armed collapse into one sent at once.
  expect(reminders).toBeGreaterThanOrEqual(d.reminders.length > 0 ? 1 : 0);
  expect(reminders).toBeLessThanOrEqual(d.reminders.length);
  expect(types.slice(reminders)).toEqual(['deadline_passed', ...d.escalations.map(() => 'escalation_rung_reached')]);
  const passed = events.find((e) => e.type === 'deadline_passed')!;
  expect(Date.parse(passed.at)).toBeGreaterThanOrEqual(Date.parse(d.dueAt));
  const notes = (await notificationsOf(stack, c.caseId)).filter((n) => n.payload['step'] === step && n.payload['dueAt'] === d.dueAt);
  // Each firing notified the assignee and the supervisors over the case's jurisdiction (one row each).
  const recipients = (firing: string) => {
    const rows = notes.filter((n) => n.payload['firing'] === firing);
    return {
      n: rows.length,
      who: [...new Set(rows.map((n) => n.recipient_id ?? `${n.recipient_role}@${n.recipient_jurisdiction}`))].sort(),
    };
  };
  const both = [OFFICER.id, `supervisor@${CASE_FACTS.jurisdiction}`].sort();
  if (reminders > 0) expect(recipients('reminder')).toEqual({ n: 2 * reminders, who: both });
  expect(recipients('due')).toEqual({ n: 2, who: both });
  expect(recipients('escalation')).toEqual({ n: 2 * d.escalations.length, who: both });
  const s = await caseWhen(
    c,
    (x) => x.escalations.filter((e) => e.procedureId === procedureId && e.step === step && !e.manual).length === d.escalations.length,
    `the case recorded the rungs of ${step}`,
  );
  expect((await procedureRow(stack, c.caseId, procedureId))!['overdue']).toBe(true);
  return { deadline: d, after, case: s };
}

// ---- PostgreSQL -------------------------------------------------------------------------------------

export { approvalRow, approvalsOf, caseRow, type EventRow, eventsOf, notificationsOf, procedureRow, typesOf } from './projection-rows';

/**
 * The case's projection is whole: per stream the seqs run 1..n without gap or repeat, the child's
 * snapshot counts as many, and the HMAC chain over all streams verifies.
 */
export async function expectProjectionWhole(stack: FlowStack, caseId: string, procedureIds: string[]): Promise<void> {
  const all = await eventsOf(stack, caseId);
  const streams = [...new Set(all.map((e) => e.stream))];
  for (const s of streams) {
    const seqs = all.filter((e) => e.stream === s).map((e) => e.seq);
    expect({ stream: s, seqs }).toEqual({ stream: s, seqs: seqs.map((_, i) => i + 1) });
  }
  for (const id of procedureIds) {
    const snapshot = await procedureState(stack, caseId, id);
    expect({ id, seq: all.filter((e) => e.stream === id).length }).toEqual({ id, seq: snapshot.seq });
  }
  const chain = await new CaseRepository(stack.db).verifyChain(caseId);
  expect(chain).toMatchObject({ valid: true, brokenAt: null, length: all.length });
}

// ---- policies -------------------------------------------------------------------------------------------

/**
 * A draft policy version (never in force, so nothing else is touched) for the flow tests' cases in
 * 140105 / industry_trade / major: every step `procedure` arms keeps the period it has in force, gets a
 * reminder one unit before when it has none, and one escalation rung ('letter': the case records it and
 * tells the supervisor) one unit after the deadline.
 */
export async function pinLadderPolicy(db: DataSource, procedures: ProcedureId[], label: string): Promise<number> {
  const policies = new PolicyVersionRepository(db);
  const inForce = (await policies.inForceAt(new Date()))!;
  const overrides: PolicyRule[] = [];
  for (const procedure of procedures) {
    for (const step of ARMED_STEPS[procedure]) {
      const national = inForce.rules.find(
        (r) => r.procedure === procedure && r.step === step && r.sector === '*' && !r.jurisdictionPrefix && !r.grade,
      );
      if (!national) throw new Error(`no national rule for ${procedure}.${step}`);
      const unit = { amount: 1, unit: national.duration.unit };
      overrides.push({
        ...national,
        sector: CASE_FACTS.sector,
        jurisdictionPrefix: CASE_FACTS.jurisdiction,
        grade: 'major',
        reminders: national.reminders.length > 0 ? national.reminders : national.duration.amount > 1 ? [unit] : [],
        escalation: [{ action: 'letter', after: unit }],
        provenance: { kind: 'administrator_default', setBy: ADMIN.id, reason: `test: ${label}` },
      } as PolicyRule);
    }
  }
  const draft = await policies.createDraft({ label, rules: [...inForce.rules, ...overrides], basedOn: inForce.version }, ADMIN, 'test');
  return draft.version;
}
