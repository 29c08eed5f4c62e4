import { rectificationWorkflowId } from '@anjian/contracts';
import { caseBody, inSeconds } from '../support/fixtures';
import { http, OFFICER } from '../support/http';
import { startTestStack, type TestStack } from '../support/test-stack';
import {
  actionPath,
  document,
  HEAD,
  interviewInputs,
  key,
  openInterviewCase,
  openLegacyCase,
  SUPERVISOR,
  uploadInterviewDocuments,
  withKey,
} from './procedure-support';
import { uploadFile } from '../support/uploads';

async function eventTypes(stack: TestStack, id: string): Promise<string[]> {
  const rows = (await stack.db.query('SELECT type FROM case_events WHERE case_id = $1 ORDER BY id', [id])) as { type: string }[];
  return rows.map((r) => r.type);
}

/**
 * POST /cases/{id}/procedures/{procedureId}/actions/{action}: one route for every action of every
 * procedure, validated by the action's own schema, refused by the workflow where the step or the role
 * does not allow it, idempotent under Idempotency-Key; the old rectification routes are aliases.
 */
describe('procedure actions through HTTP', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { TEMPORAL_CALL_TIMEOUT_MS: '8000' } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('walks an interview (约谈) from its trigger to its conclusion through the generic route', async () => {
    const { id, procedureId } = await openInterviewCase(stack.baseUrl);
    expect(procedureId).toMatch(/^interview-\d+$/);
    await uploadInterviewDocuments(stack.baseUrl, id);
    const steps: string[] = [];
    for (const [action, caller] of [
      ['record_trigger', OFFICER],
      ['issue_notice', HEAD],
      ['hold_interview', OFFICER],
      ['written_report', OFFICER],
      ['follow_up', OFFICER],
      ['conclude', SUPERVISOR],
    ] as const) {
      const r = await http(stack.baseUrl, 'POST', actionPath(id, procedureId, action), interviewInputs[action], caller);
      expect({ action, status: r.status }).toEqual({ action, status: 200 });
      const interview = (r.body.procedures as { procedureId: string; step: string; status: string; outcome: string | null }[]).find(
        (p) => p.procedureId === procedureId,
      )!;
      steps.push(interview.step);
      if (action === 'conclude') expect(interview).toMatchObject({ status: 'completed', outcome: 'resolved' });
    }
    expect(steps.slice(0, 5)).toEqual(['issue_notice', 'hold_interview', 'written_report', 'follow_up', 'conclude']);
    expect(await eventTypes(stack, id)).toEqual(expect.arrayContaining(['interview_trigger_recorded']));
  });

  it('refuses invalid input with field paths (400), before any workflow is asked', async () => {
    const { id, procedureId } = await openInterviewCase(stack.baseUrl);
    const r = await http(stack.baseUrl, 'POST', actionPath(id, procedureId, 'record_trigger'), {
      reason: '',
      interviewee: { organisation: '某公司' },
      extra: true,
    });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const paths = (r.body.errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.reason', 'body.interviewee.person']));
    expect(paths.some((p) => p === 'body' || p.startsWith('body.extra') || p === 'body.')).toBe(true);
  });

  it('refuses an action the step does not allow (409 with the current step and what this caller may do)', async () => {
    const { id, procedureId } = await openInterviewCase(stack.baseUrl);
    const r = await http(stack.baseUrl, 'POST', actionPath(id, procedureId, 'follow_up'), interviewInputs.follow_up);
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({
      type: '/problems/action-not-allowed',
      currentStep: 'record_trigger',
      allowedActions: ['record_trigger'],
      procedureId,
    });
  });

  it('an unknown action is a 404 listing the procedure’s actions; a role the action does not admit is a 403', async () => {
    const { id, procedureId } = await openInterviewCase(stack.baseUrl);
    const unknown = await http(stack.baseUrl, 'POST', actionPath(id, procedureId, 'delist'), {});
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ type: '/problems/unknown-action', action: 'delist' });
    expect(unknown.body.actions).toEqual(expect.arrayContaining(['record_trigger', 'issue_notice', 'conclude']));

    const noProcedure = await http(stack.baseUrl, 'POST', actionPath(id, 'closure-9', 'propose'), {});
    expect(noProcedure.status).toBe(404);

    await http(stack.baseUrl, 'POST', actionPath(id, procedureId, 'record_trigger'), interviewInputs.record_trigger);
    const officerSigns = await http(stack.baseUrl, 'POST', actionPath(id, procedureId, 'issue_notice'), interviewInputs.issue_notice);
    expect(officerSigns.status).toBe(403);
    expect(officerSigns.body).toMatchObject({ action: 'issue_notice', roles: ['agency_head'] });
  });

  it('starts another procedure where the links allow it (no instance active, role, closure after a verification); otherwise 409 says what may start', async () => {
    const { id } = await openInterviewCase(stack.baseUrl);
    const again = await http(stack.baseUrl, 'POST', `/cases/${id}/procedures`, { procedure: 'interview', reason: '再次约谈', input: {} });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ type: '/problems/procedure-not-startable', procedure: 'interview' });
    expect(again.body.allowedProcedures).toEqual(expect.arrayContaining(['verification', 'rectification']));
    expect(again.body.allowedProcedures).not.toContain('interview');
    // The case detail says the same to the same caller before they try.
    expect((await http(stack.baseUrl, 'GET', `/cases/${id}`)).body.startableProcedures).toEqual(again.body.allowedProcedures);
    // 销号 is proposed with a verification record: not before a verification completed.
    const closure = await http(stack.baseUrl, 'POST', `/cases/${id}/procedures`, { procedure: 'closure', reason: '拟销号', input: {} });
    expect(closure.status).toBe(409);
    expect(closure.body).toMatchObject({ type: '/problems/procedure-not-startable', procedure: 'closure' });
    expect(closure.body.allowedProcedures).not.toContain('closure');
    // The agency head decides; the links give it no procedure to start by hand.
    const byHead = await http(
      stack.baseUrl,
      'POST',
      `/cases/${id}/procedures`,
      { procedure: 'rectification', reason: '整改', input: { summary: '限期整改' } },
      HEAD,
    );
    expect(byHead.status).toBe(409);
    expect(byHead.body.allowedProcedures).toEqual([]);

    const badInput = await http(stack.baseUrl, 'POST', `/cases/${id}/procedures`, {
      procedure: 'verification',
      reason: '验收',
      input: { basis: 'someday' },
    });
    expect(badInput.status).toBe(400);
    expect(badInput.body.errors[0].path).toBe('body.input.basis');
    // An instant no deadline can be counted from (the calendars cover 1992–2100) is a 400 on its field,
    // not a 500 after the worker's retries (found by the fuzz run).
    const ancient = await http(stack.baseUrl, 'POST', `/cases/${id}/procedures`, {
      procedure: 'verification',
      reason: '验收',
      input: { basis: 'deadline_reached', receivedAt: '1013-12-05T16:24:29-22:01' },
    });
    expect(ancient.status).toBe(400);
    expect(ancient.body.errors).toEqual([{ path: 'body.input.receivedAt', message: expect.stringMatching(/outside 1992–2100/) }]);
    // A rule of the machine itself (a date received cannot lie after its recording), checked in the
    // workflow, names the same field, and the detail says what is wrong rather than "invalid input".
    const future = await http(stack.baseUrl, 'POST', `/cases/${id}/procedures`, {
      procedure: 'verification',
      reason: '验收',
      input: { basis: 'application', receivedAt: '2099-01-01T00:00:00+08:00' },
    });
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([{ path: 'body.input.receivedAt', message: expect.stringMatching(/cannot lie after/) }]);
    expect(future.body.detail).toMatch(/^body\.input\.receivedAt: cannot lie after/);
    // So does opening a case whose first procedure is refused by that rule.
    const openedFuture = await http(
      stack.baseUrl,
      'POST',
      '/cases',
      caseBody({ procedure: 'verification', input: { basis: 'application', receivedAt: '2099-01-01T00:00:00+08:00' } }),
    );
    expect(openedFuture.status).toBe(400);
    expect(openedFuture.body.errors).toEqual([{ path: 'body.input.receivedAt', message: expect.stringMatching(/cannot lie after/) }]);

    const started = await http(stack.baseUrl, 'POST', `/cases/${id}/procedures`, {
      procedure: 'verification',
      reason: '企业申请验收',
      input: { basis: 'application' },
    });
    expect(started.status).toBe(201);
    expect(started.body.startedProcedureId).toMatch(/^verification-\d+$/);
    const verification = (started.body.procedures as { procedureId: string; status: string }[]).find(
      (p) => p.procedureId === started.body.startedProcedureId,
    );
    expect(verification).toMatchObject({ status: 'active' });
  });

  it("refuses the workflow's own start-input fields (escalations, caseJurisdiction, pauseAdministrative) with 400 naming them; without them the workflow sets them", async () => {
    const own = (path: string) => [{ path, message: expect.stringMatching(/not (set )?by the request$/) }];
    // POST /cases: a rectification order's thresholds come from the policy in force, a listing's jurisdiction from the case.
    const rectThresholds = await http(stack.baseUrl, 'POST', '/cases', caseBody({ input: { escalations: [] } }));
    expect(rectThresholds.status).toBe(400);
    expect(rectThresholds.body.errors).toEqual(own('body.input.escalations'));
    const listingElsewhere = await http(
      stack.baseUrl,
      'POST',
      '/cases',
      caseBody({ procedure: 'listed_supervision', input: { caseJurisdiction: '110101', reason: '挂牌督办' } }),
    );
    expect(listingElsewhere.status).toBe(400);
    expect(listingElsewhere.body.errors).toEqual(own('body.input.caseJurisdiction'));
    const listing = await http(
      stack.baseUrl,
      'POST',
      '/cases',
      caseBody({ procedure: 'listed_supervision', input: { reason: '挂牌督办' } }),
    );
    expect(listing.status).toBe(201);
    expect(listing.body.procedures[0]).toMatchObject({ procedure: 'listed_supervision', data: { caseJurisdiction: '140105' } });

    // POST /cases/{id}/procedures: the same for every start input.
    const { id } = await openInterviewCase(stack.baseUrl);
    const start = (procedure: string, input: Record<string, unknown>) =>
      http(stack.baseUrl, 'POST', `/cases/${id}/procedures`, { procedure, reason: '启动', input });
    const failure = {
      failures: 1,
      request: { kind: 'approval', approval: 'closure', approverRole: 'supervisor', summary: '一次不合格即销号' },
    };
    const thresholds = await start('rectification', { summary: '限期整改', escalations: [failure] });
    expect(thresholds.status).toBe(400);
    expect(thresholds.body.errors).toEqual(own('body.input.escalations'));
    const noPause = await start('criminal_transfer', { pauseAdministrative: false });
    expect(noPause.status).toBe(400);
    expect(noPause.body.errors).toEqual(own('body.input.pauseAdministrative'));
    const rect = await start('rectification', { summary: '限期整改' });
    expect(rect.status).toBe(201);
    const started = (rect.body.procedures as { procedureId: string; data: { escalations: unknown[] } }[]).find(
      (p) => p.procedureId === rect.body.startedProcedureId,
    );
    // The pinned links' thresholds, not the request's.
    expect(started!.data.escalations).not.toContainEqual(failure);
    expect(started!.data.escalations.length).toBeGreaterThan(0);
  });

  it('a closed case (已结案) answers 409 with its state to every further command, not "no running process"', async () => {
    const opened = await http(stack.baseUrl, 'POST', '/cases', caseBody({ reportDueAt: inSeconds(7 * 86_400) }));
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    await uploadFile(stack.baseUrl, id, '整改报告.pdf');
    const act = (action: string) => actionPath(id, 'rectification-1', action);
    expect(
      (await http(stack.baseUrl, 'POST', act('submit_report'), { summary: '已整改', attachments: [document('整改报告.pdf')] })).status,
    ).toBe(200);
    const recheck = { result: 'passed', inspector: { id: 'officer-140105-002', name: '李复查' }, findings: '复查合格' };
    // The case workflow closes the case once the order's report reaches it, just after the update's
    // answer: the API's answer waits for that reaction, so it shows the case closed, nothing to start.
    const closing = await http(stack.baseUrl, 'POST', act('record_recheck'), recheck);
    expect(closing.status).toBe(200);
    expect(closing.body).toMatchObject({ status: 'closed', startableProcedures: [] });
    const eventsBefore = await eventTypes(stack, id);
    expect(eventsBefore).toContain('case_closed');

    const start = await http(stack.baseUrl, 'POST', `/cases/${id}/procedures`, {
      procedure: 'verification',
      reason: '再次复查',
      input: { basis: 'application' },
    });
    expect(start.status).toBe(409);
    expect(start.body).toMatchObject({ type: '/problems/case-closed', caseStatus: 'closed', allowedActions: [] });
    expect(start.body.detail).toMatch(/已结案/);
    const escalation = await http(
      stack.baseUrl,
      'POST',
      `/cases/${id}/procedures/rectification-1/escalation`,
      { reason: '逾期未改' },
      SUPERVISOR,
    );
    expect(escalation.status).toBe(409);
    expect(escalation.body.type).toBe('/problems/case-closed');
    // Nor can a file be added that nothing could ever cite; the case's files stay readable.
    await expect(uploadFile(stack.baseUrl, id, '补充材料.pdf')).rejects.toThrow(/failed: 409 .*case-closed/);
    expect((await http(stack.baseUrl, 'GET', `/cases/${id}/attachments`)).status).toBe(200);
    expect(await eventTypes(stack, id)).toEqual(eventsBefore);
  });

  it('reads an id in upper case as the same case (UUIDs are case-insensitive): detail, action, case command, files', async () => {
    const { id, procedureId } = await openInterviewCase(stack.baseUrl);
    const ID = id.toUpperCase();
    const detail = await http(stack.baseUrl, 'GET', `/cases/${ID}`);
    expect(detail.status).toBe(200);
    expect(detail.body.id).toBe(id);
    // A case command names the case workflow by the id: it must reach `case-<lowercase id>`.
    const escalated = await http(
      stack.baseUrl,
      'POST',
      `/cases/${ID}/procedures/${procedureId}/escalation`,
      {
        action: 'letter',
        reason: '约谈迟迟未召开',
      },
      SUPERVISOR,
    );
    expect(escalated.status).toBe(200);
    const acted = await http(stack.baseUrl, 'POST', actionPath(ID, procedureId, 'record_trigger'), interviewInputs.record_trigger);
    expect(acted.status).toBe(200);
    // A file uploaded under one spelling is the case's under the other.
    const file = await uploadFile(stack.baseUrl, ID, '约谈记录.pdf');
    const listed = await http(stack.baseUrl, 'GET', `/cases/${id}/attachments`);
    expect((listed.body as { sha256: string }[]).map((a) => a.sha256)).toContain(file.sha256);
  });

  it('a supervisor escalates now (the named rung); an officer may not (403)', async () => {
    const { id, procedureId } = await openInterviewCase(stack.baseUrl);
    await uploadInterviewDocuments(stack.baseUrl, id);
    await http(stack.baseUrl, 'POST', actionPath(id, procedureId, 'record_trigger'), interviewInputs.record_trigger);
    await http(stack.baseUrl, 'POST', actionPath(id, procedureId, 'issue_notice'), interviewInputs.issue_notice, HEAD);
    const path = `/cases/${id}/procedures/${procedureId}/escalation`;
    expect((await http(stack.baseUrl, 'POST', path, { action: 'letter', reason: '约谈迟迟未召开' })).status).toBe(403);
    const escalated = await http(stack.baseUrl, 'POST', path, { action: 'letter', reason: '约谈迟迟未召开' }, SUPERVISOR);
    expect(escalated.status).toBe(200);
    expect(await eventTypes(stack, id)).toContain('escalated_manually');
  });

  it('a retried action with the same Idempotency-Key has one effect and answers the first answer', async () => {
    const { id, procedureId } = await openInterviewCase(stack.baseUrl);
    const k = key('act');
    const path = actionPath(id, procedureId, 'record_trigger');
    const first = await http(stack.baseUrl, 'POST', path, interviewInputs.record_trigger, withKey(k));
    const again = await http(stack.baseUrl, 'POST', path, interviewInputs.record_trigger, withKey(k));
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect((await eventTypes(stack, id)).filter((t) => t === 'interview_trigger_recorded')).toHaveLength(1);

    // Once the store forgot the key, the same request reaches the workflow with the same update id: still one effect.
    await stack.db.query('DELETE FROM idempotency_keys WHERE key = $1', [k]);
    const afterForgetting = await http(stack.baseUrl, 'POST', path, interviewInputs.record_trigger, withKey(k));
    expect(afterForgetting.status).toBe(200);
    expect((await eventTypes(stack, id)).filter((t) => t === 'interview_trigger_recorded')).toHaveLength(1);

    // The same key with another body is refused.
    const other = await http(stack.baseUrl, 'POST', path, { ...interviewInputs.record_trigger, reason: '另一事由' }, withKey(k));
    expect(other.status).toBe(422);
  });

  it('answers 503 with Retry-After when no worker takes the action, and the retry with the same key lands once', async () => {
    const { id, procedureId } = await openInterviewCase(stack.baseUrl);
    const k = key('outage');
    const path = actionPath(id, procedureId, 'record_trigger');
    await stack.stopWorker();
    let during;
    try {
      during = await http(stack.baseUrl, 'POST', path, interviewInputs.record_trigger, withKey(k));
    } finally {
      await stack.startWorker();
    }
    expect(during.status).toBe(503);
    expect(Number(during.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(during.body.type).toBe('/problems/workflow-not-answering');
    const retried = await http(stack.baseUrl, 'POST', path, interviewInputs.record_trigger, withKey(k));
    expect(retried.status).toBe(200);
    expect((await eventTypes(stack, id)).filter((t) => t === 'interview_trigger_recorded')).toHaveLength(1);
  });

  it('POST /cases/{id}/report stays an alias of the rectification procedure’s submit_report', async () => {
    const opened = await http(stack.baseUrl, 'POST', '/cases', caseBody({ reportDueAt: inSeconds(3600) }));
    expect(opened.status).toBe(201);
    const rectification = (opened.body.procedures as { procedureId: string; procedure: string }[]).find(
      (p) => p.procedure === 'rectification',
    )!;
    expect(opened.body.allowedActions).toContain('submit_report');
    await uploadFile(stack.baseUrl, opened.body.id, '整改报告.pdf');

    const report = await http(stack.baseUrl, 'POST', `/cases/${opened.body.id}/report`, {
      summary: '已整改完毕',
      attachments: [document('整改报告.pdf')],
    });
    expect(report.status).toBe(200);
    const after = (report.body.procedures as { procedureId: string; step: string }[]).find(
      (p) => p.procedureId === rectification.procedureId,
    )!;
    expect(after.step).toBe('recheck');
    expect(report.body.allowedActions).toEqual(['record_recheck']);
  });

  it('routes a legacy case (case-<id>-rectification) to its own workflow, by the alias and by procedure id "rectification"', async () => {
    const caseId = await openLegacyCase(stack, caseBody({ reportDueAt: inSeconds(3600) }));

    const detail = await http(stack.baseUrl, 'GET', `/cases/${caseId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.procedures).toEqual([
      expect.objectContaining({ procedureId: 'rectification', step: 'awaiting_report', workflowId: rectificationWorkflowId(caseId) }),
    ]);
    expect(detail.body.procedures[0].allowedActions.map((a: { name: string }) => a.name)).toEqual(['submitReport']);

    const refused = await http(stack.baseUrl, 'POST', actionPath(caseId, 'rectification', 'recordVerification'), {
      result: 'passed',
      inspector: { id: 'officer-140105-002', name: '李复查' },
      findings: '合格',
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ currentStep: 'awaiting_report', allowedActions: ['submitReport'] });

    const report = await http(stack.baseUrl, 'POST', `/cases/${caseId}/report`, { summary: '已整改' });
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ step: 'awaiting_recheck', allowedActions: ['recordVerification'] });

    const verified = await http(stack.baseUrl, 'POST', actionPath(caseId, 'rectification', 'recordVerification'), {
      result: 'passed',
      inspector: { id: 'officer-140105-002', name: '李复查' },
      findings: '合格',
    });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ status: 'closed', allowedActions: [] });

    const unknown = await http(stack.baseUrl, 'POST', actionPath(caseId, 'rectification', 'submit_report'), { summary: 'x' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.actions).toEqual(['submitReport', 'recordVerification']);
  });
});
