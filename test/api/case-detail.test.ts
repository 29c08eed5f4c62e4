import { caseBody, eventually, inSeconds } from '../support/fixtures';
import { http, OFFICER, officerIn } from '../support/http';
import { startTestStack, type TestStack } from '../support/test-stack';
import {
  actionPath,
  document,
  HEAD,
  interviewInputs,
  openInterviewCase,
  SUPERVISOR,
  uploadInterviewDocuments,
  VIEWER,
} from './procedure-support';
import { uploadFile } from '../support/uploads';

const UI = 'http://127.0.0.1:8233';
const names = (p: { allowedActions: { name: string }[] }) => p.allowedActions.map((a) => a.name);

interface ProcedureView {
  procedureId: string;
  procedure: string;
  step: string;
  status: string;
  suspended: boolean;
  suspension: { since: string; reason: string } | null;
  allowedActions: { name: string; href: string }[];
  deadlines: {
    step: string;
    dueAt: string;
    timeLeftMs: number;
    clockStopped: boolean;
    basis: { policyVersion: number | null; explanation: string };
  }[];
  temporalUi: string | null;
}

/**
 * GET /cases/{id}: every procedure with its step, armed deadlines (basis, time left), suspension,
 * pending approvals, what THIS caller may do, and links into the Temporal Web UI; read from PostgreSQL.
 */
describe('the case as each caller sees it', () => {
  let stack: TestStack;
  const get = async (id: string, caller: Record<string, string> = OFFICER) => {
    const r = await http(stack.baseUrl, 'GET', `/cases/${id}`, undefined, caller);
    expect(r.status).toBe(200);
    return r.body as {
      procedures: ProcedureView[];
      approvals: { id: string; kind: string; mayDecide: boolean }[];
      links: { temporalUi: string };
    } & Record<string, unknown>;
  };
  const procedureOf = (detail: { procedures: ProcedureView[] }, procedureId: string) =>
    detail.procedures.find((p) => p.procedureId === procedureId)!;

  beforeAll(async () => {
    stack = await startTestStack({ env: { TEMPORAL_CALL_TIMEOUT_MS: '8000', TEMPORAL_UI_URL: UI } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('shows each role the actions it may take now, and links to the workflows', async () => {
    const { id, procedureId } = await openInterviewCase(stack.baseUrl);
    const asOfficer = await get(id);
    expect(names(procedureOf(asOfficer, procedureId))).toEqual(['record_trigger']);
    expect(procedureOf(asOfficer, procedureId).allowedActions[0]!.href).toBe(actionPath(id, procedureId, 'record_trigger'));
    expect(names(procedureOf(await get(id, HEAD), procedureId))).toEqual([]);
    expect(names(procedureOf(await get(id, VIEWER), procedureId))).toEqual([]);
    expect(asOfficer.links.temporalUi).toBe(`${UI}/namespaces/${process.env['TEST_TEMPORAL_NAMESPACE']}/workflows/case-${id}`);
    expect(procedureOf(asOfficer, procedureId).temporalUi).toBe(
      `${UI}/namespaces/${process.env['TEST_TEMPORAL_NAMESPACE']}/workflows/case-${id}--${procedureId}`,
    );

    expect((await http(stack.baseUrl, 'POST', actionPath(id, procedureId, 'record_trigger'), interviewInputs.record_trigger)).status).toBe(
      200,
    );
    expect(names(procedureOf(await get(id, HEAD), procedureId))).toEqual(['issue_notice']);
    expect(names(procedureOf(await get(id), procedureId))).toEqual([]);

    // Out of reach: another county's officer does not see the case at all.
    expect((await http(stack.baseUrl, 'GET', `/cases/${id}`, undefined, officerIn('140106'))).status).toBe(404);
  });

  it('shows each armed deadline with its basis and the time left, computed at read time', async () => {
    const { id, procedureId } = await openInterviewCase(stack.baseUrl);
    await uploadInterviewDocuments(stack.baseUrl, id);
    await http(stack.baseUrl, 'POST', actionPath(id, procedureId, 'record_trigger'), interviewInputs.record_trigger);
    const notice = await http(stack.baseUrl, 'POST', actionPath(id, procedureId, 'issue_notice'), interviewInputs.issue_notice, HEAD);
    expect(notice.status).toBe(200);
    const first = procedureOf(await get(id), procedureId).deadlines.find((d) => d.step === 'hold_interview')!;
    expect(first.basis.policyVersion).toEqual(expect.any(Number));
    expect(first.basis.explanation.length).toBeGreaterThan(0);
    expect(first.timeLeftMs).toBeGreaterThan(0);
    expect(Math.abs(first.timeLeftMs - (Date.parse(first.dueAt) - Date.now()))).toBeLessThan(10_000);
    await new Promise((r) => setTimeout(r, 1_100));
    const later = procedureOf(await get(id), procedureId).deadlines.find((d) => d.step === 'hold_interview')!;
    expect(later.timeLeftMs).toBeLessThan(first.timeLeftMs);
  });

  it('a request sent right after an action is judged on that action (the case workflow waits for its report)', async () => {
    // The child answers issue_notice once projected and reports to the case workflow right after: an
    // extension of the deadline it armed, sent at once, must not be refused for a deadline the caller
    // can see. Several cases, since the report usually wins the race anyway.
    for (let i = 0; i < 4; i++) {
      const { id, procedureId } = await openInterviewCase(stack.baseUrl);
      await uploadInterviewDocuments(stack.baseUrl, id);
      await http(stack.baseUrl, 'POST', actionPath(id, procedureId, 'record_trigger'), interviewInputs.record_trigger);
      expect(
        (await http(stack.baseUrl, 'POST', actionPath(id, procedureId, 'issue_notice'), interviewInputs.issue_notice, HEAD)).status,
      ).toBe(200);
      const asked = await http(stack.baseUrl, 'POST', `/cases/${id}/procedures/${procedureId}/extension`, {
        step: 'hold_interview',
        newDueAt: inSeconds(60 * 86_400),
        reason: '被约谈企业负责人出差',
      });
      expect({ i, status: asked.status, body: asked.status === 200 ? null : asked.body }).toEqual({ i, status: 200, body: null });
    }
  });

  it('extension (延期) and suspension (中止) wait for the supervisor, then move or stop the clock', async () => {
    const { id, procedureId } = await openInterviewCase(stack.baseUrl);
    await uploadInterviewDocuments(stack.baseUrl, id);
    await http(stack.baseUrl, 'POST', actionPath(id, procedureId, 'record_trigger'), interviewInputs.record_trigger);
    await http(stack.baseUrl, 'POST', actionPath(id, procedureId, 'issue_notice'), interviewInputs.issue_notice, HEAD);

    const noReason = await http(stack.baseUrl, 'POST', `/cases/${id}/procedures/${procedureId}/extension`, {
      step: 'hold_interview',
      newDueAt: inSeconds(30 * 86_400),
      reason: '  ',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ path: 'body.reason' })]);

    const newDueAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const asked = await http(stack.baseUrl, 'POST', `/cases/${id}/procedures/${procedureId}/extension`, {
      step: 'hold_interview',
      newDueAt,
      reason: '被约谈企业负责人出差',
    });
    expect(asked.status).toBe(200);
    const pending = (await get(id, SUPERVISOR)).approvals.find((a) => a.kind === 'extension')!;
    expect(pending.mayDecide).toBe(true);
    expect((await get(id)).approvals.find((a) => a.id === pending.id)!.mayDecide).toBe(false);

    const officerDecides = await http(stack.baseUrl, 'POST', `/cases/${id}/approvals/${pending.id}/decision`, {
      decision: 'approve',
      reason: '同意',
    });
    expect(officerDecides.status).toBe(403);
    const decided = await http(
      stack.baseUrl,
      'POST',
      `/cases/${id}/approvals/${pending.id}/decision`,
      { decision: 'approve', reason: '同意延期' },
      SUPERVISOR,
    );
    expect(decided.status).toBe(200);
    const extended = await eventually(
      () => get(id),
      (d) => procedureOf(d, procedureId).deadlines.some((x) => x.step === 'hold_interview' && x.dueAt === newDueAt),
      20_000,
      'the extended deadline',
    );
    expect(extended.approvals.some((a) => a.id === pending.id)).toBe(false);

    expect(
      (await http(stack.baseUrl, 'POST', `/cases/${id}/procedures/${procedureId}/suspension`, { reason: '企业停产检修' })).status,
    ).toBe(200);
    const suspension = (await get(id, SUPERVISOR)).approvals.find((a) => a.kind === 'suspension')!;
    await http(
      stack.baseUrl,
      'POST',
      `/cases/${id}/approvals/${suspension.id}/decision`,
      { decision: 'approve', reason: '同意中止' },
      SUPERVISOR,
    );
    const suspended = await eventually(
      () => get(id),
      (d) => procedureOf(d, procedureId).suspended,
      20_000,
      'the suspension',
    );
    const view = procedureOf(suspended, procedureId);
    expect(view.allowedActions).toEqual([]);
    expect(view.deadlines.every((d) => d.clockStopped)).toBe(true);
    expect(view.suspension).toEqual({ since: expect.any(String), reason: expect.any(String) });
    // The clock stands still: the time left does not shrink between two reads.
    await new Promise((r) => setTimeout(r, 1_100));
    const stillStopped = procedureOf(await get(id), procedureId).deadlines.find((d) => d.step === 'hold_interview')!;
    expect(stillStopped.timeLeftMs).toBe(view.deadlines.find((d) => d.step === 'hold_interview')!.timeLeftMs);
    const refused = await http(stack.baseUrl, 'POST', actionPath(id, procedureId, 'hold_interview'), interviewInputs.hold_interview);
    expect(refused.status).toBe(409);

    expect(
      (await http(stack.baseUrl, 'POST', `/cases/${id}/procedures/${procedureId}/resumption`, { reason: '企业恢复生产' })).status,
    ).toBe(200);
    const resumed = await eventually(
      () => get(id),
      (d) => !procedureOf(d, procedureId).suspended,
      20_000,
      'the resumption',
    );
    expect(names(procedureOf(resumed, procedureId))).toEqual(['hold_interview']);
  });

  it('a closure proposal waits for the supervisor’s approval, who decides it through the approvals route', async () => {
    const opened = await http(stack.baseUrl, 'POST', '/cases', caseBody({ procedure: 'closure', input: { reason: '验收合格' } }));
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    await uploadFile(stack.baseUrl, id, '验收记录.pdf');
    const procedureId = (opened.body.procedures as ProcedureView[]).find((p) => p.procedure === 'closure')!.procedureId;
    const proposed = await http(stack.baseUrl, 'POST', actionPath(id, procedureId, 'propose'), {
      summary: '隐患已整改并验收合格，申请销号',
      verification: {
        result: 'passed',
        inspector: { id: 'officer-140105-002', name: '李复查' },
        checkedAt: inSeconds(-3600),
        summary: '现场核查合格',
      },
      attachments: [document('验收记录.pdf')],
    });
    expect(proposed.status).toBe(200);
    const approval = await eventually(
      () => get(id, SUPERVISOR),
      (d) => d.approvals.some((a) => a.kind === 'closure'),
      20_000,
      'the closure approval',
    ).then((d) => d.approvals.find((a) => a.kind === 'closure')!);
    expect(approval.mayDecide).toBe(true);

    const badDecision = await http(
      stack.baseUrl,
      'POST',
      `/cases/${id}/approvals/${approval.id}/decision`,
      { decision: 'maybe', reason: 'x' },
      SUPERVISOR,
    );
    expect(badDecision.status).toBe(400);
    expect(badDecision.body.errors[0].path).toBe('body.decision');

    const approved = await http(
      stack.baseUrl,
      'POST',
      `/cases/${id}/approvals/${approval.id}/decision`,
      { decision: 'approve', reason: '同意销号' },
      SUPERVISOR,
    );
    expect(approved.status).toBe(200);
    const closed = await eventually(
      () => get(id),
      (d) => procedureOf(d, procedureId).status === 'completed',
      20_000,
      'closure completed',
    );
    expect(closed.approvals).toEqual([]);
  });
});
