import { caseWorkflowId, procedureWorkflowId } from '@anjian/contracts';
import {
  act,
  approvalRow,
  caseRow,
  deadlineFires,
  decide,
  doc,
  eventsOf,
  expectProjectionWhole,
  extensionRefusedThenApproved,
  type FlowCase,
  type FlowStack,
  INSPECTOR,
  iso,
  notificationsOf,
  OFFICER,
  openFlowCase,
  pendingApproval,
  pinLadderPolicy,
  procedureRow,
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

/** 销号 / 结案 closure under the case workflow: the proposal, the supervisor's approval, a return. */
const C = 'closure-1';
const proposal = (atMs: number) => ({
  summary: '隐患整改验收合格，申请销号',
  verification: { result: 'passed', inspector: INSPECTOR, checkedAt: iso(atMs), summary: '验收合格' },
  attachments: [doc('验收记录.pdf')],
});

async function proposed(stack: FlowStack, c: FlowCase) {
  await act(stack, c.caseId, C, 'propose', proposal((await stack.now()) - 1000));
  return pendingApproval(c, 'closure');
}

describe('closure flow on the Temporal dev server', () => {
  let stack: FlowStack;
  beforeAll(async () => {
    stack = await startDevFlowStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('happy path with a return: proposed → returned with a reason → proposed again → approved → archived; the case closes', async () => {
    const c = await openFlowCase(stack, 'closure', { reason: '验收合格' });
    const first = await proposed(stack, c);
    // The approval is requested on behalf of the officer who proposed (told when it is decided).
    expect(first).toMatchObject({ approverRole: 'supervisor', procedureId: C, requestedBy: { id: OFFICER.id } });
    // The worklists read whom the step waits for from the row: the approving supervisor.
    expect(await procedureRow(stack, c.caseId, C)).toMatchObject({ step: 'approve', awaiting_role: 'supervisor' });
    expect(await approvalRow(stack, c.caseId, first.approvalId)).toMatchObject({
      kind: 'closure',
      status: 'pending',
      approver_role: 'supervisor',
    });
    const byOfficer = await refusalOf(decide(c, first.approvalId, 'approved', '同意', OFFICER));
    expect(byOfficer.type).toBe('RoleNotAllowed');
    await decide(c, first.approvalId, 'returned', '验收记录缺少检查人签名');
    const back = await procedureWhen(stack, c, C, (p) => p.step === 'propose', 'the proposal returned');
    expect(back.data['returns']).toBe(1);
    expect(back.deadlines).toEqual([]);
    const second = await proposed(stack, c);
    await decide(c, second.approvalId, 'approved', '同意销号');
    await procedureWhen(stack, c, C, (p) => p.outcome === 'archived', 'archived');
    expect((await c.handle.result()).status).toBe('closed');
    expect(typesOf(await eventsOf(stack, c.caseId, C)).filter((t) => t !== 'deadline_armed')).toEqual([
      'closure_started',
      'closure_proposed',
      'closure_returned',
      'closure_proposed',
      'closure_approved',
    ]);
    expect(typesOf(await eventsOf(stack, c.caseId, 'case'))).toEqual([
      'approval_requested',
      'approval_decided',
      'approval_requested',
      'approval_decided',
      'case_closed',
    ]);
    expect(await approvalRow(stack, c.caseId, first.approvalId)).toMatchObject({
      status: 'returned',
      decided_by: SUPERVISOR.id,
      reason: '验收记录缺少检查人签名',
    });
    expect(await approvalRow(stack, c.caseId, second.approvalId)).toMatchObject({ status: 'approved', decided_by: SUPERVISOR.id });
    const decidedNotices = (await notificationsOf(stack, c.caseId)).filter((n) => n.kind === 'approval_decided');
    expect(decidedNotices.map((n) => [n.recipient_id, n.payload['approvalId']])).toEqual([
      [OFFICER.id, first.approvalId],
      [OFFICER.id, second.approvalId],
    ]);
    expect(await procedureRow(stack, c.caseId, C)).toMatchObject({
      procedure: 'closure',
      status: 'completed',
      outcome: 'archived',
      awaiting_role: null,
    });
    expect((await caseRow(stack, c.caseId))!['status']).toBe('closed');
    await expectProjectionWhole(stack, c.caseId, [C]);
    recordHistory(procedureWorkflowId(c.caseId, C), 'flow-closure-returned-then-approved');
    recordHistory(caseWorkflowId(c.caseId), 'flow-case-closure-approvals');
  });

  it('refusals: wrong role, a verification that did not pass, a proposal while one awaits approval', async () => {
    const c = await openFlowCase(stack, 'closure', {});
    const wrongRole = await refusedWithoutTrace(stack, c, C, () =>
      act(stack, c.caseId, C, 'propose', proposal(Date.now() - 1000), SUPERVISOR),
    );
    expect(wrongRole).toMatchObject({
      type: 'RoleNotAllowed',
      details: expect.objectContaining({ action: 'propose', roles: ['officer'] }),
    });
    const failedCheck = await refusedWithoutTrace(stack, c, C, () =>
      act(stack, c.caseId, C, 'propose', {
        ...proposal(Date.now() - 1000),
        verification: { ...proposal(Date.now() - 1000).verification, result: 'failed' },
      }),
    );
    expect((failedCheck.details as { path: string[] }[]).map((i) => i.path.join('.'))).toEqual(['input.verification.result']);
    await proposed(stack, c);
    const again = await refusedWithoutTrace(stack, c, C, () => act(stack, c.caseId, C, 'propose', proposal(Date.now() - 1000)));
    expect(again).toMatchObject({ type: 'ActionNotAllowed', details: { action: 'propose', currentStep: 'approve', allowedActions: [] } });
  });

  it('延期: the approval deadline extension refused, then approved', async () => {
    const c = await openFlowCase(stack, 'closure', {});
    await proposed(stack, c);
    await extensionRefusedThenApproved(stack, c, C, 'approve');
  });
});

describe('closure deadlines on the time-skipping server', () => {
  let stack: FlowStack;
  let policyVersion: number;
  beforeAll(async () => {
    stack = await startTimeSkippingFlowStack();
    policyVersion = await pinLadderPolicy(stack.db, ['closure'], 'flow: closure ladder');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('中止 keeps the time left; the approval deadline fires reminder, passing and rung; a late approval says so', async () => {
    const c = await openFlowCase(stack, 'closure', {}, { policyVersion });
    const a = await proposed(stack, c);
    await suspendAndResume(stack, c, C, 'approve', 10 * 86_400_000);
    await deadlineFires(stack, c, C, 'approve');
    await decide(c, a.approvalId, 'approved', '同意销号');
    await procedureWhen(stack, c, C, (p) => p.outcome === 'archived', 'archived');
    expect((await eventsOf(stack, c.caseId, C)).find((e) => e.type === 'closure_approved')!.data['late']).toBe(true);
    await c.handle.result();
    await expectProjectionWhole(stack, c.caseId, [C]);
  });
});
