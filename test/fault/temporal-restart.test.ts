import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../tools/stack/free-port';
import { type RunningTemporal, startTemporal } from '../../tools/stack/temporal';
import { PASS, REPORT, sendUntilLanded, uploadReportFile, type Sent } from '../support/case-driver';
import { checkConvergence } from '../support/convergence';
import { type FaultApi, startFaultApi, testDatabaseUrl, testWorkflowBundle } from '../support/fault-api';
import { Tally } from '../support/fault-http';
import { caseBody, inSeconds } from '../support/fixtures';
import { OFFICER } from '../support/http';
import { WorkerProcessHarness } from '../support/worker-process-handle';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A dedicated Temporal dev server (SQLite file, so its state survives) is stopped and started again
 * on the same port while officers' actions are in flight. Nothing may be lost or duplicated, the
 * projection must equal what the workflows committed, and the cases must still advance afterwards. Cases run the main path: POST /cases (case workflow + rectification child), actions through the generic action route.
 */
describe('Temporal server restarted mid-run', () => {
  const CASES = 8;
  const namespace = 'default';
  const taskQueue = `fault-temporal-${randomUUID()}`;
  const dir = mkdtempSync(join(tmpdir(), 'anjian-fault-temporal-'));
  const dbFilename = join(dir, 'temporal.sqlite');
  let port: number;
  let temporal: RunningTemporal | undefined;
  let worker: WorkerProcessHarness;
  let api: FaultApi;
  const savedAddress = process.env['TEMPORAL_ADDRESS'];

  const startServer = async () => {
    temporal = await startTemporal({ port, dbFilename, namespace });
  };

  beforeAll(async () => {
    delete process.env['TEMPORAL_ADDRESS']; // startTemporal would reuse that server instead of starting ours
    port = await freePort();
    await startServer();
    worker = new WorkerProcessHarness({
      databaseUrl: testDatabaseUrl(),
      temporalAddress: temporal!.address,
      namespace,
      taskQueue,
      workflowBundle: testWorkflowBundle(),
    });
    await worker.start();
    api = await startFaultApi({
      databaseUrl: testDatabaseUrl(),
      temporalAddress: temporal!.address,
      namespace,
      taskQueue,
      env: { TEMPORAL_CALL_TIMEOUT_MS: '5000' },
    });
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
    await worker?.dispose();
    await temporal?.stop();
    if (savedAddress !== undefined) process.env['TEMPORAL_ADDRESS'] = savedAddress;
    rmSync(dir, { recursive: true, force: true });
  });

  it('actions in flight during the restart land exactly once (retried with the same Idempotency-Key), and the cases advance after', async () => {
    const tally = new Tally();
    const send = { baseUrl: api.baseUrl, tally, requestTimeoutMs: 30_000, actionDeadlineMs: 120_000 };
    const run = randomUUID();
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

    // Reports for every case at once; the server goes down while most of them are in flight.
    let answered = 0;
    const reports: Promise<Sent>[] = ids.map((id, i) =>
      sendUntilLanded(send, REPORT.name, REPORT.path(id), REPORT.body(), `${run}-${i}-report`, REPORT.needs).finally(() => answered++),
    );
    // Stop as soon as the first report is answered: some have been committed, the others are in flight.
    await Promise.race([Promise.race(reports), sleep(5000)]);
    const inFlight = CASES - answered;
    const stoppedAt = Date.now();
    await temporal!.stop();
    await sleep(3000);
    await startServer();
    const downMs = Date.now() - stoppedAt;
    const reported = await Promise.all(reports);
    const workerSurvived = worker.pid !== undefined && worker.starts === 1;
    if (worker.pid === undefined) await worker.start(); // a supervisor would restart it; the test reports it

    let committedBeforeStop = 0;
    for (const id of ids) {
      const r = await checkConvergence(api, id, OFFICER);
      if (r.committed[1] && Date.parse(r.committed[1].at) < stoppedAt) committedBeforeStop++;
      expect({ id, mismatches: r.mismatches, types: r.committed.map((t) => t.type) }).toEqual({
        id,
        mismatches: [],
        types: ['order_issued', 'report_submitted'],
      });
    }

    // Still alive after the restart: every case advances to closed.
    const verified = await Promise.all(
      ids.map((id, i) => sendUntilLanded(send, PASS.name, PASS.path(id), PASS.body(), `${run}-${i}-verification`, PASS.needs)),
    );
    let eventsChecked = 0;
    for (const id of ids) {
      const r = await checkConvergence(api, id, OFFICER);
      expect({
        id,
        mismatches: r.mismatches,
        types: r.committed.map((t) => t.type),
        step: r.snapshot.step,
        caseStatus: r.caseSnapshot.status,
      }).toEqual({
        id,
        mismatches: [],
        types: ['order_issued', 'report_submitted', 'recheck_passed'],
        step: 'completed',
        caseStatus: 'closed',
      });
      eventsChecked += r.eventsChecked;
    }
    process.stderr.write(
      `[fault] Temporal restart: ${CASES} cases, server down ${downMs} ms with ${inFlight} of ${CASES} reports in flight; ` +
        `${committedBeforeStop} of them committed by the workflow before the stop; ` +
        `report attempts ${JSON.stringify(reported.map((r) => r.attempts.join(',')))}; worker ${workerSurvived ? 'survived' : 'DIED and was restarted'}; ` +
        `${eventsChecked} events checked; HTTP ${JSON.stringify(tally)}; verification attempts ${verified.reduce((n, v) => n + v.attempts.length, 0)}\n`,
    );
    const unexpected = Object.entries(tally.toJSON()).filter(([label]) => !/:(200|201|409|503)$/.test(label));
    expect(unexpected).toEqual([]);
    expect(reported.every((r) => r.retryAfterOn503)).toBe(true);
    expect(inFlight).toBeGreaterThan(0);
    expect(workerSurvived).toBe(true);
  }, 300_000);
});
