import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import {
  APPROVAL_PENDING,
  caseWorkflowId,
  decideApprovalUpdate,
  PROCEDURE_NOT_STARTABLE,
  procedureStateQuery,
  procedureWorkflowId,
  requestExtensionUpdate,
  requestSuspensionUpdate,
  rearmDeadlinesUpdate,
  resumeProcedureUpdate,
  startProcedureUpdate,
} from '@anjian/contracts';
import { eventually } from '../support/fixtures';
import { recordHistory } from '../support/record-history';
import { startTestStack, type TestStack } from '../support/test-stack';
import {
  ADMIN_ACTOR,
  caseInput,
  caseStateWhen,
  eventsOf,
  inMs,
  notificationsOf,
  OFFICER_ACTOR,
  openCase,
  pinnedTestPolicy,
  procedureHandle,
  procedureIn,
  procedureRow,
  shortReportRule,
  SUPERVISOR_ACTOR,
} from './case-test-kit';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Deadlines of a procedure: reminders before, the passing, escalation rungs after; 中止 and 延期. */
describe('procedure deadlines: reminders, escalation, suspension and extension', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('a reminder, the deadline passing and an escalation rung each leave an event and notifications; the rung starts an interview', async () => {
    // Pinned test policy: reminder 1 h before (already past when armed: fires at once), rung
    // 'interview' 0 h after the deadline. The order's own deadline is 4 s ahead.
    const policyVersion = await pinnedTestPolicy(stack, [shortReportRule([{ action: 'interview', hours: 0 }], [1])], 'test: short ladder');
    const reportDueAt = inMs(4_000);
    const { caseId, handle, opened } = await openCase(stack, caseInput({ reportDueAt, policyVersion }));
    expect(procedureIn(opened, 'rectification-1')!.deadlines[0]).toMatchObject({
      dueAt: reportDueAt,
      policyVersion,
      escalations: [{ action: 'interview', at: reportDueAt }],
    });

    const after = await caseStateWhen(
      handle,
      // The rung is recorded once its effect (the interview) has started: wait for both.
      (s) => procedureIn(s, 'interview-1') !== undefined && s.escalations.length > 0,
      'the interview started by the rung, and the rung recorded',
      30_000,
    );
    expect(procedureIn(after, 'interview-1')).toMatchObject({ procedure: 'interview', status: 'active' });
    const rect = procedureIn(after, 'rectification-1')!;
    expect(rect.deadlines.find((d) => d.step === 'report')).toMatchObject({ overdue: true, remindersFired: 1, escalationsFired: 1 });
    expect(after.escalations).toEqual([
      expect.objectContaining({
        procedureId: 'rectification-1',
        step: 'report',
        action: 'interview',
        rung: 1,
        manual: false,
        effect: 'started interview-1',
      }),
    ]);

    const events = await eventsOf(stack, caseId, 'rectification-1');
    const types = events.map((e) => e.type);
    expect(types.slice(0, 3)).toEqual(['order_issued', 'deadline_armed', 'deadline_reminder']);
    // The reminder was due an hour before the deadline, before the order existed: it is recorded when it
    // fired (the log stays in time order), with the instant it was scheduled for in its data.
    const [issued, , reminder] = events;
    expect(reminder!.data['scheduledAt']).toBe(new Date(Date.parse(reportDueAt) - 3_600_000).toISOString());
    expect(Date.parse(reminder!.at)).toBeGreaterThanOrEqual(Date.parse(issued!.at));
    const times = events.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(types).toEqual(expect.arrayContaining(['deadline_passed', 'escalation_rung_reached']));
    expect(types.indexOf('deadline_passed')).toBeLessThan(types.indexOf('escalation_rung_reached'));
    // The deadline passing started the re-check clock (the machine's rule): armed under the pinned policy.
    expect(rect.deadlines.find((d) => d.step === 'recheck')).toMatchObject({ policyVersion });
    const caseEvents = (await eventsOf(stack, caseId, 'case')).map((e) => e.type);
    expect(caseEvents).toEqual(expect.arrayContaining(['procedure_started', 'escalation_recorded']));

    const notes = await notificationsOf(stack, caseId);
    const byKind = (kind: string, firing: string) => notes.filter((n) => n.kind === kind && n.payload['firing'] === firing);
    expect(
      byKind('reminder', 'reminder')
        .map((n) => n.recipient_id ?? `${n.recipient_role}@${n.recipient_jurisdiction}`)
        .sort(),
    ).toEqual([OFFICER_ACTOR.id, 'supervisor@140105'].sort());
    expect(byKind('escalation', 'due')).toHaveLength(2);
    expect(byKind('escalation', 'escalation')).toHaveLength(2);
    expect(await procedureRow(stack, caseId, 'rectification-1')).toMatchObject({ overdue: true });

    recordHistory(procedureWorkflowId(caseId, 'rectification-1'), 'procedure-rectification-overdue-with-escalation');
    recordHistory(caseWorkflowId(caseId), 'case-rectification-overdue-starts-interview');
  });

  it('suspension (中止) requested by the officer, approved by a supervisor, keeps the time left; resumption runs it on', async () => {
    const reportDueAt = inMs(3_600_000);
    const { caseId, handle } = await openCase(stack, caseInput({ reportDueAt }));
    const requested = await handle.executeUpdate(requestSuspensionUpdate, {
      args: [{ procedureId: 'rectification-1', reason: '企业因上级部门调查暂停生产，整改无法进行', actor: OFFICER_ACTOR }],
    });
    const approval = requested.approvals.find((a) => a.kind === 'suspension')!;
    expect(approval).toMatchObject({
      approverRole: 'supervisor',
      procedureId: 'rectification-1',
      requestedBy: expect.objectContaining({ id: OFFICER_ACTOR.id }),
    });
    const [pendingRow] = await stack.db.query('SELECT status, kind FROM case_approvals WHERE case_id = $1 AND id = $2', [
      caseId,
      approval.approvalId,
    ]);
    expect(pendingRow).toEqual({ status: 'pending', kind: 'suspension' });

    // The officer may not decide it.
    const byOfficer = await handle
      .executeUpdate(decideApprovalUpdate, {
        args: [{ approvalId: approval.approvalId, decision: 'approved', reason: '同意', actor: OFFICER_ACTOR }],
      })
      .then(
        () => null,
        (err: unknown) =>
          err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure ? err.cause.type : String(err),
      );
    expect(byOfficer).toBe('RoleNotAllowed');

    await handle.executeUpdate(decideApprovalUpdate, {
      args: [{ approvalId: approval.approvalId, decision: 'approved', reason: '同意中止', actor: SUPERVISOR_ACTOR }],
    });
    const suspended = await eventually(
      () => procedureHandle(stack, caseId, 'rectification-1').query(procedureStateQuery),
      (p) => p.suspended,
      20_000,
      'the child suspended',
    );
    const suspendedAt = Date.parse(suspended.suspension!.since);
    const left = suspended.deadlines[0]!.remainingMs!;
    expect(left).toBeGreaterThan(3_500_000);
    expect(Math.abs(suspendedAt + left - Date.parse(reportDueAt))).toBeLessThan(5);
    expect(suspended.allowedActions).toEqual([]);
    expect((await procedureRow(stack, caseId, 'rectification-1'))!['suspended']).toBe(true);

    await sleep(1_500);
    await handle.executeUpdate(resumeProcedureUpdate, {
      args: [{ procedureId: 'rectification-1', reason: '调查结束，恢复整改', actor: OFFICER_ACTOR }],
    });
    const resumed = await eventually(
      () => procedureHandle(stack, caseId, 'rectification-1').query(procedureStateQuery),
      (p) => !p.suspended,
      20_000,
      'the child resumed',
    );
    const resumedEvent = (await eventsOf(stack, caseId, 'rectification-1')).find((e) => e.type === 'procedure_resumed')!;
    const resumedAt = Date.parse(
      (
        (await stack.db.query(`SELECT occurred_at FROM case_events WHERE case_id = $1 AND type = 'procedure_resumed'`, [caseId])) as {
          occurred_at: Date;
        }[]
      )[0]!.occurred_at.toISOString(),
    );
    const due = Date.parse(resumed.deadlines[0]!.dueAt);
    // Due = resumption + exactly the time that was left; later than the original by the suspended time.
    expect(due - resumedAt).toBe(left);
    expect(due - Date.parse(reportDueAt)).toBeGreaterThanOrEqual(1_400);
    expect(resumedEvent.data['deadlines']).toEqual([{ step: 'report', before: reportDueAt, after: resumed.deadlines[0]!.dueAt }]);
    await caseStateWhen(
      handle,
      (s) => !procedureIn(s, 'rectification-1')!.suspended && s.approvals.length === 0,
      'the case sees the resumption',
    );

    recordHistory(procedureWorkflowId(caseId, 'rectification-1'), 'procedure-rectification-suspension');
    recordHistory(caseWorkflowId(caseId), 'case-rectification-suspension');
  });

  it('an administrator moves the case to another policy version: the child re-arms from the same start; officers may not', async () => {
    const { caseId, handle, opened } = await openCase(stack, caseInput());
    const before = procedureIn(opened, 'rectification-1')!.deadlines[0]!;
    expect(before).toMatchObject({ step: 'report', origin: 'policy' });
    const local = { ...shortReportRule([], []), duration: { amount: 5, unit: 'hours' as const } };
    const v2 = await pinnedTestPolicy(stack, [local], 'test: 5-hour report rule for 140105');
    const move = { policyVersion: v2, reason: '本地规则调整', cause: 'policy_migration' as const };

    const byOfficer = await handle.executeUpdate(rearmDeadlinesUpdate, { args: [{ ...move, actor: OFFICER_ACTOR }] }).then(
      () => null,
      (err: unknown) =>
        err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure ? err.cause.type : String(err),
    );
    expect(byOfficer).toBe('RoleNotAllowed');
    const moved = await handle.executeUpdate(rearmDeadlinesUpdate, { args: [{ ...move, actor: ADMIN_ACTOR }] });
    expect(moved.policyVersion).toBe(v2);

    const after = await eventually(
      () => procedureHandle(stack, caseId, 'rectification-1').query(procedureStateQuery),
      (p) => p.policyVersion === v2,
      20_000,
      'the child re-armed under the new version',
    );
    expect(after.deadlines[0]).toMatchObject({ step: 'report', start: before.start, policyVersion: v2, origin: 'policy' });
    expect(Date.parse(after.deadlines[0]!.dueAt)).toBeLessThan(Date.parse(before.dueAt));
    const ev = (await eventsOf(stack, caseId, 'rectification-1')).find((e) => e.type === 'deadline_rearmed')!;
    expect(ev.data).toMatchObject({
      policyVersion: v2,
      cause: 'policy_migration',
      changes: [{ step: 'report', before: { dueAt: before.dueAt } }],
    });
    expect((await eventsOf(stack, caseId, 'case')).map((e) => e.type)).toContain('policy_moved');
  });

  it('an extension (延期) is refused when not later, requested with a reason, approved by a supervisor and moves the deadline', async () => {
    const reportDueAt = inMs(3_600_000);
    const { caseId, handle } = await openCase(stack, caseInput({ reportDueAt }));
    const earlier = await handle
      .executeUpdate(requestExtensionUpdate, {
        args: [{ procedureId: 'rectification-1', step: 'report', newDueAt: inMs(60_000), reason: '设备到货延迟', actor: OFFICER_ACTOR }],
      })
      .then(
        () => null,
        (err: unknown) => (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure ? err.cause : null),
      );
    expect(earlier?.type).toBe('InvalidInput');
    expect(earlier?.details?.[0]).toEqual([expect.objectContaining({ path: ['newDueAt'] })]);

    const newDueAt = new Date(Date.parse(reportDueAt) + 2 * 86_400_000).toISOString();
    const requested = await handle.executeUpdate(requestExtensionUpdate, {
      args: [{ procedureId: 'rectification-1', step: 'report', newDueAt, reason: '设备到货延迟', actor: OFFICER_ACTOR }],
    });
    const approval = requested.approvals.find((a) => a.kind === 'extension')!;
    expect(approval.data).toMatchObject({ step: 'report', currentDueAt: reportDueAt, newDueAt });
    await handle.executeUpdate(decideApprovalUpdate, {
      args: [{ approvalId: approval.approvalId, decision: 'approved', reason: '同意延期', actor: SUPERVISOR_ACTOR }],
    });

    const extended = await eventually(
      () => procedureHandle(stack, caseId, 'rectification-1').query(procedureStateQuery),
      (p) => p.deadlines[0]?.dueAt === newDueAt,
      20_000,
      'the deadline moved',
    );
    expect(extended.deadlines[0]!.explanation).toContain('延期');
    const ev = (await eventsOf(stack, caseId, 'rectification-1')).find((e) => e.type === 'deadline_extended')!;
    expect(ev.data).toMatchObject({
      step: 'report',
      approvalId: approval.approvalId,
      before: { dueAt: reportDueAt },
      after: { dueAt: newDueAt },
    });
    const [decided] = await stack.db.query('SELECT status, decided_by FROM case_approvals WHERE case_id = $1 AND id = $2', [
      caseId,
      approval.approvalId,
    ]);
    expect(decided).toEqual({ status: 'approved', decided_by: SUPERVISOR_ACTOR.id });
    expect((await notificationsOf(stack, caseId)).map((n) => n.kind)).toEqual(
      expect.arrayContaining(['approval_requested', 'approval_decided']),
    );
    expect(new Date((await procedureRow(stack, caseId, 'rectification-1'))!['due_at'] as Date).toISOString()).toBe(newDueAt);

    recordHistory(procedureWorkflowId(caseId, 'rectification-1'), 'procedure-rectification-extension');
    recordHistory(caseWorkflowId(caseId), 'case-rectification-extension');
  });

  it('refuses a second extension request while the first awaits its decision, and a start the links do not allow, in English with the right article', async () => {
    const reportDueAt = inMs(3_600_000);
    const { handle } = await openCase(stack, caseInput({ reportDueAt }));
    const newDueAt = new Date(Date.parse(reportDueAt) + 86_400_000).toISOString();
    const refusalOf = (update: Promise<unknown>) =>
      update.then(
        () => null,
        (err: unknown) => (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure ? err.cause : null),
      );
    const ask = () =>
      handle.executeUpdate(requestExtensionUpdate, {
        args: [{ procedureId: 'rectification-1', step: 'report', newDueAt, reason: '设备到货延迟', actor: OFFICER_ACTOR }],
      });
    const pending = (await ask()).approvals.find((a) => a.kind === 'extension')!;
    const second = await refusalOf(ask());
    expect(second?.type).toBe(APPROVAL_PENDING);
    expect(second?.message).toBe(`an extension request for rectification-1 already awaits a decision (${pending.approvalId})`);
    // rectification-1 runs: a second rectification may not start.
    const start = await refusalOf(
      handle.executeUpdate(startProcedureUpdate, {
        args: [{ procedure: 'rectification', input: {}, reason: '再次整改', actor: OFFICER_ACTOR }],
      }),
    );
    expect(start?.type).toBe(PROCEDURE_NOT_STARTABLE);
    expect(start?.message).toBe('rectification cannot be started by an officer on this case now');
  });
});
