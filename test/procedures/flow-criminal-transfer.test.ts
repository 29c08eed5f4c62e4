import { caseWorkflowId, type ProcedureDeadline, procedureWorkflowId, startProcedureUpdate } from '@anjian/contracts';
import {
  act,
  caseWhen,
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
  HOUR,
  iso,
  OFFICER,
  OFFICER2,
  openFlowCase,
  pendingApproval,
  pinLadderPolicy,
  procedureRow,
  procedureState,
  procedureWhen,
  refusedWithoutTrace,
  startDevFlowStack,
  startTimeSkippingFlowStack,
  SUPERVISOR,
  suspendAndResume,
  typesOf,
  until,
} from '../support/procedure-driver';
import { recordHistory } from '../support/record-history';

/**
 * 行刑衔接 transfer to criminal justice on the statutory clock of procedures.md §3: the head's 3-day
 * decision, the 24-hour hand-over, acceptance (or forwarding within 24 h), the 3 / 7 / 30-day filing
 * tiers counted from acceptance, incomplete materials (24 h window, 3 days to supplement), the decision
 * notice (3 d), property hand-over (3 d); after a refusal both branches — reconsideration (3 + 3 days)
 * then procuratorate supervision, or straight to the procuratorate — and the way back to the
 * administrative track with the penalties already decided kept in force.
 */
const T = 'criminal_transfer-1';
const penalty = { decisionNo: '并应急罚〔2026〕12号', summary: '罚款人民币五万元', decidedAt: '2026-11-20T09:00:00+08:00' };
const flagged = {
  offence: '危险作业罪',
  facts: '关闭可燃气体报警装置继续作业，具有发生重大伤亡事故的现实危险',
  penaltiesDecided: [penalty],
};
const team = [
  { id: OFFICER.id, name: OFFICER.name! },
  { id: OFFICER2.id, name: OFFICER2.name! },
];

type At = (offsetMs?: number) => Promise<string>;
const clockOf =
  (stack: FlowStack): At =>
  async (offsetMs = -1000) =>
    iso((await stack.now()) + offsetMs);

/**
 * A period counted from `start`: hours run through rest days from the next full hour (the starting hour
 * is not counted, 刑事诉讼法 art. 105); days may roll over a rest day or a holiday.
 */
function expectPeriod(d: ProcedureDeadline | undefined, start: string, period: { hours: number } | { days: number }): void {
  expect(d).toBeDefined();
  expect(Date.parse(d!.start)).toBe(Date.parse(start));
  const len = Date.parse(d!.dueAt) - Date.parse(start);
  if ('hours' in period) {
    expect(len).toBeGreaterThan(period.hours * HOUR);
    expect(len).toBeLessThanOrEqual((period.hours + 1) * HOUR);
    expect(new Date(d!.dueAt).getUTCMinutes()).toBe(0);
  } else {
    expect(len).toBeGreaterThanOrEqual(period.days * DAY - HOUR);
    expect(len).toBeLessThan((period.days + 10) * DAY);
  }
}

/** Written report → the head approves (as `HEAD`) → handed over → accepted: the filing clock runs. */
async function acceptedByPolice(stack: FlowStack, c: FlowCase, at: At, procedureId = T): Promise<string> {
  await act(stack, c.caseId, procedureId, 'submit_written_report', {
    team,
    summary: '涉嫌危险作业罪，建议移送',
    attachments: [doc('书面报告.pdf')],
  });
  const a = await pendingApproval(c, 'transfer');
  await decide(c, a.approvalId, 'approved', '同意移送', HEAD);
  await procedureWhen(stack, c, procedureId, (p) => p.step === 'hand_over', 'the hand-over step');
  await act(stack, c.caseId, procedureId, 'hand_over', {
    policeAgency: '太原市公安局小店分局',
    handedOverAt: await at(),
    attachments: [doc('移送书.pdf')],
  });
  const acceptedAt = await at();
  await act(stack, c.caseId, procedureId, 'record_police_acceptance', { acceptedAt, attachments: [doc('受理回执.pdf')] });
  return acceptedAt;
}

const refusalNotice = async (at: At) => ({
  decision: 'not_filed',
  decidedAt: await at(-2000),
  grounds: 'no_crime_facts',
  reason: '认为没有犯罪事实',
  notice: { receivedAt: await at(), attachments: [doc('不予立案通知书.pdf')] },
});

describe('criminal transfer flow on the Temporal dev server', () => {
  let stack: FlowStack;
  let at: At;
  beforeAll(async () => {
    stack = await startDevFlowStack();
    at = clockOf(stack);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('filed: the statutory timeline (3 d, 24 h, forwarding 24 h, 3 / 7 / 30 d from acceptance, materials 24 h + 3 d, notice 3 d, property 3 d); the administrative track pauses and resumes', async () => {
    const c = await openFlowCase(stack, 'rectification', { summary: '限期整改', reportDueAt: iso(Date.now() + 30 * DAY) });
    const started = await c.handle.executeUpdate(startProcedureUpdate, {
      args: [{ procedure: 'criminal_transfer', input: flagged, reason: '发现涉嫌危险作业罪', actor: OFFICER }],
    });
    expect(started.procedureId).toBe(T);
    expect((await procedureState(stack, c.caseId, T)).step).toBe('written_report');

    const receivedByHeadAt = await at();
    const reported = await act(stack, c.caseId, T, 'submit_written_report', {
      team,
      summary: '涉嫌危险作业罪',
      receivedByHeadAt,
      attachments: [doc()],
    });
    expectPeriod(deadlineOf(reported, 'head_decision'), receivedByHeadAt, { days: 3 });
    const approval = await pendingApproval(c, 'transfer');
    expect(approval).toMatchObject({ approverRole: 'agency_head', procedureId: T });
    await decide(c, approval.approvalId, 'approved', '同意移送', HEAD);
    const approved = await procedureWhen(stack, c, T, (p) => p.step === 'hand_over', 'approved');
    const approvedAt = (await eventsOf(stack, c.caseId, T)).find((e) => e.type === 'transfer_approved')!.at;
    expectPeriod(deadlineOf(approved, 'hand_over'), approvedAt, { hours: 24 });
    // 310号: while the criminal question is open the administrative clocks stop (pinned links).
    const paused = await caseWhen(
      c,
      (s) => s.administrativePaused && s.procedures.find((p) => p.procedureId === 'rectification-1')!.suspended,
      'the administrative track paused',
    );
    expect(paused.procedures.find((p) => p.procedureId === 'rectification-1')!.suspension).not.toBeNull();

    await act(stack, c.caseId, T, 'hand_over', {
      policeAgency: '太原市公安局',
      handedOverAt: await at(),
      attachments: [doc('移送书.pdf')],
    });
    const receivedAt = await at();
    const outside = await act(stack, c.caseId, T, 'record_outside_jurisdiction', { receivedAt, note: '属小店分局管辖' });
    expectPeriod(deadlineOf(outside, 'police_forward'), receivedAt, { hours: 24 });
    await act(stack, c.caseId, T, 'record_police_forward', {
      forwardedTo: '太原市公安局小店分局',
      forwardedAt: await at(),
      attachments: [doc('转送告知书.pdf')],
    });
    const acceptedAt = await at();
    const accepted = await act(stack, c.caseId, T, 'record_police_acceptance', { acceptedAt, attachments: [] });
    expectPeriod(deadlineOf(accepted, 'police_filing_decision'), acceptedAt, { days: 3 });
    expectPeriod(deadlineOf(accepted, 'police_materials_notice'), acceptedAt, { hours: 24 });

    const notifiedAt = await at();
    const notified = await act(stack, c.caseId, T, 'record_materials_notice', { notifiedAt, missing: '检验鉴定报告' });
    expectPeriod(deadlineOf(notified, 'agency_supplement'), notifiedAt, { days: 3 });
    expect(deadlineOf(notified, 'police_materials_notice')).toBeUndefined();
    await act(stack, c.caseId, T, 'record_supplement', {
      supplementedAt: await at(),
      summary: '补充检验鉴定报告',
      attachments: [doc('鉴定报告.pdf')],
    });
    const leads = await act(stack, c.caseId, T, 'record_filing_extension', { tier: 'leads', decidedAt: await at() });
    expectPeriod(deadlineOf(leads, 'police_filing_decision_leads'), acceptedAt, { days: 7 });
    const noApprover = await refusedWithoutTrace(stack, c, T, () =>
      act(stack, c.caseId, T, 'record_filing_extension', { tier: 'complex', decidedAt: new Date().toISOString() }),
    );
    expect((noApprover.details as { path: string[] }[]).map((i) => i.path.join('.'))).toEqual(['input.approval']);
    const complex = await act(stack, c.caseId, T, 'record_filing_extension', {
      tier: 'complex',
      decidedAt: await at(),
      approval: { approverName: '刘局长', approverPosition: '县公安局局长', level: 'county' },
    });
    expectPeriod(deadlineOf(complex, 'police_filing_decision_complex'), acceptedAt, { days: 30 });
    // Missing materials are no ground for refusing a transferred case.
    const missing = await refusedWithoutTrace(stack, c, T, async () =>
      act(stack, c.caseId, T, 'record_filing_decision', { ...(await refusalNotice(at)), grounds: 'missing_materials' }),
    );
    expect((missing.details as { path: string[] }[]).map((i) => i.path.join('.'))).toEqual(['input.grounds']);

    const decidedAt = await at();
    const decided = await act(stack, c.caseId, T, 'record_filing_decision', { decision: 'filed', decidedAt });
    expectPeriod(deadlineOf(decided, 'police_notify_decision'), decidedAt, { days: 3 });
    const noticeAt = await at();
    const filed = await act(stack, c.caseId, T, 'record_decision_notice', { receivedAt: noticeAt, attachments: [doc('立案告知书.pdf')] });
    expect(filed.step).toBe('hand_over_property');
    expectPeriod(deadlineOf(filed, 'hand_over_property'), noticeAt, { days: 3 });
    await act(stack, c.caseId, T, 'record_property_hand_over', { handedOverAt: await at(), inventory: '报警装置控制器一台' });
    const done = await act(stack, c.caseId, T, 'record_outcome', { summary: '公安机关已立案侦查' });
    expect(done).toMatchObject({ status: 'completed', outcome: 'filed' });

    await caseWhen(
      c,
      (s) => !s.administrativePaused && !s.procedures.find((p) => p.procedureId === 'rectification-1')!.suspended,
      'the administrative track resumed',
    );
    expect(typesOf(await eventsOf(stack, c.caseId, 'case'))).toEqual(
      expect.arrayContaining([
        'procedure_started',
        'approval_requested',
        'approval_decided',
        'administrative_track_paused',
        'administrative_track_resumed',
      ]),
    );
    expect(typesOf(await eventsOf(stack, c.caseId, 'rectification-1'))).toEqual(
      expect.arrayContaining(['procedure_suspended', 'procedure_resumed']),
    );
    expect(await procedureRow(stack, c.caseId, T)).toMatchObject({ procedure: 'criminal_transfer', status: 'completed', outcome: 'filed' });
    await expectProjectionWhole(stack, c.caseId, ['rectification-1', T]);
    recordHistory(procedureWorkflowId(c.caseId, T), 'flow-criminal-transfer-filed-statutory-timeline');
    recordHistory(caseWorkflowId(c.caseId), 'flow-case-transfer-pauses-administrative-track');
  });

  it('refusal branch 1: reconsideration (3 + 3 days), upheld, then procuratorate supervision, explanation, filing notice (15 d) → filed', async () => {
    const c = await openFlowCase(stack, 'criminal_transfer', flagged);
    await acceptedByPolice(stack, c, at);
    const refused = await act(stack, c.caseId, T, 'record_filing_decision', await refusalNotice(at));
    expect(refused.step).toBe('reconsideration_request');
    const noticeAt = (refused.data['decidedAt'] as string) && deadlineOf(refused, 'reconsideration_request')!.start;
    expectPeriod(deadlineOf(refused, 'reconsideration_request'), noticeAt, { days: 3 });
    expectPeriod(deadlineOf(refused, 'direct_supervision_request'), noticeAt, { days: 3 });
    const receivedByPoliceAt = await at();
    const asked = await act(stack, c.caseId, T, 'request_reconsideration', {
      requestedAt: await at(-2000),
      receivedByPoliceAt,
      reason: '证据足以证明犯罪事实',
      attachments: [doc('复议申请.pdf')],
    });
    expect(asked.deadlines.map((d) => d.step)).toEqual(['reconsideration_decision']);
    expectPeriod(deadlineOf(asked, 'reconsideration_decision'), receivedByPoliceAt, { days: 3 });
    const upheldAt = await at();
    const upheld = await act(stack, c.caseId, T, 'record_reconsideration_decision', {
      decision: 'refusal_upheld',
      decidedAt: await at(-2000),
      receivedAt: upheldAt,
      reason: '维持不予立案决定',
      attachments: [doc('复议决定书.pdf')],
    });
    expect(upheld.step).toBe('supervision_request');
    expectPeriod(deadlineOf(upheld, 'supervision_request'), upheldAt, { days: 3 });
    await act(stack, c.caseId, T, 'request_supervision', {
      procuratorate: '小店区人民检察院',
      requestedAt: await at(),
      reason: '建议立案监督',
      attachments: [doc()],
    });
    const explainAt = await at();
    const explain = await act(stack, c.caseId, T, 'record_procuratorate_action', {
      action: 'request_explanation',
      receivedByPoliceAt: explainAt,
      summary: '要求说明不立案理由',
    });
    expectPeriod(deadlineOf(explain, 'police_explain_refusal'), explainAt, { days: 7 });
    await act(stack, c.caseId, T, 'record_police_explanation', { explainedAt: await at(), summary: '公安机关说明理由' });
    const notifyAt = await at();
    const notify = await act(stack, c.caseId, T, 'record_procuratorate_action', {
      action: 'notify_filing',
      receivedByPoliceAt: notifyAt,
      summary: '通知立案',
    });
    expectPeriod(deadlineOf(notify, 'police_file_after_notice'), notifyAt, { days: 15 });
    const fileNoticeAt = await at();
    const filed = await act(stack, c.caseId, T, 'record_filed_after_notice', {
      filedAt: await at(-2000),
      noticeReceivedAt: fileNoticeAt,
      attachments: [doc('立案决定书.pdf')],
    });
    expectPeriod(deadlineOf(filed, 'hand_over_property'), fileNoticeAt, { days: 3 });
    await act(stack, c.caseId, T, 'record_property_hand_over', { handedOverAt: await at(), nothingToHandOver: true });
    const done = await act(stack, c.caseId, T, 'record_outcome', { summary: '经检察监督立案' });
    expect(done).toMatchObject({
      outcome: 'filed',
      data: expect.objectContaining({ branch: 'reconsideration', filedVia: 'procuratorate' }),
    });
    expect((await c.handle.result()).status).toBe('closed');
    await expectProjectionWhole(stack, c.caseId, [T]);
    recordHistory(procedureWorkflowId(c.caseId, T), 'flow-criminal-transfer-reconsideration-then-procuratorate');
  });

  it('refusal branch 2: straight to the procuratorate, which finds the refusal justified → back to the administrative track, penalties kept in force', async () => {
    const c = await openFlowCase(stack, 'criminal_transfer', flagged);
    await acceptedByPolice(stack, c, at);
    await act(stack, c.caseId, T, 'record_filing_decision', await refusalNotice(at));
    const direct = await act(stack, c.caseId, T, 'request_supervision', {
      procuratorate: '小店区人民检察院',
      requestedAt: await at(),
      reason: '直接建议立案监督',
      attachments: [doc()],
    });
    expect(direct).toMatchObject({ step: 'procuratorate_review', data: expect.objectContaining({ branch: 'direct' }), deadlines: [] });
    const back = await act(stack, c.caseId, T, 'record_procuratorate_action', { action: 'refusal_justified', summary: '不立案理由成立' });
    expect(back).toMatchObject({
      status: 'completed',
      outcome: 'returned_to_administrative',
      data: expect.objectContaining({ penalties: [penalty] }),
    });
    const ev = (await eventsOf(stack, c.caseId, T)).find((e) => e.type === 'returned_to_administrative')!;
    expect(ev.data).toMatchObject({ penaltiesStayInForce: true, penalties: [penalty] });
    expect(typesOf(await eventsOf(stack, c.caseId, T))).toContain('supervision_requested');
    expect((await c.handle.result()).status).toBe('closed');
    await expectProjectionWhole(stack, c.caseId, [T]);
    recordHistory(procedureWorkflowId(c.caseId, T), 'flow-criminal-transfer-direct-procuratorate-returned');
  });

  it('the agency accepts the refusal: back to the administrative track (penalties kept), the paused rectification resumes', async () => {
    const c = await openFlowCase(stack, 'rectification', { summary: '限期整改', reportDueAt: iso(Date.now() + 30 * DAY) });
    await c.handle.executeUpdate(startProcedureUpdate, {
      args: [{ procedure: 'criminal_transfer', input: flagged, reason: '涉嫌犯罪', actor: OFFICER }],
    });
    await acceptedByPolice(stack, c, at);
    await caseWhen(c, (s) => s.administrativePaused, 'paused');
    await act(stack, c.caseId, T, 'record_filing_decision', await refusalNotice(at));
    const wrongRole = await refusedWithoutTrace(stack, c, T, () =>
      act(stack, c.caseId, T, 'accept_refusal', { reason: '不再提请复议' }, SUPERVISOR),
    );
    expect(wrongRole.type).toBe('RoleNotAllowed');
    const back = await act(stack, c.caseId, T, 'accept_refusal', { reason: '接受不予立案决定，依法给予行政处罚' });
    expect(back).toMatchObject({ outcome: 'returned_to_administrative', data: expect.objectContaining({ penalties: [penalty] }) });
    const s = await caseWhen(
      c,
      (x) => !x.administrativePaused && x.procedures.find((p) => p.procedureId === 'rectification-1')?.suspended === false,
      'the administrative track resumed',
    );
    expect(s.procedures.find((p) => p.procedureId === 'rectification-1')).toMatchObject({ status: 'active', suspended: false });
    await act(stack, c.caseId, 'rectification-1', 'submit_report', { summary: '整改完成', attachments: [doc()] });
    recordHistory(procedureWorkflowId(c.caseId, T), 'flow-criminal-transfer-refusal-accepted');
  });

  it('refusals: wrong step, a team of one, the head may not hand over; the head refuses the transfer (reason) → not transferred', async () => {
    const c = await openFlowCase(stack, 'criminal_transfer', flagged);
    const wrongStep = await refusedWithoutTrace(stack, c, T, async () =>
      act(stack, c.caseId, T, 'hand_over', { policeAgency: '公安局', handedOverAt: await at(), attachments: [doc()] }),
    );
    expect(wrongStep).toMatchObject({
      type: 'ActionNotAllowed',
      details: { action: 'hand_over', currentStep: 'written_report', allowedActions: ['submit_written_report'] },
    });
    const alone = await refusedWithoutTrace(stack, c, T, () =>
      act(stack, c.caseId, T, 'submit_written_report', { team: [team[0]], summary: '一人', attachments: [doc()] }),
    );
    expect((alone.details as { path: string[] }[]).map((i) => i.path.join('.'))).toEqual(['input.team']);
    const byHead = await refusedWithoutTrace(stack, c, T, () =>
      act(stack, c.caseId, T, 'submit_written_report', { team, summary: '负责人不能提交', attachments: [doc()] }, HEAD),
    );
    expect(byHead.type).toBe('RoleNotAllowed');
    await act(stack, c.caseId, T, 'submit_written_report', { team, summary: '涉嫌危险作业罪', attachments: [doc()] });
    const a = await pendingApproval(c, 'transfer');
    await extensionRefusedThenApproved(stack, c, T, 'head_decision');
    await decide(c, a.approvalId, 'returned', '证据不足，不予移送，继续行政处罚', HEAD);
    const out = await procedureWhen(stack, c, T, (p) => p.status === 'completed', 'not transferred');
    expect(out.outcome).toBe('not_transferred');
    expect((await eventsOf(stack, c.caseId, T)).find((e) => e.type === 'transfer_refused')!.data['penalties']).toEqual([penalty]);
    recordHistory(procedureWorkflowId(c.caseId, T), 'flow-criminal-transfer-head-refuses');
  });
});

describe('criminal transfer statutory clock on the time-skipping server', () => {
  let stack: FlowStack;
  let at: At;
  let policyVersion: number;
  beforeAll(async () => {
    stack = await startTimeSkippingFlowStack();
    at = clockOf(stack);
    policyVersion = await pinLadderPolicy(stack.db, ['criminal_transfer'], 'flow: transfer ladder');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('every statutory period passes as an event with its reminder and rung; the materials window just closes; 中止 keeps the time left', async () => {
    const c = await openFlowCase(stack, 'criminal_transfer', flagged, { policyVersion });
    await act(stack, c.caseId, T, 'submit_written_report', { team, summary: '涉嫌危险作业罪', attachments: [doc()] });
    await suspendAndResume(stack, c, T, 'head_decision', 2 * DAY);
    await deadlineFires(stack, c, T, 'head_decision');
    const a = await pendingApproval(c, 'transfer');
    await decide(c, a.approvalId, 'approved', '同意移送', HEAD);
    await procedureWhen(stack, c, T, (p) => p.step === 'hand_over', 'hand-over');
    await deadlineFires(stack, c, T, 'hand_over');
    await act(stack, c.caseId, T, 'hand_over', { policeAgency: '太原市公安局', handedOverAt: await at(), attachments: [doc()] });
    await act(stack, c.caseId, T, 'record_outside_jurisdiction', { receivedAt: await at(), note: '不属本机关管辖' });
    await deadlineFires(stack, c, T, 'police_forward');
    await act(stack, c.caseId, T, 'record_police_forward', { forwardedTo: '小店分局', forwardedAt: await at(), attachments: [doc()] });
    const acceptedAt = await at();
    await act(stack, c.caseId, T, 'record_police_acceptance', { acceptedAt });

    // The police's 24 hours to ask for materials: a right, not a duty — the window closes, nobody is overdue.
    await stack.sleep(25 * HOUR);
    const closed = await until(
      async () =>
        (await eventsOf(stack, c.caseId, T)).find((e) => e.type === 'deadline_passed' && e.data['step'] === 'police_materials_notice'),
      (e) => e !== undefined,
      'the materials window closed',
    );
    expect(closed!.data['windowClosed']).toBe(true);
    expect(Date.parse(closed!.at) - Date.parse(acceptedAt)).toBeGreaterThanOrEqual(24 * HOUR);
    // Nobody is overdue: the window is no longer shown as an armed deadline, the procedure row is not overdue.
    expect((await procedureRow(stack, c.caseId, T))!['overdue']).toBe(false);
    expect(deadlineOf(await procedureState(stack, c.caseId, T), 'police_materials_notice')).toBeUndefined();

    await deadlineFires(stack, c, T, 'police_filing_decision');
    const notice = await act(stack, c.caseId, T, 'record_materials_notice', { notifiedAt: await at(), missing: '鉴定意见' });
    expect(notice).toBeDefined();
    await deadlineFires(stack, c, T, 'agency_supplement');
    await act(stack, c.caseId, T, 'record_supplement', { supplementedAt: await at(), summary: '补充鉴定意见', attachments: [doc()] });
    await act(stack, c.caseId, T, 'record_filing_extension', { tier: 'leads', decidedAt: await at() });
    await deadlineFires(stack, c, T, 'police_filing_decision_leads');
    await act(stack, c.caseId, T, 'record_filing_extension', {
      tier: 'complex',
      decidedAt: await at(),
      approval: { approverName: '刘局长', approverPosition: '县公安局局长', level: 'county' },
    });
    const complex = await deadlineFires(stack, c, T, 'police_filing_decision_complex');
    expect(Date.parse(complex.deadline.dueAt) - Date.parse(acceptedAt)).toBeGreaterThanOrEqual(30 * DAY - HOUR);
    await act(stack, c.caseId, T, 'record_filing_decision', {
      decision: 'not_filed',
      decidedAt: await at(),
      grounds: 'minor_facts',
      reason: '情节显著轻微',
    });
    await deadlineFires(stack, c, T, 'police_notify_decision');
    await act(stack, c.caseId, T, 'record_decision_notice', { receivedAt: await at(), attachments: [doc('不予立案通知书.pdf')] });
    // Both branches open for 3 days from the refusal notice.
    await deadlineFires(stack, c, T, 'reconsideration_request');
    await deadlineFires(stack, c, T, 'direct_supervision_request');
    await act(stack, c.caseId, T, 'request_reconsideration', { requestedAt: await at(), reason: '申请复议', attachments: [doc()] });
    await deadlineFires(stack, c, T, 'reconsideration_decision');
    await act(stack, c.caseId, T, 'record_reconsideration_decision', {
      decision: 'refusal_upheld',
      decidedAt: await at(-2000),
      receivedAt: await at(),
      reason: '维持',
      attachments: [doc()],
    });
    await deadlineFires(stack, c, T, 'supervision_request');
    await act(stack, c.caseId, T, 'request_supervision', {
      procuratorate: '小店区人民检察院',
      requestedAt: await at(),
      reason: '立案监督',
      attachments: [doc()],
    });
    await act(stack, c.caseId, T, 'record_procuratorate_action', {
      action: 'request_explanation',
      receivedByPoliceAt: await at(),
      summary: '说明理由',
    });
    await deadlineFires(stack, c, T, 'police_explain_refusal');
    await act(stack, c.caseId, T, 'record_police_explanation', { explainedAt: await at(), summary: '说明' });
    await act(stack, c.caseId, T, 'record_procuratorate_action', {
      action: 'notify_filing',
      receivedByPoliceAt: await at(),
      summary: '通知立案',
    });
    await deadlineFires(stack, c, T, 'police_file_after_notice');
    await act(stack, c.caseId, T, 'record_filed_after_notice', {
      filedAt: await at(-2000),
      noticeReceivedAt: await at(),
      attachments: [doc()],
    });
    await deadlineFires(stack, c, T, 'hand_over_property');
    await act(stack, c.caseId, T, 'record_property_hand_over', { handedOverAt: await at(), nothingToHandOver: true });
    const done = await act(stack, c.caseId, T, 'record_outcome', { summary: '已立案' });
    expect(done.outcome).toBe('filed');
    const late = (await eventsOf(stack, c.caseId, T)).filter((e) => e.data['late'] === true).map((e) => e.type);
    expect(late).toEqual(
      expect.arrayContaining([
        'handed_over_to_police',
        'police_forwarded',
        'materials_incomplete_notified',
        'materials_supplemented',
        'reconsideration_requested',
        'property_handed_over',
      ]),
    );
    await c.handle.result();
    await expectProjectionWhole(stack, c.caseId, [T]);
  });
});
