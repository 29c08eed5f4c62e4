import { caseWorkflowId, procedureWorkflowId } from '@anjian/contracts';
import {
  act,
  approvalRow,
  caseRow,
  caseWhen,
  COUNTY_SUPERVISOR,
  DAY,
  deadlineFires,
  deadlineOf,
  decide,
  doc,
  eventsOf,
  expectProjectionWhole,
  extensionRefusedThenApproved,
  type FlowCase,
  type FlowStack,
  HEAD,
  INSPECTOR,
  iso,
  OFFICER,
  openFlowCase,
  pendingApproval,
  pinLadderPolicy,
  procedureRow,
  procedureState,
  procedureWhen,
  refusalOf,
  refusedWithoutTrace,
  startDevFlowStack,
  startTimeSkippingFlowStack,
  SUPERVISOR,
  suspendAndResume,
  typesOf,
} from '../support/procedure-driver';
import { recordHistory } from '../support/record-history';

/** 挂牌督办 listed supervision, and the procedures the pinned links run under it. */
const L = 'listed_supervision-1';
const start = { caseJurisdiction: '140105', reason: '重大事故隐患挂牌督办' };
const fiveInPlace = {
  responsibility: { person: '张厂长', position: '总经理', duties: '全面负责隐患治理' },
  measures: '更换报警装置、联网监控',
  funds: { amountYuan: 500000, source: '企业自筹' },
  deadline: '2027-03-31',
  emergencyPlan: '治理期间停用危化品仓库，设置警戒区',
};
const progress = (n: number) => ({ summary: `第${n}次治理进展`, percentComplete: 30 * n, attachments: [doc(`进展${n}.pdf`)] });
const complete = { summary: '治理完成，申请验收', attachments: [doc('验收申请.pdf')] };
const review = (result: 'passed' | 'failed', dueMs?: number) => ({
  result,
  inspector: INSPECTOR,
  findings: result === 'passed' ? '现场审查合格' : '联网未完成',
  ...(dueMs ? { newRectificationDueAt: iso(dueMs) } : {}),
  attachments: [doc('审查记录.pdf')],
});

/** propose → city level → notice: the listing reaches its plan step. */
async function listedAtCityLevel(stack: FlowStack, c: FlowCase): Promise<void> {
  await act(stack, c.caseId, L, 'propose', { hazard: '可燃气体报警装置失效', reason: '重大事故隐患', proposedLevel: 'city' });
  await act(stack, c.caseId, L, 'set_level', { level: 'city' }, SUPERVISOR);
  await act(stack, c.caseId, L, 'issue_notice', { noticeNo: '并应急挂〔2026〕1号', attachments: [doc('挂牌督办通知书.pdf')] }, HEAD);
}

describe('listed supervision flow on the Temporal dev server', () => {
  let stack: FlowStack;
  beforeAll(async () => {
    stack = await startDevFlowStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('happy path: level, notice, plan with the five in place, recurring reports, a failed then passed review, delisting by the city; the links run rectification → verification → closure', async () => {
    const c = await openFlowCase(stack, 'listed_supervision', start);
    expect(c.opened.procedures.find((p) => p.procedureId === L)).toMatchObject({ step: 'propose', status: 'active' });
    // The listing started a rectification of the listed hazard (pinned links).
    const withRect = await caseWhen(
      c,
      (s) => s.procedures.some((p) => p.procedure === 'rectification'),
      'the listing’s rectification',
      15_000,
    );
    const R = withRect.procedures.find((p) => p.procedure === 'rectification')!.procedureId;

    await listedAtCityLevel(stack, c);
    const notice = await procedureState(stack, c.caseId, L);
    expect(notice.deadlines.map((d) => d.step).sort()).toEqual(['progress_report', 'rectification_complete', 'submit_plan']);
    expect(notice.data).toMatchObject({ level: 'city', delistingJurisdiction: '140100' });

    await act(stack, c.caseId, L, 'submit_plan', { fiveInPlace, attachments: [doc('治理方案.pdf')] });
    const firstDue = deadlineOf(await procedureState(stack, c.caseId, L), 'progress_report')!.dueAt;
    await act(stack, c.caseId, L, 'progress_report', progress(1));
    const p2 = await act(stack, c.caseId, L, 'progress_report', progress(2));
    // Each report re-arms the next one from its receipt.
    expect(Date.parse(deadlineOf(p2, 'progress_report')!.dueAt)).toBeGreaterThanOrEqual(Date.parse(firstDue));
    expect(p2.data['progressReports']).toBe(2);
    await act(stack, c.caseId, L, 'rectification_complete', complete);
    const failed = await act(stack, c.caseId, L, 'on_site_review', review('failed', Date.now() + 30 * DAY));
    expect(failed).toMatchObject({ step: 'progress_report', data: expect.objectContaining({ reviewFailures: 1 }) });
    await act(stack, c.caseId, L, 'progress_report', progress(3));
    await act(stack, c.caseId, L, 'rectification_complete', complete);
    await act(stack, c.caseId, L, 'on_site_review', review('passed'));

    // The county supervisor may not delist a city-level listing; the city's may.
    const wrongLevel = await refusedWithoutTrace(stack, c, L, () =>
      act(stack, c.caseId, L, 'delist', { summary: '销号' }, COUNTY_SUPERVISOR),
    );
    expect(wrongLevel.type).toBe('JurisdictionNotAllowed');
    expect(wrongLevel.details).toMatchObject({ action: 'delist', jurisdiction: '140105', required: '140100' });

    // The rectification of the listed hazard → verification → closure (links, while the listing runs).
    await act(stack, c.caseId, R, 'submit_report', { summary: '整改完成', attachments: [doc()] });
    await act(stack, c.caseId, R, 'record_recheck', { result: 'passed', inspector: INSPECTOR, findings: '合格' });
    const withVer = await caseWhen(
      c,
      (s) => s.procedures.some((p) => p.procedure === 'verification'),
      'verification started by the links',
      15_000,
    );
    const V = withVer.procedures.find((p) => p.procedure === 'verification')!.procedureId;
    await act(stack, c.caseId, V, 'schedule_check', { scheduledAt: iso(Date.now() + DAY), inspectors: [INSPECTOR] }, SUPERVISOR);
    await act(stack, c.caseId, V, 'record_result', {
      result: 'passed',
      signedBy: INSPECTOR,
      checkedAt: iso(Date.now() - 1000),
      findings: '验收合格',
      attachments: [doc('验收记录.pdf')],
    });
    const withClosure = await caseWhen(
      c,
      (s) => s.procedures.some((p) => p.procedure === 'closure'),
      'closure started by the links',
      15_000,
    );
    const C = withClosure.procedures.find((p) => p.procedure === 'closure')!.procedureId;
    await act(stack, c.caseId, C, 'propose', {
      summary: '隐患整改验收合格，申请销号',
      verification: { procedureId: V, result: 'passed', inspector: INSPECTOR, checkedAt: iso(Date.now() - 1000), summary: '验收合格' },
      attachments: [doc('验收记录.pdf')],
    });
    const closureApproval = await pendingApproval(c, 'closure');
    await decide(c, closureApproval.approvalId, 'approved', '同意销号');
    await procedureWhen(stack, c, C, (p) => p.outcome === 'archived', 'closure archived');

    const delisted = await act(stack, c.caseId, L, 'delist', { summary: '隐患治理完成，准予摘牌' }, SUPERVISOR);
    expect(delisted).toMatchObject({ status: 'completed', outcome: 'delisted' });
    const closed = await c.handle.result();
    expect(closed.status).toBe('closed');
    expect(await caseRow(stack, c.caseId)).toMatchObject({ status: 'closed', workflow_id: caseWorkflowId(c.caseId) });

    expect(typesOf(await eventsOf(stack, c.caseId, L)).filter((t) => t !== 'deadline_armed')).toEqual([
      'listing_started',
      'listing_proposed',
      'listing_level_set',
      'listing_notice_issued',
      'plan_submitted',
      'progress_reported',
      'progress_reported',
      'rectification_completed',
      'listing_review_failed',
      'progress_reported',
      'rectification_completed',
      'listing_review_passed',
      'delisted',
    ]);
    const caseEvents = await eventsOf(stack, c.caseId, 'case');
    const caseStream = typesOf(caseEvents);
    // Each procedure a link started is recorded as done on behalf of the person whose act led to it:
    // the listing's start, the passed re-check, the recorded verification result (all the officer's
    // here) — never an anonymous process.
    expect(caseEvents.filter((e) => e.type === 'procedure_started').map((e) => [e.data['procedure'], e.actor_id, e.data['from']])).toEqual([
      ['rectification', OFFICER.id, L],
      ['verification', OFFICER.id, R],
      ['closure', OFFICER.id, V],
    ]);
    expect(caseStream).toEqual(expect.arrayContaining(['approval_requested', 'approval_decided', 'case_closed']));
    expect(await procedureRow(stack, c.caseId, L)).toMatchObject({
      status: 'completed',
      outcome: 'delisted',
      procedure: 'listed_supervision',
    });
    for (const [id, outcome] of [
      [R, 'rectified'],
      [V, 'passed'],
      [C, 'archived'],
    ]) {
      expect(await procedureRow(stack, c.caseId, id!)).toMatchObject({ status: 'completed', outcome });
    }
    expect(await approvalRow(stack, c.caseId, closureApproval.approvalId)).toMatchObject({
      kind: 'closure',
      status: 'approved',
      decided_by: SUPERVISOR.id,
    });
    await expectProjectionWhole(stack, c.caseId, [L, R, V, C]);
    recordHistory(caseWorkflowId(c.caseId), 'flow-case-listing-runs-rectification-verification-closure');
    recordHistory(procedureWorkflowId(c.caseId, L), 'flow-listed-supervision-happy-path');
  });

  it('refusals: wrong step, wrong role, a plan missing one of the five in place, a level the case has not; a level change refused then approved', async () => {
    const c = await openFlowCase(stack, 'listed_supervision', start);
    const wrongStep = await refusedWithoutTrace(stack, c, L, () => act(stack, c.caseId, L, 'set_level', { level: 'city' }, SUPERVISOR));
    // allowedActions are the caller's (a supervisor may end the listing as escalated at any step).
    expect(wrongStep).toMatchObject({
      type: 'ActionNotAllowed',
      details: { action: 'set_level', currentStep: 'propose', allowedActions: ['conclude_escalated'] },
    });
    const wrongStepOfficer = await refusedWithoutTrace(stack, c, L, () => act(stack, c.caseId, L, 'delist', { summary: 'x' }));
    expect(wrongStepOfficer.details).toEqual({ action: 'delist', currentStep: 'propose', allowedActions: ['propose'] });
    await act(stack, c.caseId, L, 'propose', { hazard: '报警装置失效', reason: '重大事故隐患' });
    const wrongRole = await refusedWithoutTrace(stack, c, L, () => act(stack, c.caseId, L, 'set_level', { level: 'city' }));
    expect(wrongRole).toMatchObject({ type: 'RoleNotAllowed', details: expect.objectContaining({ roles: ['supervisor'] }) });
    const badLevel = await refusedWithoutTrace(stack, c, L, () => act(stack, c.caseId, L, 'set_level', { level: 'district' }, SUPERVISOR));
    expect(badLevel.type).toBe('InvalidInput');
    expect((badLevel.details as { path: string[] }[]).map((i) => i.path.join('.'))).toEqual(['input.level']);
    await act(stack, c.caseId, L, 'set_level', { level: 'county' }, SUPERVISOR);
    await act(stack, c.caseId, L, 'issue_notice', { noticeNo: '县挂〔2026〕2号', attachments: [doc()] }, HEAD);
    const { funds: _funds, ...fourInPlace } = fiveInPlace;
    void _funds;
    const missingFunds = await refusedWithoutTrace(stack, c, L, () =>
      act(stack, c.caseId, L, 'submit_plan', { fiveInPlace: fourInPlace, attachments: [doc()] }),
    );
    expect(missingFunds.type).toBe('InvalidInput');
    expect((missingFunds.details as { path: string[] }[]).map((i) => i.path.join('.'))).toEqual(['input.fiveInPlace.funds']);

    // A level change goes to a supervisor: returned (unchanged), then approved (the new delisting jurisdiction).
    await act(stack, c.caseId, L, 'request_level_change', { level: 'city', reason: '隐患涉及多个区县' });
    const first = await pendingApproval(c, 'listing_level');
    expect(first.data).toMatchObject({ from: 'county', to: 'city', approverJurisdiction: '140100' });
    await decide(c, first.approvalId, 'returned', '维持县级督办');
    await procedureWhen(stack, c, L, (p) => p.data['pendingLevel'] === null && p.data['level'] === 'county', 'the level change refused');
    await act(stack, c.caseId, L, 'request_level_change', { level: 'city', reason: '隐患涉及多个区县，已报市局' });
    const second = (
      await caseWhen(c, (s) => s.approvals.some((a) => a.kind === 'listing_level' && a.approvalId !== first.approvalId), 'second')
    ).approvals.find((a) => a.kind === 'listing_level')!;
    const byOfficer = await refusalOf(decide(c, second.approvalId, 'approved', '同意', OFFICER));
    expect(byOfficer.type).toBe('RoleNotAllowed');
    await decide(c, second.approvalId, 'approved', '同意提级');
    const changed = await procedureWhen(stack, c, L, (p) => p.data['level'] === 'city', 'the level changed');
    expect(changed.data['delistingJurisdiction']).toBe('140100');
    expect(typesOf(await eventsOf(stack, c.caseId, L))).toEqual(
      expect.arrayContaining(['listing_level_change_refused', 'listing_level_changed']),
    );
    expect((await approvalRow(stack, c.caseId, first.approvalId))!['status']).toBe('returned');
    expect((await approvalRow(stack, c.caseId, second.approvalId))!['status']).toBe('approved');
    recordHistory(procedureWorkflowId(c.caseId, L), 'flow-listed-supervision-refusals-and-level-change');
  });

  it('延期: the plan deadline extension refused, then approved', async () => {
    const c = await openFlowCase(stack, 'listed_supervision', start);
    await listedAtCityLevel(stack, c);
    await extensionRefusedThenApproved(stack, c, L, 'submit_plan');
  });
});

describe('listed supervision deadlines on the time-skipping server', () => {
  let stack: FlowStack;
  let policyVersion: number;
  beforeAll(async () => {
    stack = await startTimeSkippingFlowStack();
    policyVersion = await pinLadderPolicy(stack.db, ['listed_supervision', 'rectification'], 'flow: listing ladder');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('plan, progress report, completion and on-site review deadlines each fire reminder, passing and rung; 中止 keeps the time left', async () => {
    const c = await openFlowCase(stack, 'listed_supervision', start, { policyVersion });
    await listedAtCityLevel(stack, c);
    const plan = deadlineOf(await procedureState(stack, c.caseId, L), 'submit_plan')!;
    await suspendAndResume(stack, c, L, 'submit_plan', 3 * DAY);
    expect(
      Date.parse(deadlineOf(await procedureState(stack, c.caseId, L), 'submit_plan')!.dueAt) - Date.parse(plan.dueAt),
    ).toBeGreaterThanOrEqual(3 * DAY - 1000);
    await deadlineFires(stack, c, L, 'submit_plan');
    await act(stack, c.caseId, L, 'submit_plan', { fiveInPlace, attachments: [doc()] });
    await deadlineFires(stack, c, L, 'progress_report');
    await act(stack, c.caseId, L, 'progress_report', progress(1));
    await deadlineFires(stack, c, L, 'rectification_complete');
    await act(stack, c.caseId, L, 'rectification_complete', complete);
    await deadlineFires(stack, c, L, 'on_site_review');
    const events = await eventsOf(stack, c.caseId, L);
    expect(events.find((e) => e.type === 'plan_submitted')!.data['late']).toBe(true);
    expect(events.find((e) => e.type === 'rectification_completed')!.data['late']).toBe(true);
    await expectProjectionWhole(stack, c.caseId, [L]);
  });
});
