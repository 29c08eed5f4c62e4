import { randomUUID } from 'node:crypto';
import { PASS, REPORT, sendUntilLanded, uploadReportFile } from '../support/case-driver';
import { checkConvergence } from '../support/convergence';
import {
  type FaultApi,
  startFaultApi,
  testDatabaseUrl,
  testNamespace,
  testTemporalAddress,
  testWorkflowBundle,
} from '../support/fault-api';
import { type Outcome, outcomeLabel, request, Tally } from '../support/fault-http';
import { caseBody, inSeconds } from '../support/fixtures';
import { OFFICER } from '../support/http';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { WorkerProcessHarness } from '../support/worker-process-handle';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const OUTAGE_MS = 30_000;

const viaProxy = (url: string, proxy: TcpProxy) => {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(proxy.port);
  return u.toString();
};

/**
 * Cases run the product's main path: POST /cases opens the case workflow and its rectification child;
 * reports and re-checks go to `rectification-1` through the generic action route.
 *
 * PostgreSQL unreachable for 30 s: the API and the worker each reach it through their own TCP proxy
 * (test/support/tcp-proxy.ts). The worker's link is cut first, so actions sent then pass the API's
 * checks and reach the workflow, whose projection write fails; a few seconds later the API's link is
 * cut too, so later actions fail at the API. Every answer in the outage must be a 503 with
 * Retry-After (or a success that completed later) — no 500, no hang — and afterwards, retried with
 * the same Idempotency-Key, each action must have happened exactly once and the cases advance.
 */
describe('PostgreSQL unreachable for 30 s', () => {
  const CASES = 6;
  const taskQueue = `fault-pg-${randomUUID()}`;
  let apiLink: TcpProxy;
  let workerLink: TcpProxy;
  let worker: WorkerProcessHarness;
  let api: FaultApi;
  let checker: FaultApi; // reads the truth over a direct connection

  beforeAll(async () => {
    const real = new URL(testDatabaseUrl());
    const target = { host: real.hostname, port: Number(real.port || 5432) };
    apiLink = await startTcpProxy(target);
    workerLink = await startTcpProxy(target);
    worker = new WorkerProcessHarness({
      databaseUrl: viaProxy(testDatabaseUrl(), workerLink),
      temporalAddress: testTemporalAddress(),
      namespace: testNamespace(),
      taskQueue,
      workflowBundle: testWorkflowBundle(),
    });
    await worker.start();
    const common = { temporalAddress: testTemporalAddress(), namespace: testNamespace(), taskQueue };
    api = await startFaultApi({ ...common, databaseUrl: viaProxy(testDatabaseUrl(), apiLink) });
    checker = await startFaultApi({ ...common, databaseUrl: testDatabaseUrl() });
  }, 180_000);

  afterAll(async () => {
    apiLink?.restore();
    workerLink?.restore();
    await api?.stop();
    await checker?.stop();
    await worker?.dispose();
    await apiLink?.close();
    await workerLink?.close();
  });

  it('actions are refused with 503 (or complete later), nothing is lost or duplicated, and the cases advance after', async () => {
    const tally = new Tally();
    const run = randomUUID();
    const send = { baseUrl: api.baseUrl, tally, requestTimeoutMs: 60_000, actionDeadlineMs: 120_000 };
    const ids: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const opened = await sendUntilLanded(
        send,
        'open',
        '/cases',
        caseBody({ reportDueAt: inSeconds(30 * 86_400) }),
        `${run}-${i}-open`,
        null,
      );
      ids.push(opened.caseId!);
      await uploadReportFile(send.baseUrl, opened.caseId!);
    }
    const key = (i: number) => `${run}-${i}-report`;
    const body = REPORT.body();

    // The outage: the worker's link first, then the API's. One first attempt per case, sent in it.
    const during: { i: number; phase: string; outcome: Outcome; endedAfterOutage: boolean }[] = [];
    const cutAt = Date.now();
    const restoreAt = cutAt + OUTAGE_MS;
    const attempt = (i: number, phase: string) =>
      request(api.baseUrl, 'POST', REPORT.path(ids[i]!), body, { ...OFFICER, 'idempotency-key': key(i) }, 60_000).then((outcome) => {
        during.push({ i, phase, outcome, endedAfterOutage: Date.now() > restoreAt });
      });
    workerLink.cut();
    const first = [0, 1, 2].map((i) => attempt(i, 'worker link cut'));
    await sleep(5000);
    apiLink.cut();
    await sleep(1000);
    const second = [3, 4, 5].map((i) => attempt(i, 'both links cut'));
    const read = request(api.baseUrl, 'GET', `/cases/${ids[0]}`, undefined, OFFICER, 60_000);
    await sleep(Math.max(0, restoreAt - Date.now()));
    apiLink.restore();
    workerLink.restore();
    await Promise.all([...first, ...second]);
    const readDuring = await read;

    // After: the same keys until each report has landed (or 45 s have passed).
    const retried = await Promise.all(
      ids.map((id, i) =>
        sendUntilLanded({ ...send, actionDeadlineMs: 45_000 }, REPORT.name, REPORT.path(id), body, key(i), REPORT.needs).catch(
          (err: Error) => ({ caseId: null, attempts: [`gave up: ${err.message.slice(0, 300)}`], retryAfterOn503: true }),
        ),
      ),
    );
    const afterOutage = [];
    for (const id of ids) afterOutage.push(await checkConvergence(checker, id, OFFICER));

    const seen = during
      .sort((a, b) => a.i - b.i)
      .map(
        (d) =>
          `#${d.i} ${d.phase}: ${outcomeLabel(d.outcome)} in ${(d.outcome.ms / 1000).toFixed(1)} s${d.endedAfterOutage ? ' (after the outage)' : ''}`,
      );
    process.stderr.write(
      `[fault] PostgreSQL outage ${OUTAGE_MS / 1000} s: ${seen.join('; ')}; GET during: ${outcomeLabel(readDuring)} in ${(readDuring.ms / 1000).toFixed(1)} s; ` +
        `retries after (same key): ${JSON.stringify(retried.map((r) => (r.attempts.length > 6 ? `${r.attempts.slice(0, 3).join(',')},… ×${r.attempts.length}` : r.attempts.join(','))))}; ` +
        `proxies api ${JSON.stringify(apiLink.stats())} worker ${JSON.stringify(workerLink.stats())}\n`,
    );

    // During the outage: 503 with Retry-After, or a success that completed once PostgreSQL was back.
    for (const d of during) {
      const o = d.outcome;
      const ok =
        o.kind === 'answer' && ((o.status === 503 && Number(o.headers.get('retry-after')) > 0) || (o.status === 200 && d.endedAfterOutage));
      expect({ i: d.i, phase: d.phase, ok, outcome: outcomeLabel(o), body: o.kind === 'answer' && !ok ? o.body : undefined }).toEqual({
        i: d.i,
        phase: d.phase,
        ok: true,
        outcome: outcomeLabel(o),
        body: undefined,
      });
    }
    expect(readDuring).toMatchObject({ kind: 'answer', status: 503 });

    // Nothing lost, nothing duplicated: each report exactly once, the projection equal to the workflow.
    expect(afterOutage.map((r) => ({ id: r.caseId, mismatches: r.mismatches, types: r.committed.map((t) => t.type) }))).toEqual(
      ids.map((id) => ({ id, mismatches: [], types: ['order_issued', 'report_submitted'] })),
    );
    // And the cases still advance.
    await Promise.all(
      ids.map((id, i) => sendUntilLanded(send, PASS.name, PASS.path(id), PASS.body(), `${run}-${i}-verification`, PASS.needs)),
    );
    let eventsChecked = 0;
    for (const id of ids) {
      const r = await checkConvergence(checker, id, OFFICER);
      expect({ id, mismatches: r.mismatches, step: r.snapshot.step, n: r.committed.length, caseStatus: r.caseSnapshot.status }).toEqual({
        id,
        mismatches: [],
        step: 'completed',
        n: 3,
        caseStatus: 'closed',
      });
      eventsChecked += r.eventsChecked;
    }
    process.stderr.write(`[fault] PostgreSQL outage: ${CASES} cases closed after it, ${eventsChecked} events checked\n`);
    expect(apiLink.stats().refused + workerLink.stats().refused).toBeGreaterThan(0); // the cut was real
    const unexpected = Object.entries(tally.toJSON()).filter(([label]) => !/:(200|201|409|503)$/.test(label));
    expect(unexpected).toEqual([]);
  }, 300_000);
});
