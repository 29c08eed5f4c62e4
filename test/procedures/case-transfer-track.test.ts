import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import {
  caseWorkflowId,
  decideApprovalUpdate,
  escalateUpdate,
  procedureWorkflowId,
  reassignUpdate,
  resumeProcedureUpdate,
  startProcedureUpdate,
} from '@anjian/contracts';
import { recordHistory } from '../support/record-history';
import { startTestStack, type TestStack } from '../support/test-stack';
import {
  act,
  caseInput,
  caseState,
  caseStateWhen,
  DOCUMENT,
  eventsOf,
  HEAD_ACTOR,
  inMs,
  notificationsOf,
  OFFICER_ACTOR,
  openCase,
  procedureIn,
  procedureRow,
  SUPERVISOR_ACTOR,
} from './case-test-kit';

const failureType = (p: Promise<unknown>) =>
  p.then(
    () => 'succeeded',
    (err: unknown) => (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure ? err.cause.type : String(err)),
  );

/** 行刑衔接 pauses the administrative track (pinned links) and a refusal to file resumes it; supervisor updates. */
describe('case workflow: transfer pauses the administrative track; escalate and reassign', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('an approved transfer suspends the other procedures; the refusal to file accepted returns the case to the administrative track', async () => {
    const reportDueAt = inMs(30 * 86_400_000);
    const { caseId, handle } = await openCase(stack, caseInput({ reportDueAt }));

    const started = await handle.executeUpdate(startProcedureUpdate, {
      args: [
        {
          procedure: 'criminal_transfer',
          input: { offence: '危险作业罪', facts: '关闭报警装置冒险作业' },
          reason: '涉嫌犯罪，拟移送',
          actor: OFFICER_ACTOR,
        },
      ],
    });
    expect(started).toMatchObject({ procedureId: 'criminal_transfer-1', workflowId: procedureWorkflowId(caseId, 'criminal_transfer-1') });
    const transfer = 'criminal_transfer-1';
    // The pinned links decide the pause: the start input carries it whatever the officer typed.
    expect(procedureIn(started.case, transfer)).toMatchObject({
      step: 'written_report',
      data: expect.objectContaining({ pauseAdministrative: true }),
    });

    await act(stack, caseId, transfer, 'submit_written_report', {
      team: [
        { id: 'officer@140105', name: '王执法' },
        { id: 'officer2@140105', name: '张执法' },
      ],
      summary: '涉嫌危险作业罪，建议移送公安机关',
      attachments: [DOCUMENT],
    });
    const awaiting = await caseStateWhen(handle, (s) => s.approvals.some((a) => a.kind === 'transfer'), 'the transfer approval pending');
    const approval = awaiting.approvals.find((a) => a.kind === 'transfer')!;
    expect(approval).toMatchObject({ approverRole: 'agency_head', procedureId: transfer });

    const bySupervisor = failureType(
      handle.executeUpdate(decideApprovalUpdate, {
        args: [{ approvalId: approval.approvalId, decision: 'approved', reason: '同意', actor: SUPERVISOR_ACTOR }],
      }),
    );
    expect(await bySupervisor).toBe('RoleNotAllowed');
    await handle.executeUpdate(decideApprovalUpdate, {
      args: [{ approvalId: approval.approvalId, decision: 'approved', reason: '同意移送', actor: HEAD_ACTOR }],
    });

    const paused = await caseStateWhen(
      handle,
      (s) => s.administrativePaused && procedureIn(s, 'rectification-1')!.suspended,
      'the administrative track paused',
    );
    expect(procedureIn(paused, transfer)).toMatchObject({ step: 'hand_over', suspended: false });
    expect((await procedureRow(stack, caseId, 'rectification-1'))!['suspended']).toBe(true);
    // The officer cannot resume what the transfer paused.
    expect(
      await failureType(
        handle.executeUpdate(resumeProcedureUpdate, { args: [{ procedureId: 'rectification-1', reason: '恢复', actor: OFFICER_ACTOR }] }),
      ),
    ).toBe('ProcedureNotSuspended');
    expect(await failureType(act(stack, caseId, 'rectification-1', 'submit_report', { summary: '已整改', attachments: [DOCUMENT] }))).toBe(
      'ProcedureSuspended',
    );

    const past = inMs(-1_000);
    await act(stack, caseId, transfer, 'hand_over', { policeAgency: '太原市公安局小店分局', handedOverAt: past, attachments: [DOCUMENT] });
    await act(stack, caseId, transfer, 'record_police_acceptance', { acceptedAt: past, attachments: [] });
    await act(stack, caseId, transfer, 'record_filing_decision', {
      decision: 'not_filed',
      decidedAt: past,
      grounds: 'no_crime_facts',
      reason: '认为没有犯罪事实',
      notice: { receivedAt: past, attachments: [DOCUMENT] },
    });
    const returned = await act(stack, caseId, transfer, 'accept_refusal', { reason: '不再提请复议，回归行政处理' });
    expect(returned).toMatchObject({ status: 'completed', outcome: 'returned_to_administrative' });

    const resumed = await caseStateWhen(
      handle,
      (s) => !s.administrativePaused && !procedureIn(s, 'rectification-1')!.suspended,
      'the administrative track resumed',
    );
    const rect = procedureIn(resumed, 'rectification-1')!;
    expect(rect.status).toBe('active');
    expect(Date.parse(rect.deadlines[0]!.dueAt)).toBeGreaterThan(Date.parse(reportDueAt)); // the paused time was given back
    const caseEvents = (await eventsOf(stack, caseId, 'case')).map((e) => e.type);
    expect(caseEvents).toEqual(
      expect.arrayContaining([
        'procedure_started',
        'approval_requested',
        'approval_decided',
        'administrative_track_paused',
        'administrative_track_resumed',
      ]),
    );
    const rectEvents = (await eventsOf(stack, caseId, 'rectification-1')).map((e) => e.type);
    expect(rectEvents.filter((t) => t === 'procedure_suspended')).toHaveLength(1);
    expect(rectEvents.filter((t) => t === 'procedure_resumed')).toHaveLength(1);

    recordHistory(caseWorkflowId(caseId), 'case-transfer-pauses-administrative-track');
    recordHistory(procedureWorkflowId(caseId, transfer), 'procedure-transfer-refused-accepted');
  });

  it('one transfer at a time: a second transfer request while one is pending is refused, and an approval cannot start a transfer already running', async () => {
    const { caseId, handle } = await openCase(stack, caseInput({ reportDueAt: inMs(30 * 86_400_000) }));
    const escalate = (reason: string) =>
      handle.executeUpdate(escalateUpdate, {
        args: [{ procedureId: 'rectification-1', action: 'transfer', reason, actor: SUPERVISOR_ACTOR }],
      });
    const first = await escalate('涉嫌危险作业罪');
    const pending = first.approvals.filter((a) => a.kind === 'transfer');
    expect(pending).toHaveLength(1);
    // Asked again while the head has not decided: refused, nothing recorded.
    expect(await failureType(escalate('再次提请移送'))).toBe('ProcedureNotStartable');
    expect((await caseState(handle)).approvals.filter((a) => a.kind === 'transfer')).toHaveLength(1);

    // Meanwhile an officer starts the transfer by hand: approving the pending request would run a second one.
    await handle.executeUpdate(startProcedureUpdate, {
      args: [
        {
          procedure: 'criminal_transfer',
          input: { offence: '危险作业罪', facts: '关闭报警装置冒险作业' },
          reason: '涉嫌犯罪',
          actor: OFFICER_ACTOR,
        },
      ],
    });
    const decide = (decision: 'approved' | 'returned') =>
      handle.executeUpdate(decideApprovalUpdate, {
        args: [{ approvalId: pending[0]!.approvalId, decision, reason: '审批', actor: HEAD_ACTOR }],
      });
    expect(await failureType(decide('approved'))).toBe('ProcedureNotStartable');
    const returned = await decide('returned');
    expect(returned.approvals.filter((a) => a.kind === 'transfer')).toEqual([]);
    expect(returned.procedures.filter((p) => p.procedure === 'criminal_transfer' && p.status === 'active')).toHaveLength(1);
    recordHistory(caseWorkflowId(caseId), 'case-transfer-one-at-a-time');
  });

  it('a supervisor escalates (next rung or a named action) and reassigns; officers may not', async () => {
    const { caseId, handle } = await openCase(stack, caseInput({ reportDueAt: inMs(30 * 86_400_000) }));
    const s0 = await caseState(handle);
    const rungs = procedureIn(s0, 'rectification-1')!.deadlines[0]!.escalations;

    expect(
      await failureType(
        handle.executeUpdate(escalateUpdate, { args: [{ procedureId: 'rectification-1', reason: '逾期风险高', actor: OFFICER_ACTOR }] }),
      ),
    ).toBe('RoleNotAllowed');
    const escalated = await handle.executeUpdate(escalateUpdate, {
      args: [{ procedureId: 'rectification-1', action: 'circular', reason: '通报批评', actor: SUPERVISOR_ACTOR }],
    });
    expect(escalated.escalations).toEqual([
      expect.objectContaining({ procedureId: 'rectification-1', action: 'circular', manual: true, effect: 'notified supervisor' }),
    ]);
    if (rungs.length > 0) {
      const next = await handle.executeUpdate(escalateUpdate, {
        args: [{ procedureId: 'rectification-1', reason: '提前升级', actor: SUPERVISOR_ACTOR }],
      });
      expect(next.escalations[1]).toMatchObject({ action: rungs[0]!.action, rung: 1, manual: true });
    }

    const reassigned = await handle.executeUpdate(reassignUpdate, {
      args: [{ assigneeId: 'officer2@140105', reason: '工作调整', actor: SUPERVISOR_ACTOR }],
    });
    expect(reassigned.assigneeId).toBe('officer2@140105');
    await caseStateWhen(
      handle,
      (s) => procedureIn(s, 'rectification-1')!.assigneeId === 'officer2@140105',
      'the child took the new assignee',
    );
    const [row] = await stack.db.query('SELECT assignee_id FROM cases WHERE id = $1', [caseId]);
    expect(row.assignee_id).toBe('officer2@140105');
    const notes = await notificationsOf(stack, caseId);
    expect(notes.filter((n) => n.kind === 'assigned').map((n) => n.recipient_id)).toEqual(['officer2@140105']);
    expect((await eventsOf(stack, caseId, 'case')).map((e) => e.type)).toEqual(
      expect.arrayContaining(['escalated_manually', 'case_reassigned']),
    );
  });
});
