import { randomUUID } from 'node:crypto';
import { procedureStateQuery, procedureWorkflowId } from '@anjian/contracts';
import { type CasePlan, driveCase, type DrivenCase, PLANS, REPORT, uploadReportFile } from '../support/case-driver';
import { checkConvergence, committedTransitions, FIRST_PROCEDURE } from '../support/convergence';
import type { FaultApi } from '../support/fault-api';
import { request, Tally } from '../support/fault-http';
import { caseBody, inSeconds } from '../support/fixtures';
import { OFFICER } from '../support/http';
import { startApiFor, startKillableWorker } from '../support/killable-worker';
import type { WorkerProcessHarness } from '../support/worker-process-handle';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `accept` holds; fails (throws) on time-out instead of returning the last value. */
async function waitFor<T>(what: string, fn: () => Promise<T>, accept: (v: T) => boolean, timeoutMs = 90_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined && accept(v)) return v;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last ${JSON.stringify(v)}`);
    await sleep(300);
  }
}

/**
 * The worker is a separate process killed with SIGKILL in the middle of a transition: after the
 * projection's transaction committed, before the workflow task that ran it completed. The workflow
 * task is retried by a new worker process, computes the event again at its own (later) time, and the
 * projection must end equal to what the workflow committed (issue 10: "the projection must converge").
 * Cases run the product's main path: POST /cases opens the case workflow, whose rectification child
 * (`rectification-1`) takes the officer's actions through the generic action route.
 */
describe('worker killed (SIGKILL) mid-transition', () => {
  let api: FaultApi;
  let worker: WorkerProcessHarness;
  const taskQueue = `fault-kill-${randomUUID()}`;

  beforeAll(async () => {
    worker = await startKillableWorker(taskQueue);
    api = await startApiFor(taskQueue);
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
    await worker?.dispose();
  });

  /** The procedure workflow's own count of events on its stream. */
  const workflowSeq = async (caseId: string) =>
    (await api.temporal.workflow.getHandle(procedureWorkflowId(caseId, FIRST_PROCEDURE)).query(procedureStateQuery)).seq;
  const streamRows = async (caseId: string) =>
    (
      (await api.db.query('SELECT seq, occurred_at FROM case_events WHERE case_id = $1 AND stream = $2 ORDER BY seq', [
        caseId,
        FIRST_PROCEDURE,
      ])) as { seq: string; occurred_at: Date }[]
    ).map((r) => ({ seq: Number(r.seq), occurredAt: r.occurred_at.toISOString() }));

  it('after the projection commits and before the workflow task completes: nothing lost or duplicated, the projection equals what the workflow committed', async () => {
    const opened = await request(api.baseUrl, 'POST', '/cases', caseBody({ reportDueAt: inSeconds(30 * 86_400) }));
    expect(opened).toMatchObject({ kind: 'answer', status: 201 });
    const caseId = (opened as { body: { id: string } }).body.id;
    await uploadReportFile(api.baseUrl, caseId);

    const openedSeq = await workflowSeq(caseId);
    expect(openedSeq).toBeGreaterThanOrEqual(1);

    // The worker process SIGKILLs itself right after the report's projection has committed.
    worker.arm({ caseId, eventTypes: ['report_submitted'] });
    const key = `kill-${randomUUID()}`;
    const reportBody = REPORT.body();
    const firstAttempt = request(api.baseUrl, 'POST', REPORT.path(caseId), reportBody, { ...OFFICER, 'idempotency-key': key }, 150_000);
    const death = await worker.exited();
    expect(death.signal).toBe('SIGKILL');

    // The kill sat exactly in the window: the rows are committed, the workflow has not committed them.
    const killedWrite = worker.projections().find((p) => p.killing)!;
    expect(killedWrite).toMatchObject({ caseId, stream: FIRST_PROCEDURE });
    expect(killedWrite.seqs[0]).toBe(openedSeq + 1);
    expect(killedWrite.types[0]).toBe('report_submitted');
    expect(killedWrite.appended).toBe(killedWrite.seqs.length);
    const atDeath = await streamRows(caseId);
    expect(atDeath.map((e) => e.seq)).toEqual(Array.from({ length: openedSeq + killedWrite.seqs.length }, (_, i) => i + 1));
    expect(atDeath[openedSeq]!.occurredAt).toBe(killedWrite.ats[0]);
    expect((await committedTransitions(api.temporal, caseId)).flatMap((t) => t.seqs)).toEqual(
      Array.from({ length: openedSeq }, (_, i) => i + 1),
    );

    // A supervisor restarts the worker; the workflow task times out and is retried there.
    await worker.start();
    let answer = await firstAttempt;
    // With API deadlines the first attempt may have been answered 503; the same key must reach the same update.
    for (let i = 0; i < 10 && !(answer.kind === 'answer' && answer.status === 200); i++) {
      await sleep(2000);
      answer = await request(api.baseUrl, 'POST', REPORT.path(caseId), reportBody, { ...OFFICER, 'idempotency-key': key }, 60_000);
    }
    expect(answer).toMatchObject({ kind: 'answer', status: 200 });
    await waitFor(
      'the workflow to commit the report',
      () => workflowSeq(caseId),
      (s) => s > openedSeq,
    );

    const retried = worker
      .projections()
      .filter((p) => p.caseId === caseId && p.stream === FIRST_PROCEDURE && p.seqs.includes(openedSeq + 1));
    expect(retried.length).toBeGreaterThanOrEqual(2); // the killed write and the retried one
    const committed = await committedTransitions(api.temporal, caseId);
    expect(committed.map((t) => t.type)).toEqual(['order_issued', 'report_submitted']);
    // The retried workflow task ran later, so the workflow committed another time than the killed write.
    expect(committed[1]!.at).not.toBe(killedWrite.ats[0]);

    const report = await checkConvergence(api, caseId, OFFICER);
    expect(report.mismatches).toEqual([]);
    expect(report.eventsChecked).toBe(report.snapshot.seq);
    expect(report.snapshot.step).toBe('recheck');
    // The answer is the case as the workflow committed it: the recheck deadline counted from the committed time.
    const recheck = report.snapshot.deadlines.find((d) => d.step === 'recheck')!;
    expect(recheck.start).toBe(committed[1]!.at);
    if (answer.kind === 'answer') {
      const shown = (answer.body.procedures as { procedureId: string; deadlines: { step: string; start: string; dueAt: string }[] }[]).find(
        (p) => p.procedureId === FIRST_PROCEDURE,
      )!;
      expect(shown.deadlines).toEqual([expect.objectContaining({ step: 'recheck', start: recheck.start, dueAt: recheck.dueAt })]);
    }
    process.stderr.write(
      `[fault] single kill: case ${caseId}; killed write at ${killedWrite.ats[0]}, workflow committed ${committed[1]!.at}; ` +
        `first answer ${answer.kind === 'answer' ? answer.status : answer.kind}\n`,
    );
  }, 240_000);

  /** What the soak saw, for the test after it. */
  let soak: { tally: Tally; driven: DrivenCase[] } | undefined;

  it('soak: 40 cases worked concurrently while the worker is SIGKILLed 4 times; every case converges', async () => {
    const runId = `soak-${randomUUID()}`;
    const tally = new Tally();
    const plans: CasePlan[] = ['close', 'fail-then-report', 'report-only'];
    const CASES = Number(process.env['FAULT_SOAK_CASES'] ?? 40);
    const KILLS = 4;
    const killsBefore = worker.kills;
    const logBefore = worker.projections().length;
    const t0 = Date.now();
    let done = false;

    const drivers = Array.from({ length: CASES }, async (_, i): Promise<DrivenCase> => {
      await sleep(i * 400); // spread the openings over ~16 s so that all the kills land among live transitions
      return driveCase(plans[i % plans.length]!, i, runId, { baseUrl: api.baseUrl, tally, requestTimeoutMs: 60_000 });
    });
    const all = Promise.all(drivers).finally(() => {
      done = true;
    });

    // Kills alternate: inside the window (the worker process kills itself right after its k-th
    // committed projection, at the first officer's action from there: an opening's event time comes
    // from the request, so only an action's retried workflow task computes a different event) and at
    // a random moment from outside. A new worker starts at once.
    const placements: string[] = [];
    for (let k = 0; k < KILLS && !done; k++) {
      if (k % 2 === 0) {
        const after = 3 + Math.floor(Math.random() * 10);
        worker.arm({ afterProjections: after, eventTypes: ['report_submitted', 'recheck_passed', 'recheck_failed'] });
        await Promise.race([worker.exited(), all]);
        if (worker.pid === undefined) placements.push(`after its projection #${after}`);
      } else {
        const delay = 1000 + Math.floor(Math.random() * 3000);
        await sleep(delay);
        if (done) break;
        placements.push(`from outside ${delay} ms after start`);
        await worker.kill();
      }
      if (worker.pid === undefined) await worker.start();
    }
    worker.disarm();
    await all;
    if (worker.pid === undefined) await worker.start();
    const driveMs = Date.now() - t0;

    const driven = await all;
    soak = { tally, driven };
    const opened = driven.filter((c): c is DrivenCase & { caseId: string } => c.caseId !== null);

    // Let every retried workflow task finish (bounded), then compare each case with its workflows.
    const settleUntil = Date.now() + 60_000;
    const commits = async (caseId: string) => (await committedTransitions(api.temporal, caseId).catch(() => [])).length;
    for (const c of opened) {
      while (Date.now() < settleUntil && (await commits(c.caseId)) !== PLANS[c.plan].types.length) await sleep(500);
    }
    const reports = [];
    for (const c of opened) reports.push(await checkConvergence(api, c.caseId, OFFICER));
    const diverged = reports.filter((r) => r.mismatches.length > 0);
    const eventsChecked = reports.reduce((n, r) => n + r.eventsChecked, 0);

    // Where a killed attempt's write and the retried one differed (the case the old projection kept wrong).
    const writes = new Map<string, Set<string>>();
    for (const p of worker.projections().slice(logBefore)) {
      p.seqs.forEach((seq, i) => {
        const k = `${p.caseId}#${seq}`;
        if (p.stream === FIRST_PROCEDURE) writes.set(k, (writes.get(k) ?? new Set()).add(p.ats[i]!));
      });
    }
    const rewrittenSeqs = [...writes.entries()].filter(([, ats]) => ats.size > 1).map(([k]) => k);
    const rewrittenCases = new Set(rewrittenSeqs.map((k) => k.split('#')[0]));
    process.stderr.write(
      `[fault] soak: ${CASES} cases (${opened.length} opened, ${driven.filter((c) => c.error).length} not completed), ${worker.kills - killsBefore} SIGKILLs (${placements.join('; ')}), ${eventsChecked} events checked ` +
        `against the workflow history; ${rewrittenSeqs.length} seqs in ${rewrittenCases.size} cases written twice with different times; ` +
        `${diverged.length} cases diverged; ${driven.reduce((n, c) => n + c.retries, 0)} client retries; driven in ${Math.round(driveMs / 1000)} s; ` +
        `HTTP ${JSON.stringify(tally)}\n`,
    );
    expect(
      diverged.map(
        (r) => `${r.caseId}: ${r.mismatches.join('; ')} [client: ${opened.find((c) => c.caseId === r.caseId)!.trace.join(' ')}]`,
      ),
    ).toEqual([]);
    expect(driven.filter((c) => c.error !== null).map((c) => `${c.caseId}: ${c.error}`)).toEqual([]);
    expect(worker.kills - killsBefore).toBeGreaterThanOrEqual(3);
    expect(rewrittenSeqs.length).toBeGreaterThanOrEqual(1); // a kill did land between a write and its workflow task's end
    for (const c of opened) {
      const r = reports.find((x) => x.caseId === c.caseId)!;
      expect({ id: c.caseId, types: r.committed.map((t) => t.type), step: r.snapshot.step }).toEqual({
        id: c.caseId,
        types: PLANS[c.plan].types,
        step: PLANS[c.plan].step,
      });
    }
  }, 420_000);

  it("during the soak the API answered only 2xx, 409 (the workflow's own refusal) or 503 with Retry-After: never 500, never a hang", () => {
    if (!soak) throw new Error('the soak did not get as far as driving every case');
    const unexpected = Object.entries(soak.tally.toJSON()).filter(([label]) => !/:(200|201|409|503)$/.test(label));
    expect(unexpected).toEqual([]);
    expect(soak.driven.filter((c) => !c.retryAfterOn503).map((c) => c.trace.join(' '))).toEqual([]);
  });
});
