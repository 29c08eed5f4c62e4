import { caseWorkflowId, escalateUpdate, procedureWorkflowId, startProcedureUpdate } from '@anjian/contracts';
import { defaultProcedureLinks } from '../../seeds/policies/procedure-links';
import {
  act,
  approvalsOf,
  caseRow,
  caseWhen,
  decide,
  DAY,
  deadlineFires,
  deadlineOf,
  doc,
  eventsOf,
  expectProjectionWhole,
  extensionRefusedThenApproved,
  type FlowStack,
  HEAD,
  INSPECTOR,
  iso,
  OFFICER,
  openFlowCase,
  pinLadderPolicy,
  procedureRow,
  procedureState,
  procedureWhen,
  refusedWithoutTrace,
  requestExtension,
  requestSuspension,
  resume,
  startDevFlowStack,
  startTimeSkippingFlowStack,
  SUPERVISOR,
  suspendAndResume,
  typesOf,
} from '../support/procedure-driver';
import { recordHistory } from '../support/record-history';

/** 整改 rectification (incl. 停产停业整顿 and 复产验收) under the case workflow, end to end. */
const R = 'rectification-1';
const report = { summary: '已更换可燃气体报警装置并联网', attachments: [doc('整改报告.pdf')] };
const passed = { result: 'passed', inspector: INSPECTOR, findings: '现场复查合格' };
const failed = (dueMs: number) => ({ result: 'failed', inspector: INSPECTOR, findings: '报警装置仍未联网', newReportDueAt: iso(dueMs) });

describe('rectification flow on the Temporal dev server', () => {
  let stack: FlowStack;
  beforeAll(async () => {
    stack = await startDevFlowStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('happy path: order → report → failed re-check → report → passed re-check; the case closes; projection rows match', async () => {
    const c = await openFlowCase(stack, 'rectification', { summary: '限期修复可燃气体报警装置', reportDueAt: iso(Date.now() + 20 * DAY) });
    expect(c.opened.procedures[0]).toMatchObject({ procedureId: R, step: 'report', status: 'active' });
    await act(stack, c.caseId, R, 'submit_report', report);
    const f = await act(stack, c.caseId, R, 'record_recheck', failed(Date.now() + 40 * DAY));
    expect(f).toMatchObject({ step: 'report', data: expect.objectContaining({ failures: 1 }) });
    expect(deadlineOf(f, 'report')).toMatchObject({ origin: 'order' });
    await act(stack, c.caseId, R, 'submit_report', report);
    const done = await act(stack, c.caseId, R, 'record_recheck', passed);
    expect(done).toMatchObject({ status: 'completed', outcome: 'rectified', deadlines: [], allowedActions: [] });
    expect(await c.handle.result()).toMatchObject({ status: 'closed' });

    expect(typesOf(await eventsOf(stack, c.caseId, R))).toEqual([
      'order_issued',
      'deadline_armed',
      'report_submitted',
      'deadline_armed',
      'recheck_failed',
      'deadline_armed',
      'report_submitted',
      'deadline_armed',
      'recheck_passed',
    ]);
    expect(typesOf(await eventsOf(stack, c.caseId, 'case'))).toEqual(['case_closed']);
    expect(await procedureRow(stack, c.caseId, R)).toMatchObject({
      procedure: 'rectification',
      step: 'completed',
      status: 'completed',
      outcome: 'rectified',
      suspended: false,
      overdue: false,
      workflow_id: procedureWorkflowId(c.caseId, R),
    });
    expect(await caseRow(stack, c.caseId)).toMatchObject({ status: 'closed', workflow_id: caseWorkflowId(c.caseId) });
    await expectProjectionWhole(stack, c.caseId, [R]);
  });

  it('停产停业整顿: the 复产申请, the 复产验收 and the agency head lifting the suspension', async () => {
    const c = await openFlowCase(stack, 'rectification', {
      orderKind: 'suspend_for_rectification',
      summary: '责令停产停业整顿',
      reportDueAt: iso(Date.now() + 30 * DAY),
    });
    const applied = await act(stack, c.caseId, R, 'submit_report', { ...report, summary: '复产申请' });
    expect(applied.step).toBe('recheck');
    const checked = await act(stack, c.caseId, R, 'record_recheck', passed);
    expect(checked).toMatchObject({ step: 'lift_suspension', actionsByRole: { agency_head: ['lift_suspension'] } });
    const lift = { summary: '准予复产', attachments: [doc('复产决定书.pdf')] };
    const byOfficer = await refusedWithoutTrace(stack, c, R, () => act(stack, c.caseId, R, 'lift_suspension', lift));
    expect(byOfficer).toMatchObject({ type: 'RoleNotAllowed', details: expect.objectContaining({ roles: ['agency_head'] }) });
    expect(await act(stack, c.caseId, R, 'lift_suspension', lift, HEAD)).toMatchObject({ status: 'completed', outcome: 'rectified' });
    await c.handle.result();
    expect(typesOf(await eventsOf(stack, c.caseId, R)).filter((t) => t !== 'deadline_armed')).toEqual([
      'order_issued',
      'resumption_applied',
      'recheck_passed',
      'suspension_lifted',
    ]);
    await expectProjectionWhole(stack, c.caseId, [R]);
    recordHistory(procedureWorkflowId(c.caseId, R), 'flow-rectification-suspension-order');
  });

  it('refuses before history: wrong step (current step, allowed actions), wrong role, invalid input with field paths, a date in the past', async () => {
    const c = await openFlowCase(stack, 'rectification', { summary: '限期整改', reportDueAt: iso(Date.now() + 20 * DAY) });
    const wrongStep = await refusedWithoutTrace(stack, c, R, () =>
      act(stack, c.caseId, R, 'lift_suspension', { summary: 'x', attachments: [doc()] }, HEAD),
    );
    expect(wrongStep).toMatchObject({
      type: 'ActionNotAllowed',
      details: { action: 'lift_suspension', currentStep: 'report', allowedActions: [] },
    });
    const wrongStep2 = await refusedWithoutTrace(stack, c, R, () => act(stack, c.caseId, R, 'record_recheck', passed));
    expect(wrongStep2.details).toEqual({ action: 'record_recheck', currentStep: 'report', allowedActions: ['submit_report'] });
    const wrongRole = await refusedWithoutTrace(stack, c, R, () => act(stack, c.caseId, R, 'submit_report', report, SUPERVISOR));
    expect(wrongRole).toMatchObject({
      type: 'RoleNotAllowed',
      details: expect.objectContaining({ action: 'submit_report', role: 'supervisor' }),
    });
    const invalid = await refusedWithoutTrace(stack, c, R, () =>
      act(stack, c.caseId, R, 'submit_report', { summary: '', attachments: [], extra: 1 }),
    );
    expect(invalid.type).toBe('InvalidInput');
    expect((invalid.details as { path: (string | number)[] }[]).map((i) => i.path.join('.'))).toEqual(
      expect.arrayContaining(['input.summary', 'input.attachments']),
    );
    await act(stack, c.caseId, R, 'submit_report', report);
    const noDeadline = await refusedWithoutTrace(stack, c, R, () =>
      act(stack, c.caseId, R, 'record_recheck', { result: 'failed', inspector: INSPECTOR, findings: '不合格' }),
    );
    expect(noDeadline.type).toBe('InvalidInput');
    expect((noDeadline.details as { path: string[] }[]).map((i) => i.path.join('.'))).toEqual(['input.newReportDueAt']);
    // A new deadline in the past passes the schema but not the machine's rule: still refused before history.
    const past = await refusedWithoutTrace(stack, c, R, () => act(stack, c.caseId, R, 'record_recheck', failed(Date.now() - DAY)));
    expect(past.type).toBe('InvalidInput');
    expect(past.details).toEqual([expect.objectContaining({ path: ['input', 'newReportDueAt'] })]);
    expect((await procedureState(stack, c.caseId, R)).step).toBe('recheck');
  });

  it('延期: an extension of the report deadline refused, then approved', async () => {
    const c = await openFlowCase(stack, 'rectification', { summary: '限期整改', reportDueAt: iso(Date.now() + 20 * DAY) });
    await extensionRefusedThenApproved(stack, c, R, 'report');
    expect((await approvalsOf(stack, c.caseId)).map((a) => a['status'])).toEqual(['returned', 'approved']);
  });

  it('case-level refusals before history: an extension for a step without a deadline or not later, a second suspension, an officer escalating; a supervisor escalates by hand', async () => {
    const c = await openFlowCase(stack, 'rectification', { summary: '限期整改', reportDueAt: iso(Date.now() + 20 * DAY) });
    const due = deadlineOf(c.opened.procedures[0]!, 'report')!.dueAt;
    const noDeadline = await refusedWithoutTrace(stack, c, R, () => requestExtension(c, R, 'recheck', iso(Date.now() + 40 * DAY)));
    expect(noDeadline).toMatchObject({ type: 'InvalidInput', details: [expect.objectContaining({ path: ['step'] })] });
    const notLater = await refusedWithoutTrace(stack, c, R, () => requestExtension(c, R, 'report', due));
    expect(notLater).toMatchObject({ type: 'InvalidInput', details: [expect.objectContaining({ path: ['newDueAt'] })] });
    // A second rectification while one runs is not startable (pinned links: never twice at once) …
    const second = await refusedWithoutTrace(stack, c, R, () =>
      c.handle.executeUpdate(startProcedureUpdate, {
        args: [{ procedure: 'rectification', input: { summary: '第二份整改指令' }, reason: '补充指令', actor: OFFICER }],
      }),
    );
    expect(second).toMatchObject({ type: 'ProcedureNotStartable', details: { procedure: 'rectification' } });
    expect((second.details as { allowedProcedures: string[] }).allowedProcedures).not.toContain('rectification');
    // … and a start the machine refuses (a verification applied for in the future) is refused before history too.
    const future = await refusedWithoutTrace(stack, c, R, () =>
      c.handle.executeUpdate(startProcedureUpdate, {
        args: [
          {
            procedure: 'verification',
            input: { basis: 'application', receivedAt: iso(Date.now() + DAY) },
            reason: '企业申请验收',
            actor: OFFICER,
          },
        ],
      }),
    );
    expect(future.type).toBe('InvalidInput');
    expect(future.details).toEqual([expect.objectContaining({ path: ['input', 'receivedAt'] })]);
    const byOfficer = await refusedWithoutTrace(stack, c, R, () =>
      c.handle.executeUpdate(escalateUpdate, { args: [{ procedureId: R, action: 'interview', reason: '逾期', actor: OFFICER }] }),
    );
    expect(byOfficer).toMatchObject({ type: 'RoleNotAllowed', details: expect.objectContaining({ action: 'escalate', role: 'officer' }) });
    const asked = await requestSuspension(c, R);
    await decide(c, asked.approvals.find((a) => a.kind === 'suspension')!.approvalId, 'approved', '同意中止');
    await procedureWhen(stack, c, R, (p) => p.suspended, 'suspended');
    await caseWhen(c, (s) => s.procedures[0]!.suspended, 'the case sees the suspension');
    const twice = await refusedWithoutTrace(stack, c, R, () => requestSuspension(c, R));
    expect(twice).toMatchObject({
      type: 'ProcedureSuspended',
      details: { action: 'requestSuspension', currentStep: 'report', allowedActions: ['resumeProcedure'] },
    });
    const whileSuspended = await refusedWithoutTrace(stack, c, R, () => act(stack, c.caseId, R, 'submit_report', report));
    expect(whileSuspended.type).toBe('ProcedureSuspended');
    await resume(c, R);
    await procedureWhen(stack, c, R, (p) => !p.suspended, 'resumed');
    // A supervisor takes a rung by hand: recorded on the case stream, acted on through the links (an interview).
    const escalated = await c.handle.executeUpdate(escalateUpdate, {
      args: [{ procedureId: R, action: 'interview', reason: '拒不整改，提前约谈', actor: SUPERVISOR }],
    });
    expect(escalated.escalations).toEqual([expect.objectContaining({ procedureId: R, action: 'interview', manual: true })]);
    await caseWhen(c, (s) => s.procedures.some((p) => p.procedureId === 'interview-1'), 'the interview the rung started');
    const caseEvents = await eventsOf(stack, c.caseId, 'case');
    expect(typesOf(caseEvents)).toEqual(expect.arrayContaining(['escalated_manually', 'procedure_started']));
    // The interview is started on behalf of the supervisor who took the rung, not by an anonymous process.
    expect(caseEvents.find((e) => e.type === 'procedure_started')).toMatchObject({
      actor_id: SUPERVISOR.id,
      data: expect.objectContaining({ procedure: 'interview', from: R }),
    });
  });

  it('the pinned links’ failure thresholds: a second failed re-check starts an interview', async () => {
    const c = await openFlowCase(
      stack,
      'rectification',
      { summary: '限期整改', reportDueAt: iso(Date.now() + 20 * DAY) },
      { links: defaultProcedureLinks },
    );
    for (let i = 0; i < 2; i++) {
      await act(stack, c.caseId, R, 'submit_report', report);
      await act(stack, c.caseId, R, 'record_recheck', failed(Date.now() + 10 * DAY));
    }
    const s = await caseWhen(
      c,
      (x) => x.procedures.some((p) => p.procedure === 'interview'),
      'an interview started by the threshold',
      15_000,
    );
    expect(s.procedures.find((p) => p.procedure === 'interview')).toMatchObject({
      procedureId: 'interview-1',
      status: 'active',
      step: 'record_trigger',
    });
    expect(typesOf(await eventsOf(stack, c.caseId, R))).toContain('failure_threshold_reached');
  });
});

describe('rectification deadlines on the time-skipping server', () => {
  let stack: FlowStack;
  let policyVersion: number;
  beforeAll(async () => {
    stack = await startTimeSkippingFlowStack();
    policyVersion = await pinLadderPolicy(stack.db, ['rectification'], 'flow: rectification ladder');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('中止 keeps the time left; then report and re-check deadlines each fire their reminder, passing and rung; late acts are marked late', async () => {
    const c = await openFlowCase(stack, 'rectification', { summary: '限期整改' }, { policyVersion });
    const armed = deadlineOf(c.opened.procedures[0]!, 'report')!;
    expect(armed).toMatchObject({ origin: 'policy', policyVersion });
    // Suspended longer than the whole period: nothing fires, the remaining time is kept.
    await suspendAndResume(stack, c, R, 'report', Date.parse(armed.dueAt) - (await stack.now()) + 5 * DAY);
    await deadlineFires(stack, c, R, 'report');
    // The report deadline passing started the re-check clock (catalog): its ladder runs too.
    await deadlineFires(stack, c, R, 'recheck');
    const late = await act(stack, c.caseId, R, 'submit_report', report);
    expect(late.step).toBe('recheck');
    const done = await act(stack, c.caseId, R, 'record_recheck', passed);
    expect(done.outcome).toBe('rectified');
    const events = await eventsOf(stack, c.caseId, R);
    expect(events.find((e) => e.type === 'report_submitted')!.data['late']).toBe(true);
    expect(events.find((e) => e.type === 'recheck_passed')!.data['late']).toBe(true);
    await c.handle.result();
    await expectProjectionWhole(stack, c.caseId, [R]);
  });
});
