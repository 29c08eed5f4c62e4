import { randomUUID } from 'node:crypto';
import type { CaseSnapshot } from '@anjian/contracts';
import {
  act,
  caseWhen,
  DAY,
  decide,
  doc,
  eventsOf,
  expectProjectionWhole,
  type FlowStack,
  HEAD,
  INSPECTOR,
  iso,
  openFlowCase,
  pendingApproval,
  procedureWhen,
  SUPERVISOR,
  typesOf,
} from '../support/procedure-driver';
import { connectDirectly, startKillableWorker } from '../support/killable-worker';
import type { WorkerProcessHarness } from '../support/worker-process-handle';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * A case with several procedures (a listing, the rectification, verification and closure its links
 * start) while the worker process is SIGKILLed three times: with an officer action in flight, right
 * after an action that makes the case workflow start the next procedure, and with an approval decision
 * in flight. A new worker process takes over each time; the case completes with nothing lost or written
 * twice: one instance of each procedure, each act once, seqs contiguous per stream, the chain valid.
 */
describe('a multi-procedure case survives worker SIGKILLs', () => {
  let worker: WorkerProcessHarness;
  let stack: FlowStack;
  const taskQueue = `flow-kill-${randomUUID()}`;

  beforeAll(async () => {
    worker = await startKillableWorker(taskQueue);
    const direct = await connectDirectly();
    stack = { db: direct.db, client: direct.temporal, taskQueue, kind: 'dev', now: async () => Date.now(), sleep, stop: direct.close };
  }, 180_000);

  afterAll(async () => {
    await worker?.dispose();
    await stack?.stop();
  });

  /** Kills the worker `afterMs` after `action` was sent, starts a new one, and returns the action's answer. */
  async function killedDuring<T>(action: () => Promise<T>, afterMs = 30): Promise<T> {
    const inFlight = action();
    inFlight.catch(() => undefined);
    await sleep(afterMs);
    const death = await worker.kill();
    expect(death.signal).toBe('SIGKILL');
    await worker.start();
    return inFlight;
  }

  it('listing → rectification → verification → closure → delisted, with three kills mid-case', async () => {
    const L = 'listed_supervision-1';
    const c = await openFlowCase(stack, 'listed_supervision', { caseJurisdiction: '140105' });
    await caseWhen(c, (s) => s.procedures.some((p) => p.procedureId === 'rectification-1'), 'the listing’s rectification', 20_000);
    await act(stack, c.caseId, L, 'propose', { hazard: '报警装置失效', reason: '重大事故隐患' });
    await act(stack, c.caseId, L, 'set_level', { level: 'city' }, SUPERVISOR);
    // 1: an officer's action in flight.
    const noticed = await killedDuring(() =>
      act(
        stack,
        c.caseId,
        L,
        'issue_notice',
        { noticeNo: '挂〔2026〕9号', rectificationDueAt: iso(Date.now() + 60 * DAY), attachments: [doc()] },
        HEAD,
      ),
    );
    expect(noticed.step).toBe('submit_plan');

    await act(stack, c.caseId, 'rectification-1', 'submit_report', { summary: '整改完成', attachments: [doc()] });
    // 2: the action that completes the rectification; the case workflow starts the verification meanwhile.
    await killedDuring(
      () => act(stack, c.caseId, 'rectification-1', 'record_recheck', { result: 'passed', inspector: INSPECTOR, findings: '合格' }),
      150,
    );
    await caseWhen(c, (s) => s.procedures.some((p) => p.procedureId === 'verification-1'), 'verification-1', 30_000);
    await act(
      stack,
      c.caseId,
      'verification-1',
      'schedule_check',
      { scheduledAt: iso(Date.now() + DAY), inspectors: [INSPECTOR] },
      SUPERVISOR,
    );
    await act(stack, c.caseId, 'verification-1', 'record_result', {
      result: 'passed',
      signedBy: INSPECTOR,
      checkedAt: iso(Date.now() - 1000),
      findings: '合格',
      attachments: [doc()],
    });
    await caseWhen(c, (s) => s.procedures.some((p) => p.procedureId === 'closure-1'), 'closure-1', 30_000);
    await act(stack, c.caseId, 'closure-1', 'propose', {
      summary: '申请销号',
      verification: {
        procedureId: 'verification-1',
        result: 'passed',
        inspector: INSPECTOR,
        checkedAt: iso(Date.now() - 1000),
        summary: '合格',
      },
      attachments: [doc()],
    });
    const a = await pendingApproval(c, 'closure');
    // 3: the supervisor's decision in flight.
    await killedDuring(() => decide(c, a.approvalId, 'approved', '同意销号'));
    await procedureWhen(stack, c, 'closure-1', (p) => p.outcome === 'archived', 'archived');
    await act(stack, c.caseId, L, 'submit_plan', {
      fiveInPlace: {
        responsibility: { person: '张厂长', position: '总经理', duties: '负责治理' },
        measures: '更换报警装置',
        funds: { amountYuan: 100000, source: '自筹' },
        deadline: '2027-03-31',
        emergencyPlan: '停用仓库',
      },
      attachments: [doc()],
    });
    await act(stack, c.caseId, L, 'rectification_complete', { summary: '治理完成', attachments: [doc()] });
    await act(stack, c.caseId, L, 'on_site_review', { result: 'passed', inspector: INSPECTOR, findings: '合格', attachments: [doc()] });
    await act(stack, c.caseId, L, 'delist', { summary: '准予摘牌' }, SUPERVISOR);
    const closed = (await c.handle.result()) as CaseSnapshot;
    expect(closed.status).toBe('closed');
    expect(worker.kills).toBe(3);

    // One instance of each procedure; every act recorded once; seqs contiguous; the chain verifies.
    expect(closed.procedures.map((p) => [p.procedureId, p.outcome]).sort()).toEqual(
      [
        [L, 'delisted'],
        ['closure-1', 'archived'],
        ['rectification-1', 'rectified'],
        ['verification-1', 'passed'],
      ].sort(),
    );
    const once = (types: string[], list: string[]) =>
      list.forEach((t) => expect({ t, n: types.filter((x) => x === t).length }).toEqual({ t, n: 1 }));
    once(typesOf(await eventsOf(stack, c.caseId, L)), [
      'listing_started',
      'listing_proposed',
      'listing_level_set',
      'listing_notice_issued',
      'plan_submitted',
      'listing_review_passed',
      'delisted',
    ]);
    once(typesOf(await eventsOf(stack, c.caseId, 'rectification-1')), ['order_issued', 'report_submitted', 'recheck_passed']);
    once(typesOf(await eventsOf(stack, c.caseId, 'verification-1')), ['verification_requested', 'check_scheduled', 'verification_passed']);
    once(typesOf(await eventsOf(stack, c.caseId, 'closure-1')), ['closure_started', 'closure_proposed', 'closure_approved']);
    const caseStream = typesOf(await eventsOf(stack, c.caseId, 'case'));
    expect(caseStream.filter((t) => t === 'procedure_started')).toHaveLength(3);
    once(caseStream, ['approval_requested', 'approval_decided', 'case_closed']);
    await expectProjectionWhole(stack, c.caseId, [L, 'rectification-1', 'verification-1', 'closure-1']);
  });
});
