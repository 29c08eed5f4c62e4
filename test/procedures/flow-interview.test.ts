import { procedureWorkflowId } from '@anjian/contracts';
import {
  act,
  caseRow,
  DAY,
  deadlineFires,
  deadlineOf,
  doc,
  eventsOf,
  expectProjectionWhole,
  extensionRefusedThenApproved,
  type FlowCase,
  type FlowStack,
  HEAD,
  INSPECTOR,
  iso,
  openFlowCase,
  pinLadderPolicy,
  procedureRow,
  procedureState,
  refusedWithoutTrace,
  startDevFlowStack,
  startTimeSkippingFlowStack,
  SUPERVISOR,
  suspendAndResume,
  typesOf,
} from '../support/procedure-driver';
import { recordHistory } from '../support/record-history';

/** 约谈 interview under the case workflow, end to end. */
const I = 'interview-1';
const trigger = {
  reason: '重大事故隐患逾期未整改',
  interviewee: { organisation: '太原某化工有限公司', person: '张厂长', position: '总经理' },
};
const notice = (atMs: number) => ({ noticeNo: '并应急约〔2026〕3号', scheduledAt: iso(atMs), attachments: [doc('约谈通知书.pdf')] });
const held = (atMs: number) => ({
  heldAt: iso(atMs),
  attendees: [
    { name: '张厂长', organisation: '太原某化工有限公司' },
    { name: '王执法', organisation: '太原市应急管理局' },
  ],
  minutes: '企业承认隐患整改不力，承诺限期完成',
  commitments: ['十日内完成报警装置更换', '每周报告进展'],
  attachments: [doc('约谈纪要.pdf')],
});
const written = { summary: '书面报告：已完成整改', attachments: [doc('书面报告.pdf')] };
const followUp = (atMs: number) => ({
  result: 'commitments_kept',
  inspector: INSPECTOR,
  checkedAt: iso(atMs),
  findings: '回头看：承诺事项已落实',
});

async function noticed(stack: FlowStack, c: FlowCase): Promise<void> {
  await act(stack, c.caseId, I, 'record_trigger', trigger);
  await act(stack, c.caseId, I, 'issue_notice', notice((await stack.now()) + 3 * DAY), HEAD);
}

describe('interview flow on the Temporal dev server', () => {
  let stack: FlowStack;
  beforeAll(async () => {
    stack = await startDevFlowStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('happy path: trigger → notice → interview held → written report → 回头看 → concluded resolved; the case closes', async () => {
    const c = await openFlowCase(stack, 'interview', { reason: '逾期升级：约谈' });
    await act(stack, c.caseId, I, 'record_trigger', trigger);
    // The notice waits for the agency head (whom the row says the step waits for).
    expect(await procedureRow(stack, c.caseId, I)).toMatchObject({ step: 'issue_notice', awaiting_role: 'agency_head' });
    await act(stack, c.caseId, I, 'issue_notice', notice(Date.now() + 3 * DAY), HEAD);
    const h = await act(stack, c.caseId, I, 'hold_interview', held(Date.now() - 60_000));
    expect(h.step).toBe('written_report');
    expect(deadlineOf(h, 'written_report')).toMatchObject({ origin: 'policy' });
    const w = await act(stack, c.caseId, I, 'written_report', written);
    expect(w.deadlines.map((d) => d.step)).toEqual(['follow_up']);
    await act(stack, c.caseId, I, 'follow_up', followUp(Date.now() - 1000));
    const done = await act(stack, c.caseId, I, 'conclude', { outcome: 'resolved', reason: '承诺已落实' }, SUPERVISOR);
    expect(done).toMatchObject({ status: 'completed', outcome: 'resolved' });
    expect((await c.handle.result()).status).toBe('closed');
    expect(typesOf(await eventsOf(stack, c.caseId, I)).filter((t) => t !== 'deadline_armed')).toEqual([
      'interview_started',
      'interview_trigger_recorded',
      'interview_notice_issued',
      'interview_held',
      'interview_report_received',
      'interview_followed_up',
      'interview_concluded',
    ]);
    expect(await procedureRow(stack, c.caseId, I)).toMatchObject({ procedure: 'interview', status: 'completed', outcome: 'resolved' });
    expect((await caseRow(stack, c.caseId))!['status']).toBe('closed');
    await expectProjectionWhole(stack, c.caseId, [I]);
    recordHistory(procedureWorkflowId(c.caseId, I), 'flow-interview-happy-path');
  });

  it('refusals: wrong step, wrong role, too few attendees, an escalation without its kind', async () => {
    const c = await openFlowCase(stack, 'interview', {});
    const wrongStep = await refusedWithoutTrace(stack, c, I, () => act(stack, c.caseId, I, 'hold_interview', held(Date.now() - 1000)));
    expect(wrongStep).toMatchObject({
      type: 'ActionNotAllowed',
      details: { action: 'hold_interview', currentStep: 'record_trigger', allowedActions: ['record_trigger'] },
    });
    await act(stack, c.caseId, I, 'record_trigger', trigger);
    const wrongRole = await refusedWithoutTrace(stack, c, I, () => act(stack, c.caseId, I, 'issue_notice', notice(Date.now() + DAY)));
    expect(wrongRole).toMatchObject({
      type: 'RoleNotAllowed',
      details: expect.objectContaining({ action: 'issue_notice', roles: ['agency_head'] }),
    });
    await act(stack, c.caseId, I, 'issue_notice', notice(Date.now() + DAY), HEAD);
    const oneAttendee = await refusedWithoutTrace(stack, c, I, () =>
      act(stack, c.caseId, I, 'hold_interview', { ...held(Date.now() - 1000), attendees: [{ name: '张厂长', organisation: '企业' }] }),
    );
    expect(oneAttendee.type).toBe('InvalidInput');
    expect((oneAttendee.details as { path: string[] }[]).map((i) => i.path.join('.'))).toEqual(['input.attendees']);
    await act(stack, c.caseId, I, 'hold_interview', held(Date.now() - 1000));
    await act(stack, c.caseId, I, 'written_report', written);
    await act(stack, c.caseId, I, 'follow_up', { ...followUp(Date.now() - 1000), result: 'commitments_not_kept' });
    const noKind = await refusedWithoutTrace(stack, c, I, () =>
      act(stack, c.caseId, I, 'conclude', { outcome: 'escalated', reason: '未落实承诺' }, SUPERVISOR),
    );
    expect((noKind.details as { path: string[] }[]).map((i) => i.path.join('.'))).toEqual(['input.escalation']);
    const byOfficer = await refusedWithoutTrace(stack, c, I, () =>
      act(stack, c.caseId, I, 'conclude', { outcome: 'resolved', reason: 'x' }),
    );
    expect(byOfficer.type).toBe('RoleNotAllowed');
    const out = await act(
      stack,
      c.caseId,
      I,
      'conclude',
      { outcome: 'escalated', escalation: 'exposure', reason: '未落实承诺，予以曝光' },
      SUPERVISOR,
    );
    expect(out).toMatchObject({ status: 'completed', outcome: 'escalated' });
    recordHistory(procedureWorkflowId(c.caseId, I), 'flow-interview-refusals-escalated');
  });

  it('延期: the interview deadline extension refused, then approved', async () => {
    const c = await openFlowCase(stack, 'interview', {});
    await noticed(stack, c);
    await extensionRefusedThenApproved(stack, c, I, 'hold_interview');
  });
});

describe('interview deadlines on the time-skipping server', () => {
  let stack: FlowStack;
  let policyVersion: number;
  beforeAll(async () => {
    stack = await startTimeSkippingFlowStack();
    policyVersion = await pinLadderPolicy(stack.db, ['interview'], 'flow: interview ladder');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('中止 keeps the time left; hold, written report and 回头看 deadlines fire; a report after its deadline is taken late at the follow-up', async () => {
    const c = await openFlowCase(stack, 'interview', {}, { policyVersion });
    await noticed(stack, c);
    await suspendAndResume(stack, c, I, 'hold_interview', 10 * DAY);
    await deadlineFires(stack, c, I, 'hold_interview');
    await act(stack, c.caseId, I, 'hold_interview', held((await stack.now()) - 1000));
    const { after } = await deadlineFires(stack, c, I, 'written_report');
    // The written report's deadline passing started the follow-up clock and moved the interview on.
    expect(after.step).toBe('follow_up');
    await deadlineFires(stack, c, I, 'follow_up');
    const late = await act(stack, c.caseId, I, 'written_report', written);
    expect(late.step).toBe('follow_up');
    await act(stack, c.caseId, I, 'follow_up', followUp((await stack.now()) - 1000));
    const events = await eventsOf(stack, c.caseId, I);
    expect(events.find((e) => e.type === 'interview_held')!.data['late']).toBe(true);
    expect(events.find((e) => e.type === 'interview_report_received')!.data['late']).toBe(true);
    expect(events.find((e) => e.type === 'interview_followed_up')!.data['late']).toBe(true);
    expect((await procedureState(stack, c.caseId, I)).step).toBe('conclude');
    await expectProjectionWhole(stack, c.caseId, [I]);
  });
});
