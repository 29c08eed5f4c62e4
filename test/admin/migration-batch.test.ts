import { randomUUID } from 'node:crypto';
import {
  CASE_MIGRATION_WORKFLOW,
  type CaseMigrationInput,
  caseMigrationWorkflowId,
  openedUpdate,
  RECTIFICATION_WORKFLOW,
  rectificationWorkflowId,
  type RectificationWorkflowInput,
} from '@anjian/contracts';
import { OpenRectificationCaseInput } from '@anjian/domain';
import { type Client, WithStartWorkflowOperation } from '@temporalio/client';
import type { FaultApi } from '../support/fault-api';
import { caseBody, eventually } from '../support/fixtures';
import { http, type HttpResult, officerIn } from '../support/http';
import { startTestStack, type TestStack } from '../support/test-stack';
import { startApiFor, startKillableWorker } from '../support/killable-worker';
import type { WorkerProcessHarness } from '../support/worker-process-handle';
import { ADMIN, NATIONAL_ADMIN } from './admin-headers';
import { migrationCases, migrationFinished } from './migration-support';

/**
 * Moving running cases as a durable batch (caseMigrationWorkflow): the request answers 202 at once,
 * progress and per-case outcomes are read from PostgreSQL while the batch runs, a case whose workflow
 * never answers is failed after its bounded attempts without holding up the others, large batches
 * continue-as-new, and the batch survives its worker being SIGKILLed. Cases here lie under 650203
 * (克拉玛依区) and 659000, which no other test file uses; each test migrates only what its filter names.
 */
const JURISDICTION = '650203';
/** The SIGKILL test's own county (its cases' workflows live on that test's task queue only). */
const KILL_JURISDICTION = '659000';
const SHANXI_ADMIN = { 'x-actor-id': 'admin-140000-001', 'x-actor-role': 'administrator', 'x-actor-jurisdiction': '140000' };
const localRule = (jurisdictionPrefix: string) => ({
  procedure: 'rectification',
  step: 'report',
  sector: '*',
  jurisdictionPrefix,
  duration: { amount: 45, unit: 'calendarDays' },
  reminders: [],
  provenance: { kind: 'administrator_default', setBy: ADMIN['x-actor-id'], reason: 'batch migration test' },
});

type Http = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<HttpResult<any>>;

/**
 * Opens `n` major-hazard rectification cases in `jurisdiction` as running cases opened before the case
 * workflow existed do (legacy rectificationWorkflow, id case-<id>-rectification: update-with-start
 * 'opened', as the API did), since those are the cases a migration must drain. The seeded rule gives
 * them 90 days; the local rule below 45.
 */
async function openLegacyCases(
  temporal: Client,
  taskQueue: string,
  n: number,
  jurisdiction = JURISDICTION,
): Promise<{ id: string; dueAt: string; policyVersion: number }[]> {
  const out = [];
  for (let i = 0; i < n; i++) {
    const caseId = randomUUID();
    const officer = officerIn(jurisdiction);
    const input: RectificationWorkflowInput = {
      caseId,
      actor: { id: officer['x-actor-id'], role: 'officer', jurisdiction },
      openedAt: new Date().toISOString(),
      input: OpenRectificationCaseInput.parse(caseBody({ jurisdiction, hazardGrade: 'major', title: `批量迁移测试 ${i}` })),
    };
    const start = new WithStartWorkflowOperation(RECTIFICATION_WORKFLOW, {
      workflowId: rectificationWorkflowId(caseId),
      taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    const snap = await temporal.workflow.executeUpdateWithStart(openedUpdate, { startWorkflowOperation: start });
    out.push({ id: caseId, dueAt: snap.state.deadline!.dueAt, policyVersion: snap.state.deadline!.policyVersion! });
  }
  return out;
}

/** A published version with the 45-day local rule, in force only in the future (new cases keep the current one). */
async function publishTarget(call: Http, basedOn: number, jurisdiction = JURISDICTION): Promise<number> {
  const base = await call('GET', `/admin/policies/${basedOn}`, undefined, ADMIN);
  const rules = [...base.body.rules, localRule(jurisdiction)];
  const draft = await call('POST', '/admin/policies', { label: 'batch target', rules, reason: 'batch test' }, ADMIN);
  expect(draft.status).toBe(201);
  const list = await call('GET', '/admin/policies', undefined, ADMIN);
  const latest = list.body
    .filter((v: { status: string }) => v.status === 'published')
    .map((v: { effectiveFrom: string }) => v.effectiveFrom)
    .sort()
    .at(-1) as string;
  const effectiveFrom = new Date(Math.max(Date.parse(latest), Date.now()) + 3600_000).toISOString();
  const published = await call(
    'POST',
    `/admin/policies/${draft.body.version}/publish`,
    { effectiveFrom, reason: 'batch test' },
    NATIONAL_ADMIN,
  );
  expect(published.status).toBe(200);
  return draft.body.version as number;
}

const rearmedEvents = async (call: Http, caseId: string) =>
  ((await call('GET', `/cases/${caseId}/events`, undefined, ADMIN)).body as { type: string }[]).filter(
    (e) => e.type === 'deadline_rearmed',
  );

describe('case migration as a durable batch', () => {
  let stack: TestStack;
  let call: Http;
  let version: number;
  beforeAll(async () => {
    stack = await startTestStack();
    call = (method, path, body, headers = ADMIN) => http(stack.baseUrl, method, path, body, headers);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('answers 202 at once; progress is readable while it runs, and a stuck case does not hold up the others', async () => {
    const cases = await openLegacyCases(stack.temporal, stack.taskQueue, 4);
    version = await publishTarget(call, cases[0]!.policyVersion);

    // The first case's workflow is replaced by one on a task queue no worker polls: it can never answer an update.
    const stuck = cases[0]!;
    const stuckWorkflowId = rectificationWorkflowId(stuck.id);
    await stack.temporal.workflow.getHandle(stuckWorkflowId).terminate('test: replaced by a workflow nobody runs');
    // Its input does not matter: no worker will ever run it.
    await stack.temporal.workflow.start('rectificationWorkflow', {
      workflowId: stuckWorkflowId,
      taskQueue: `nobody-${randomUUID()}`,
      args: [{ caseId: stuck.id }],
    });

    try {
      const t0 = Date.now();
      const started = await call('POST', `/admin/policies/${version}/migrations`, {
        filter: { jurisdictionPrefix: JURISDICTION },
        reason: '克拉玛依区 to 45 days',
      });
      expect(started.status).toBe(202);
      expect(Date.now() - t0).toBeLessThan(5_000); // it does not wait for the cases (the stuck one takes ≥ 20 s)
      const id = started.body.id as string;
      expect(started.headers.get('location')).toBe(`/admin/migrations/${id}`);
      expect(started.body).toMatchObject({
        status: 'running',
        workflowId: caseMigrationWorkflowId(id),
        casesUrl: `/admin/migrations/${id}/cases`,
      });
      // Readable at once (the request recorded the batch before answering).
      const first = await call('GET', `/admin/migrations/${id}`);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        id,
        status: 'running',
        target: `policy v${version}`,
        reason: '克拉玛依区 to 45 days',
        startedBy: { id: ADMIN['x-actor-id'] },
      });

      // While the stuck case is still being attempted, the three others are already done.
      const midway = await eventually(
        () => call('GET', `/admin/migrations/${id}`),
        (r) => r.body.counts?.moved === 3,
        20_000,
        'the three answering cases to be moved',
      );
      expect(midway.body).toMatchObject({
        status: 'running',
        listingComplete: true,
        counts: { listed: 4, pending: 1, moved: 3, failed: 0 },
      });
      const during = await migrationCases(stack.baseUrl, id, ADMIN, 2); // two pages of two
      expect(during.map((c) => c.caseId)).toEqual(cases.map((c) => c.id));
      expect(during[0]).toMatchObject({ caseId: stuck.id, status: 'pending', after: null });
      for (const [i, c] of during.slice(1).entries()) {
        expect(c).toMatchObject({
          status: 'moved',
          before: { dueAt: cases[i + 1]!.dueAt },
          after: { policyVersion: version },
          attempts: 1,
        });
        expect(Date.parse(c.after!.dueAt!)).toBeLessThan(Date.parse(c.before.dueAt!)); // 45 days instead of 90
      }
      // Elsewhere in the country the batch does not exist.
      expect((await call('GET', `/admin/migrations/${id}`, undefined, SHANXI_ADMIN)).status).toBe(404);

      const done = await migrationFinished(stack.baseUrl, `/admin/migrations/${id}`, ADMIN, 90_000);
      expect(done).toMatchObject({
        status: 'completed',
        counts: { listed: 4, pending: 0, moved: 3, failed: 1 },
        finishedAt: expect.any(String),
      });
      expect(done.failures).toEqual([expect.objectContaining({ caseId: stuck.id, status: 'failed', attempts: 2 })]);
      expect(done.failures[0].note).toMatch(/no answer after 2 attempt\(s\) of 10 s/);
      const failedOnly = await call('GET', `/admin/migrations/${id}/cases?status=failed`);
      expect(failedOnly.body).toMatchObject({ cases: [{ caseId: stuck.id }], next: null });
      // A hand-made `after` whose position exceeds PostgreSQL's integer is a 400 on the field, not a 500.
      const tooFar = await call('GET', `/admin/migrations/${id}/cases?after=3019703046.${stuck.id}`);
      expect(tooFar.status).toBe(400);
      expect(tooFar.body.errors[0].path).toBe('query.after');

      // Each moved case recorded the move once, with the administrator and the reason.
      for (const c of cases.slice(1)) {
        const events = await rearmedEvents(call, c.id);
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({ reason: '克拉玛依区 to 45 days', actor: { id: ADMIN['x-actor-id'] } });
      }
      const list = await call('GET', '/admin/migrations');
      expect(list.body.find((m: { id: string }) => m.id === id)).toMatchObject({ status: 'completed', counts: { moved: 3 } });
    } finally {
      // Leave nothing stuck for other files' migrations.
      await stack.temporal.workflow
        .getHandle(stuckWorkflowId)
        .terminate('test done')
        .catch(() => undefined);
      await stack.db.query(`UPDATE cases SET status = 'closed', closed_at = now() WHERE id = $1`, [stuck.id]);
    }
  });

  it('continues-as-new across pages of a large batch, and records each case once', async () => {
    const fresh = await openLegacyCases(stack.temporal, stack.taskQueue, 3);
    const migrationId = randomUUID();
    const input: CaseMigrationInput = {
      migrationId,
      actor: { id: ADMIN['x-actor-id'], role: 'administrator', jurisdiction: ADMIN['x-actor-jurisdiction'] },
      reason: 'pages of one',
      cause: 'policy_migration',
      target: { kind: 'policy', version },
      targetLabel: `policy v${version}`,
      filter: { jurisdictionPrefix: JURISDICTION },
      within: ['65'],
      tuning: { pageSize: 1, pagesPerRun: 2 },
    };
    const handle = await stack.temporal.workflow.start(CASE_MIGRATION_WORKFLOW, {
      workflowId: caseMigrationWorkflowId(migrationId),
      taskQueue: stack.taskQueue,
      args: [input],
    });
    const counts = await handle.result();
    // The earlier test's three cases are on the version already; the stuck one is closed.
    expect(counts).toMatchObject({ listed: 6, moved: 3, skipped: 3, failed: 0, pending: 0 });
    // 7 pages (the last one empty), 2 per run: the batch continued-as-new, and the latest run finished it.
    const latest = await stack.temporal.workflow.getHandle(caseMigrationWorkflowId(migrationId)).describe();
    expect(latest.runId).not.toBe(handle.firstExecutionRunId);
    expect(latest.status.name).toBe('COMPLETED');
    const outcome = await migrationCases(stack.baseUrl, migrationId, ADMIN);
    expect(
      outcome
        .filter((c) => c.status === 'moved')
        .map((c) => c.caseId)
        .sort(),
    ).toEqual(fresh.map((c) => c.id).sort());
    expect(outcome.filter((c) => c.status === 'skipped').every((c) => c.note === `already on policy v${version}`)).toBe(true);
    for (const c of fresh) expect(await rearmedEvents(call, c.id)).toHaveLength(1);
  });
});

describe('case migration batch survives its worker being SIGKILLed', () => {
  let api: FaultApi;
  let worker: WorkerProcessHarness;
  let call: Http;
  const taskQueue = `migration-kill-${randomUUID()}`;

  beforeAll(async () => {
    worker = await startKillableWorker(taskQueue);
    api = await startApiFor(taskQueue);
    call = (method, path, body, headers = ADMIN) => http(api.baseUrl, method, path, body, headers);
  }, 180_000);
  afterAll(async () => {
    await api?.stop();
    await worker?.dispose();
  });

  it('moves every case exactly once after the worker dies mid-batch and a new one starts', async () => {
    const cases = await openLegacyCases(api.temporal, taskQueue, 3, KILL_JURISDICTION);
    const target = await publishTarget(call, cases[0]!.policyVersion, KILL_JURISDICTION);
    // The worker kills itself right after the first re-arm is projected, before its workflow task completes.
    worker.arm({ eventTypes: ['deadline_rearmed'] });
    const filter = { jurisdictionPrefix: KILL_JURISDICTION };
    const started = await call('POST', `/admin/policies/${target}/migrations`, { filter, reason: 'kill test' });
    expect(started.status).toBe(202);
    const id = started.body.id as string;
    const death = await Promise.race([worker.exited(), new Promise<null>((r) => setTimeout(() => r(null), 30_000))]);
    expect(death).toMatchObject({ signal: 'SIGKILL' });

    // No worker: the batch cannot move on, but its progress is still read from PostgreSQL.
    const whileDead = await call('GET', `/admin/migrations/${id}`);
    expect(whileDead.status).toBe(200);
    expect(whileDead.body.status).toBe('running');
    expect(whileDead.body.counts.pending).toBeGreaterThan(0);

    await worker.start();
    const done = await migrationFinished(api.baseUrl, `/admin/migrations/${id}`, ADMIN, 120_000);
    expect(done).toMatchObject({ status: 'completed', failures: [] });
    const outcome = await migrationCases(api.baseUrl, id, ADMIN);
    const mine = outcome.filter((c) => cases.some((k) => k.id === c.caseId));
    expect(mine.map((c) => c.status)).toEqual(['moved', 'moved', 'moved']);
    // The update id is per batch and case: the retried attempt reached the same update, never a second one.
    for (const c of cases) {
      expect(await rearmedEvents(call, c.id)).toHaveLength(1);
      const now = await call('GET', `/cases/${c.id}`);
      expect(now.body.deadline).toMatchObject({ policyVersion: target });
    }
  });
});
