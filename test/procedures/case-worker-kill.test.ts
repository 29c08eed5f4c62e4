import { randomUUID } from 'node:crypto';
import { caseStateQuery, caseWorkflowId } from '@anjian/contracts';
import { eventually } from '../support/fixtures';
import { connectDirectly, type DirectConnections, startKillableWorker } from '../support/killable-worker';
import type { WorkerProcessHarness } from '../support/worker-process-handle';
import {
  act,
  caseInput,
  type CaseTestEnv,
  DOCUMENT,
  eventsOf,
  inMs,
  INSPECTOR,
  notificationsOf,
  openCase,
  pinnedTestPolicy,
  procedureIn,
  shortReportRule,
} from './case-test-kit';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The worker is a separate process killed with SIGKILL in the middle of a case (test/support/
 * worker-process.ts): an officer action in flight, and a deadline falling due while no worker runs.
 * A new worker process takes over; nothing is lost, nothing is written twice.
 */
describe('case workflow: worker killed (SIGKILL) mid-case', () => {
  let worker: WorkerProcessHarness;
  let direct: DirectConnections;
  let env: CaseTestEnv;
  const taskQueue = `case-kill-${randomUUID()}`;

  beforeAll(async () => {
    worker = await startKillableWorker(taskQueue);
    direct = await connectDirectly();
    env = { temporal: direct.temporal, taskQueue, db: direct.db };
  }, 180_000);

  afterAll(async () => {
    await worker?.dispose();
    await direct?.close();
  });

  it('an action in flight when the worker dies completes on the next worker, exactly once', async () => {
    const { caseId } = await openCase(env, caseInput({ reportDueAt: inMs(30 * 86_400_000) }));
    const inFlight = act(env, caseId, 'rectification-1', 'submit_report', { summary: '已整改', attachments: [DOCUMENT] });
    await sleep(30);
    await worker.kill();
    expect(worker.kills).toBe(1);
    await worker.start();
    expect(await inFlight).toMatchObject({ step: 'recheck' });

    // Killed again while idle: the next action waits for a worker and then runs.
    await worker.kill();
    const passed = act(env, caseId, 'rectification-1', 'record_recheck', { result: 'passed', inspector: INSPECTOR, findings: '合格' });
    await sleep(500);
    await worker.start();
    expect(await passed).toMatchObject({ status: 'completed', outcome: 'rectified' });
    const closed = await env.temporal.workflow.getHandle(caseWorkflowId(caseId)).result();
    expect(closed.status).toBe('closed');

    const child = await eventsOf(env, caseId, 'rectification-1');
    expect(child.map((e) => e.type)).toEqual(['order_issued', 'deadline_armed', 'report_submitted', 'deadline_armed', 'recheck_passed']);
    expect(child.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect((await eventsOf(env, caseId, 'case')).map((e) => e.type)).toEqual(['case_closed']);
  });

  it('a deadline that falls due while no worker runs fires (late, once) when a worker is back', async () => {
    const policyVersion = await pinnedTestPolicy(env, [shortReportRule([{ action: 'letter', hours: 0 }], [])], 'test: kill ladder');
    const { caseId, handle } = await openCase(env, caseInput({ reportDueAt: inMs(3_000), policyVersion }));
    await worker.kill();
    await sleep(4_000); // the due instant and the rung pass with no worker
    await worker.start();
    const s = await eventually(
      () => handle.query(caseStateQuery),
      (x) => x.escalations.length === 1,
      30_000,
      'the rung recorded after the restart',
    );
    expect(s.escalations[0]).toMatchObject({ procedureId: 'rectification-1', action: 'letter', effect: 'notified supervisor' });
    expect(procedureIn(s, 'rectification-1')!.deadlines.find((d) => d.step === 'report')).toMatchObject({
      overdue: true,
      escalationsFired: 1,
    });
    const types = (await eventsOf(env, caseId, 'rectification-1')).map((e) => e.type);
    expect(types.filter((t) => t === 'deadline_passed')).toHaveLength(1);
    expect(types.filter((t) => t === 'escalation_rung_reached')).toHaveLength(1);
    const notes = await notificationsOf(env, caseId);
    expect(notes.filter((n) => n.payload['firing'] === 'due')).toHaveLength(2);
    expect(notes.filter((n) => n.payload['firing'] === 'escalation')).toHaveLength(2);
  });
});
