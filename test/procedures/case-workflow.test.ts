import { type WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import {
  actUpdate,
  caseWorkflowId,
  escalateUpdate,
  PROCEDURE_CATCHING_UP,
  procedureStateQuery,
  procedureWorkflowId,
  requestExtensionUpdate,
} from '@anjian/contracts';
import { eventually } from '../support/fixtures';
import { recordHistory } from '../support/record-history';
import { startTestStack, type TestStack } from '../support/test-stack';
import {
  act,
  caseInput,
  caseState,
  caseStateWhen,
  DOCUMENT,
  eventsOf,
  inMs,
  INSPECTOR,
  openCase,
  procedureHandle,
  procedureIn,
  procedureRow,
  OFFICER_ACTOR,
  SUPERVISOR_ACTOR,
} from './case-test-kit';

/** The failure an update ended with (its type and first detail), or a marker when it succeeded. */
async function refusalOf(p: Promise<unknown>): Promise<{ type: string | undefined; details: unknown }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
      return { type: err.cause.type ?? undefined, details: err.cause.details?.[0] };
    }
    throw err;
  }
  return { type: 'succeeded', details: null };
}

/**
 * Sends an update again (same update id) while the server answers FAILED_PRECONDITION, as the API does
 * (503 "workflow task is being retried", the client retries): with a threshold of 12 events the
 * workflows continue as new every few events, and an update that arrives while a run completes with
 * continue-as-new fails its workflow task (UnhandledCommand) and is refused that way.
 */
async function sentAgainWhileRetried<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (err) {
      const code = (err as { cause?: { code?: number } }).cause?.code;
      if (code !== 9 /* gRPC FAILED_PRECONDITION */ || attempt >= 20) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** The officer asks to extend the order's report deadline by 60 days, having seen the procedure at `knownSeq`. */
const askExtension = (handle: WorkflowHandle, knownSeq: number) =>
  handle.executeUpdate(requestExtensionUpdate, {
    args: [
      {
        procedureId: 'rectification-1',
        step: 'report',
        newDueAt: inMs(60 * 86_400_000),
        reason: '企业申请延期',
        actor: OFFICER_ACTOR,
        knownSeq,
      },
    ],
  });

/** 整改 through the case workflow and its child procedure workflow, against real Temporal and PostgreSQL. */
describe('case workflow with a rectification child', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** Three reports, each followed by a failed re-check, seen by the case: the histories grow past a small threshold. */
  async function threeFailedRechecks(caseId: string, handle: WorkflowHandle): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await act(stack, caseId, 'rectification-1', 'submit_report', { summary: `第${i + 1}次整改报告`, attachments: [DOCUMENT] });
      await act(stack, caseId, 'rectification-1', 'record_recheck', {
        result: 'failed',
        inspector: INSPECTOR,
        findings: '仍未整改到位',
        newReportDueAt: inMs(7_200_000),
      });
    }
    await caseStateWhen(handle, (s) => procedureIn(s, 'rectification-1')?.data['failures'] === 3, 'three failures seen by the case');
  }

  it('opens, takes the report, records a passing re-check, completes the child and closes the case', async () => {
    // 30 days ahead: the policy's reminders lie ahead too (one already past when armed would fire at once).
    const reportDueAt = inMs(30 * 86_400_000);
    const { caseId, handle, opened } = await openCase(stack, caseInput({ reportDueAt }));
    expect(opened.status).toBe('open');
    const first = procedureIn(opened, 'rectification-1')!;
    expect(first).toMatchObject({ procedure: 'rectification', step: 'report', status: 'active', suspended: false });
    expect(first.workflowId).toBe(procedureWorkflowId(caseId, 'rectification-1'));
    expect(first.deadlines).toEqual([expect.objectContaining({ step: 'report', origin: 'order', dueAt: reportDueAt, overdue: false })]);
    expect(first.actionsByRole.officer).toContain('submit_report');
    expect(opened.policyVersion).toEqual(expect.any(Number));

    // The case row and the procedure row were written in the child's first projection.
    const [caseRow] = await stack.db.query('SELECT status, workflow_id, policy_version FROM cases WHERE id = $1', [caseId]);
    expect(caseRow).toMatchObject({ status: 'open', workflow_id: caseWorkflowId(caseId), policy_version: opened.policyVersion });
    expect(await procedureRow(stack, caseId, 'rectification-1')).toMatchObject({ step: 'report', status: 'active', overdue: false });

    const reported = await act(stack, caseId, 'rectification-1', 'submit_report', {
      summary: '已加装锁气卸灰装置',
      attachments: [DOCUMENT],
    });
    expect(reported).toMatchObject({ step: 'recheck', status: 'active' });
    expect(reported.deadlines.map((d) => d.step)).toEqual(['recheck']);
    expect(reported.deadlines[0]).toMatchObject({ origin: 'policy', policyVersion: opened.policyVersion });

    const passed = await act(stack, caseId, 'rectification-1', 'record_recheck', {
      result: 'passed',
      inspector: INSPECTOR,
      findings: '现场复查合格',
    });
    expect(passed).toMatchObject({ status: 'completed', outcome: 'rectified', deadlines: [], allowedActions: [] });

    const closed = await handle.result();
    expect(closed).toMatchObject({ status: 'closed' });
    expect(procedureIn(closed, 'rectification-1')).toMatchObject({ status: 'completed', outcome: 'rectified' });

    const child = await eventsOf(stack, caseId, 'rectification-1');
    expect(child.map((e) => e.type)).toEqual(['order_issued', 'deadline_armed', 'report_submitted', 'deadline_armed', 'recheck_passed']);
    expect(child.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect((await eventsOf(stack, caseId, 'case')).map((e) => e.type)).toEqual(['case_closed']);
    const [closedRow] = await stack.db.query('SELECT status, closed_at FROM cases WHERE id = $1', [caseId]);
    expect(closedRow.status).toBe('closed');
    expect(closedRow.closed_at).not.toBeNull();
    expect(await procedureRow(stack, caseId, 'rectification-1')).toMatchObject({ status: 'completed', outcome: 'rectified' });

    recordHistory(caseWorkflowId(caseId), 'case-rectification-happy-path');
    recordHistory(procedureWorkflowId(caseId, 'rectification-1'), 'procedure-rectification-happy-path');
  });

  it('refuses before history: a step that does not allow the action, invalid input, a role the action does not admit', async () => {
    const { caseId } = await openCase(stack, caseInput({ reportDueAt: inMs(30 * 86_400_000) }));
    const child = procedureHandle(stack, caseId, 'rectification-1');
    // Let the opening settle (the report to the case workflow, its workflow task).
    await eventually(
      async () => (await child.fetchHistory()).events!.length,
      (n) => n > 0,
      5_000,
    );
    await new Promise((r) => setTimeout(r, 500));
    const lengthBefore = (await child.fetchHistory()).events!.length;

    const wrongStep = await refusalOf(
      act(stack, caseId, 'rectification-1', 'record_recheck', { result: 'passed', inspector: INSPECTOR, findings: '合格' }),
    );
    expect(wrongStep).toEqual({
      type: 'ActionNotAllowed',
      details: { action: 'record_recheck', currentStep: 'report', allowedActions: expect.arrayContaining(['submit_report']) },
    });

    const invalid = await refusalOf(act(stack, caseId, 'rectification-1', 'submit_report', { summary: '', attachments: [] }));
    expect(invalid.type).toBe('InvalidInput');
    const paths = (invalid.details as { path: string[] }[]).map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['input.summary', 'input.attachments']));

    const wrongRole = await refusalOf(
      act(stack, caseId, 'rectification-1', 'submit_report', { summary: '已整改', attachments: [DOCUMENT] }, SUPERVISOR_ACTOR),
    );
    expect(wrongRole).toEqual({
      type: 'RoleNotAllowed',
      details: expect.objectContaining({ action: 'submit_report', role: 'supervisor' }),
    });

    // What only the machine checks (a document cannot be received in the future) is refused before history too.
    const future = await refusalOf(
      act(stack, caseId, 'rectification-1', 'submit_report', { summary: '已整改', receivedAt: inMs(3_600_000), attachments: [DOCUMENT] }),
    );
    expect(future.type).toBe('InvalidInput');
    expect((future.details as { path: string[] }[]).map((i) => i.path.join('.'))).toEqual(['input.receivedAt']);

    const unknown = await refusalOf(act(stack, caseId, 'rectification-1', 'delist', {}));
    expect(unknown.type).toBe('UnknownProcedureAction');

    // Refused updates never reached the child's history, and the procedure did not move.
    expect((await child.fetchHistory()).events!.length).toBe(lengthBefore);
    expect(await child.query(procedureStateQuery)).toMatchObject({ step: 'report', seq: 2 });
    expect((await eventsOf(stack, caseId, 'rectification-1')).map((e) => e.type)).toEqual(['order_issued', 'deadline_armed']);
    recordHistory(procedureWorkflowId(caseId, 'rectification-1'), 'procedure-rectification-refused-actions');
  });

  it('a request naming a change the case workflow has not taken yet is refused before history (PROCEDURE_CATCHING_UP)', async () => {
    const { caseId, handle } = await openCase(stack, caseInput({ reportDueAt: inMs(30 * 86_400_000) }));
    const settled = await caseStateWhen(handle, (c) => (procedureIn(c, 'rectification-1')?.seq ?? 0) >= 2, 'the first report');
    const known = procedureIn(settled, 'rectification-1')!;
    const [row] = await stack.db.query(`SELECT max(seq)::int AS seq FROM case_events WHERE case_id = $1 AND stream = 'rectification-1'`, [
      caseId,
    ]);
    expect(row.seq).toBe(known.seq); // what the API reads (the stream's last seq) is what the case workflow counts
    const historyBefore = (await handle.fetchHistory()).events!.length;
    const ask = (knownSeq: number) => askExtension(handle, knownSeq);
    expect(await refusalOf(ask(known.seq + 1))).toEqual({
      type: PROCEDURE_CATCHING_UP,
      details: { procedureId: 'rectification-1', knownSeq: known.seq + 1, seq: known.seq },
    });
    expect((await handle.fetchHistory()).events!.length).toBe(historyBefore);
    // What it has seen is enough: the request waits for the supervisor.
    expect((await ask(known.seq)).approvals).toEqual([expect.objectContaining({ kind: 'extension', procedureId: 'rectification-1' })]);
  });

  it('approvals a procedure still waited for lapse when it ends, so the case closes', async () => {
    const { caseId, handle } = await openCase(stack, caseInput({ reportDueAt: inMs(30 * 86_400_000) }));
    const settled = await caseStateWhen(handle, (c) => (procedureIn(c, 'rectification-1')?.seq ?? 0) >= 2, 'the first report');
    const asked = await askExtension(handle, procedureIn(settled, 'rectification-1')!.seq);
    const approvalId = asked.approvals[0]!.approvalId;
    // The order is carried out before anyone decides the extension.
    await act(stack, caseId, 'rectification-1', 'submit_report', { summary: '已整改', attachments: [DOCUMENT] });
    await act(stack, caseId, 'rectification-1', 'record_recheck', { result: 'passed', inspector: INSPECTOR, findings: '复查合格' });

    // Bounded: before, the pending extension kept the case open for good.
    const closed = await caseStateWhen(handle, (c) => c.status === 'closed', 'the case closed');
    expect(closed.approvals).toEqual([]);
    const [row] = await stack.db.query('SELECT status, decided_by, reason FROM case_approvals WHERE case_id = $1 AND id = $2', [
      caseId,
      approvalId,
    ]);
    expect(row).toMatchObject({ status: 'returned', decided_by: 'system', reason: expect.stringMatching(/lapsed/) });
    expect((await eventsOf(stack, caseId, 'case')).map((e) => e.type)).toEqual(
      expect.arrayContaining(['approval_requested', 'approval_lapsed', 'case_closed']),
    );
    recordHistory(caseWorkflowId(caseId), 'case-approval-lapses-with-its-procedure');
  });

  it('a case whose first deadline cannot be armed is not opened and nothing is projected', async () => {
    const input = caseInput({ policyVersion: 2_000_000_000 });
    const failure = await refusalOf(openCase(stack, input));
    expect(failure.type).toBe('DeadlineConfiguration');
    expect(await stack.db.query('SELECT id FROM cases WHERE id = $1', [input.caseId])).toEqual([]);
  });

  it('continues as new under a small history threshold and loses nothing (procedures, reports, counters)', async () => {
    const input = caseInput({ reportDueAt: inMs(3_600_000), continueAsNewAfterEvents: 12 });
    const { caseId, handle } = await openCase(stack, input);
    // The run `start` created, not whatever run is current now: under load the case can already have
    // continued as new while opening (12 events is a small threshold), and that run must not count.
    const firstRun = handle.firstExecutionRunId;

    // Failed re-checks: each one a report from the child; the parent's history grows past the threshold.
    await threeFailedRechecks(caseId, handle);
    const runs = await stack.temporal.workflow.list({ query: `WorkflowId = '${caseWorkflowId(caseId)}'` });
    const runIds: string[] = [];
    for await (const r of runs) runIds.push(r.runId);
    expect(runIds.length).toBeGreaterThan(1);
    // The latest run is a new one (polled: describe and the visibility list are read separately).
    await eventually(
      async () => (await handle.describe()).runId,
      (runId) => runId !== firstRun,
      10_000,
      'a run after the first',
    );
    // The procedure workflow (same threshold, passed on) continued as new too, carrying its state.
    const childRuns: string[] = [];
    for await (const r of stack.temporal.workflow.list({ query: `WorkflowId = '${procedureWorkflowId(caseId, 'rectification-1')}'` }))
      childRuns.push(r.runId);
    expect(childRuns.length).toBeGreaterThan(1);

    // The new run carries the state: the procedure's latest snapshot, its report numbers (a
    // duplicate is still ignored), and it keeps working to the end.
    const carried = await caseState(handle);
    expect(carried).toMatchObject({ status: 'open', caseId });
    expect(procedureIn(carried, 'rectification-1')).toMatchObject({ step: 'report', data: expect.objectContaining({ failures: 3 }) });
    await act(stack, caseId, 'rectification-1', 'submit_report', { summary: '第4次整改报告', attachments: [DOCUMENT] });
    await act(stack, caseId, 'rectification-1', 'record_recheck', { result: 'passed', inspector: INSPECTOR, findings: '合格' });
    const closed = await stack.temporal.workflow.getHandle(caseWorkflowId(caseId)).result();
    expect(closed.status).toBe('closed');
    expect(procedureIn(closed, 'rectification-1')).toMatchObject({ status: 'completed', outcome: 'rectified' });
    expect((await eventsOf(stack, caseId, 'case')).map((e) => e.type)).toEqual(['case_closed']);
    const child = await eventsOf(stack, caseId, 'rectification-1');
    expect(child.map((e) => e.seq)).toEqual(child.map((_, i) => i + 1));
  });

  it('does not apply an action twice when its retry (same update id) reaches a later run of the procedure workflow', async () => {
    const input = caseInput({ reportDueAt: inMs(3_600_000), continueAsNewAfterEvents: 12 });
    const { caseId } = await openCase(stack, input);
    const child = procedureHandle(stack, caseId, 'rectification-1');
    const firstChildRun = (await child.describe()).runId;
    const report = { summary: '第1次整改报告', attachments: [DOCUMENT] };
    const send = (action: string, body: unknown, updateId: string) =>
      child.executeUpdate(actUpdate, { args: [{ action, actor: OFFICER_ACTOR, input: body }], updateId });

    // The first report (update id 'report-1') is applied in the first run; failed re-checks grow the
    // history past the threshold until the procedure workflow continues as new.
    await send('submit_report', report, 'report-1');
    for (let i = 0; i < 3; i++) {
      await send(
        'record_recheck',
        { result: 'failed', inspector: INSPECTOR, findings: '仍未整改到位', newReportDueAt: inMs(7_200_000) },
        `recheck-${i}`,
      );
      if (i < 2) await send('submit_report', { summary: `第${i + 2}次整改报告`, attachments: [DOCUMENT] }, `report-${i + 2}`);
    }
    await eventually(
      async () => (await child.describe()).runId,
      (runId) => runId !== firstChildRun,
      10_000,
      'a later run of the procedure workflow',
    );
    const reports = async () => (await eventsOf(stack, caseId, 'rectification-1')).filter((e) => e.type === 'report_submitted').length;
    expect(await reports()).toBe(3);
    const state = await child.query(procedureStateQuery);
    expect(state).toMatchObject({ step: 'report', data: expect.objectContaining({ failures: 3 }) });

    // The step allows a report again, so a second application would be accepted as a new report:
    // the retry of 'report-1' answers with the state as it is and records nothing.
    const retried = await sentAgainWhileRetried(() => send('submit_report', report, 'report-1'));
    expect(retried).toMatchObject({ step: 'report', data: expect.objectContaining({ failures: 3 }) });
    expect(await reports()).toBe(3); // (reminders of the re-armed deadline may still be recorded meanwhile)
    // A new id is a new action: applied.
    expect(
      await sentAgainWhileRetried(() => send('submit_report', { summary: '第4次整改报告', attachments: [DOCUMENT] }, 'report-4')),
    ).toMatchObject({
      step: 'recheck',
    });
    recordHistory(procedureWorkflowId(caseId, 'rectification-1'), 'procedure-action-retried-after-continue-as-new');
  });

  it('does not apply a case-level update twice when its retry (same update id) reaches a later run of the case workflow', async () => {
    const { caseId, handle } = await openCase(stack, caseInput({ reportDueAt: inMs(3_600_000), continueAsNewAfterEvents: 12 }));
    // A named escalation may be taken again and again: a second application would add a second one.
    const circular = (updateId: string) =>
      handle.executeUpdate(escalateUpdate, {
        args: [{ procedureId: 'rectification-1', action: 'circular', reason: '通报批评', actor: SUPERVISOR_ACTOR }],
        updateId,
      });
    expect((await circular('circular-1')).escalations).toHaveLength(1);

    // Failed re-checks: reports from the child grow the case's history until it continues as new.
    await threeFailedRechecks(caseId, handle);
    await eventually(
      async () => (await handle.describe()).runId,
      (runId) => runId !== handle.firstExecutionRunId,
      10_000,
      'a later run of the case workflow',
    );

    const retried = await sentAgainWhileRetried(() => circular('circular-1'));
    expect(retried.escalations).toHaveLength(1);
    const manual = async () => (await eventsOf(stack, caseId, 'case')).filter((e) => e.type === 'escalated_manually').length;
    expect(await manual()).toBe(1);
    // A new id is a new escalation.
    expect((await sentAgainWhileRetried(() => circular('circular-2'))).escalations).toHaveLength(2);
    expect(await manual()).toBe(2);
    // The latest run started from carried state that lists the applied updates.
    recordHistory(caseWorkflowId(caseId), 'case-update-retried-after-continue-as-new');
  });
});
