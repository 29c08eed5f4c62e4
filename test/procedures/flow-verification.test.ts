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
  type FlowStack,
  INSPECTOR,
  iso,
  openFlowCase,
  pinLadderPolicy,
  procedureRow,
  refusedWithoutTrace,
  startDevFlowStack,
  startTimeSkippingFlowStack,
  SUPERVISOR,
  suspendAndResume,
  typesOf,
} from '../support/procedure-driver';
import { recordHistory } from '../support/record-history';

/** 验收 / 复查 verification under the case workflow, end to end. */
const V = 'verification-1';
const start = { basis: 'application', subject: '可燃气体报警装置整改验收' };
const OTHER = { id: 'officer2@140105', name: '李执法' };
const schedule = (atMs: number) => ({ scheduledAt: iso(atMs), inspectors: [INSPECTOR] });
const result = (r: 'passed' | 'failed', atMs: number, signedBy = INSPECTOR) => ({
  result: r,
  signedBy,
  checkedAt: iso(atMs),
  findings: r === 'passed' ? '现场核查合格' : '报警装置未联网',
  attachments: [doc('核查记录.pdf')],
});

describe('verification flow on the Temporal dev server', () => {
  let stack: FlowStack;
  beforeAll(async () => {
    stack = await startDevFlowStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('happy path: application → check scheduled → result signed by a scheduled inspector → passed; the case closes', async () => {
    const c = await openFlowCase(stack, 'verification', start);
    const opened = c.opened.procedures[0]!;
    expect(opened).toMatchObject({ procedureId: V, step: 'schedule_check' });
    expect(deadlineOf(opened, 'on_site_check')).toMatchObject({ origin: 'policy' });
    await act(stack, c.caseId, V, 'schedule_check', schedule(Date.now() + DAY), SUPERVISOR);
    const done = await act(stack, c.caseId, V, 'record_result', result('passed', Date.now() - 1000));
    expect(done).toMatchObject({ status: 'completed', outcome: 'passed', deadlines: [] });
    expect((await c.handle.result()).status).toBe('closed');
    expect(typesOf(await eventsOf(stack, c.caseId, V))).toEqual([
      'verification_requested',
      'deadline_armed',
      'check_scheduled',
      'verification_passed',
    ]);
    expect(await procedureRow(stack, c.caseId, V)).toMatchObject({ procedure: 'verification', status: 'completed', outcome: 'passed' });
    expect((await caseRow(stack, c.caseId))!['status']).toBe('closed');
    await expectProjectionWhole(stack, c.caseId, [V]);
    recordHistory(procedureWorkflowId(c.caseId, V), 'flow-verification-happy-path');
  });

  it('refusals: wrong step, wrong role, missing signature, a signer who was not scheduled; a failed result ends it failed', async () => {
    const c = await openFlowCase(stack, 'verification', { basis: 'deadline_reached' });
    const wrongStep = await refusedWithoutTrace(stack, c, V, () =>
      act(stack, c.caseId, V, 'record_result', result('passed', Date.now() - 1000)),
    );
    expect(wrongStep).toMatchObject({
      type: 'ActionNotAllowed',
      details: { action: 'record_result', currentStep: 'schedule_check', allowedActions: [] },
    });
    const wrongRole = await refusedWithoutTrace(stack, c, V, () => act(stack, c.caseId, V, 'schedule_check', schedule(Date.now() + DAY)));
    expect(wrongRole).toMatchObject({ type: 'RoleNotAllowed', details: expect.objectContaining({ roles: ['supervisor'] }) });
    await act(stack, c.caseId, V, 'schedule_check', schedule(Date.now() + DAY), SUPERVISOR);
    const { signedBy: _s, ...unsigned } = result('passed', Date.now() - 1000);
    void _s;
    const noSignature = await refusedWithoutTrace(stack, c, V, () => act(stack, c.caseId, V, 'record_result', unsigned));
    expect((noSignature.details as { path: string[] }[]).map((i) => i.path.join('.'))).toEqual(['input.signedBy']);
    // 谁检查、谁签名: the signer must be one of the scheduled inspectors (the machine's rule, refused before history).
    const notScheduled = await refusedWithoutTrace(stack, c, V, () =>
      act(stack, c.caseId, V, 'record_result', result('passed', Date.now() - 1000, OTHER)),
    );
    expect(notScheduled.type).toBe('InvalidInput');
    expect(notScheduled.details).toEqual([expect.objectContaining({ path: ['input', 'signedBy', 'id'] })]);
    const failed = await act(stack, c.caseId, V, 'record_result', result('failed', Date.now() - 1000));
    expect(failed).toMatchObject({ status: 'completed', outcome: 'failed' });
    recordHistory(procedureWorkflowId(c.caseId, V), 'flow-verification-refusals-failed');
  });

  it('延期: the on-site check deadline extension refused, then approved', async () => {
    const c = await openFlowCase(stack, 'verification', start);
    await extensionRefusedThenApproved(stack, c, V, 'on_site_check');
  });
});

describe('verification deadlines on the time-skipping server', () => {
  let stack: FlowStack;
  let policyVersion: number;
  beforeAll(async () => {
    stack = await startTimeSkippingFlowStack();
    policyVersion = await pinLadderPolicy(stack.db, ['verification'], 'flow: verification ladder');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('中止 keeps the time left; the on-site check deadline fires reminder, passing and rung; the late result says so', async () => {
    const c = await openFlowCase(stack, 'verification', start, { policyVersion });
    await suspendAndResume(stack, c, V, 'on_site_check', 12 * DAY);
    await act(stack, c.caseId, V, 'schedule_check', schedule((await stack.now()) + DAY), SUPERVISOR);
    await deadlineFires(stack, c, V, 'on_site_check');
    await act(stack, c.caseId, V, 'record_result', result('passed', (await stack.now()) - 1000));
    expect((await eventsOf(stack, c.caseId, V)).find((e) => e.type === 'verification_passed')!.data['late']).toBe(true);
    await c.handle.result();
    await expectProjectionWhole(stack, c.caseId, [V]);
  });
});
