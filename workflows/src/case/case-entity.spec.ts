import type { CaseWorkflowInput, ProcedureReport, ProcedureSnapshot } from '@anjian/contracts';
import { CaseEntity, rungKey } from './case-entity';

const input = {
  caseId: 'c0ffee00-0000-4000-8000-000000000001',
  actor: { id: 'officer@140105', role: 'officer', jurisdiction: '140105' },
  openedAt: '2026-12-02T00:00:00.000Z',
  facts: {
    title: 't',
    description: '',
    source: 'inspection',
    sector: 'industry_trade',
    jurisdiction: '140105',
    hazardGrade: 'major',
    enterprise: { name: 'e', creditCode: '91350100M000100Y43' },
  },
  initialProcedure: { procedure: 'rectification', input: {} },
  links: { version: 'test', pauseAdministrativeDuringTransfer: true, failureThresholds: [], links: [] },
  policyVersion: null,
} as CaseWorkflowInput;

function snapshot(procedureId: string, over: Partial<ProcedureSnapshot> = {}): ProcedureSnapshot {
  return {
    caseId: input.caseId,
    procedureId,
    procedure: 'rectification',
    step: 'report',
    status: 'active',
    suspended: false,
    suspension: null,
    outcome: null,
    deadlines: [],
    allowedActions: [],
    actionsByRole: {},
    data: {},
    workflowId: `case-${input.caseId}--${procedureId}`,
    policyVersion: 7,
    assigneeId: 'officer@140105',
    seq: 1,
    ...over,
  };
}

const report = (procedureId: string, n: number, over: Partial<ProcedureSnapshot> = {}): ProcedureReport => ({
  reportId: `${procedureId}#${n}`,
  procedureId,
  n,
  kind: n === 1 ? 'started' : 'progress',
  at: '2026-12-02T01:00:00.000Z',
  snapshot: snapshot(procedureId, over),
  requests: [],
});

describe('the case entity (state of the case workflow)', () => {
  it('numbers procedure instances per procedure and approvals per case', () => {
    const e = CaseEntity.of(input);
    expect([e.nextProcedureId('rectification'), e.nextProcedureId('interview'), e.nextProcedureId('rectification')]).toEqual([
      'rectification-1',
      'interview-1',
      'rectification-2',
    ]);
    expect([e.nextApprovalId(), e.nextApprovalId()]).toEqual(['approval-1', 'approval-2']);
  });

  it('ignores a report already applied, pins the policy version from the first report that has one', () => {
    const e = CaseEntity.of(input);
    expect(e.receive(report('rectification-1', 1))).toBe(true);
    expect(e.receive(report('rectification-1', 2, { step: 'recheck' }))).toBe(true);
    expect(e.receive(report('rectification-1', 2, { step: 'report' }))).toBe(false);
    expect(e.receive(report('rectification-1', 1, { step: 'report' }))).toBe(false);
    expect(e.procedure('rectification-1')!.step).toBe('recheck');
    expect(e.policyVersion).toBe(7);
  });

  it('is finished only when nothing runs, nothing is starting and no approval waits', () => {
    const e = CaseEntity.of(input);
    e.status = 'open';
    e.starting.set('rectification-1', 'rectification');
    expect(e.finished()).toBe(false);
    e.receive(report('rectification-1', 1));
    expect(e.finished()).toBe(false);
    e.receive(report('rectification-1', 2, { status: 'completed', outcome: 'rectified' }));
    expect(e.finished()).toBe(true);
    e.addApproval({
      approvalId: 'approval-1',
      procedureId: null,
      kind: 'closure',
      approverRole: 'supervisor',
      summary: 's',
      data: {},
      requestedBy: null,
      requestedAt: input.openedAt,
    });
    expect(e.finished()).toBe(false);
  });

  it('gives a supervisor the next rung not yet fired nor taken, and carries everything over continue-as-new', () => {
    const e = CaseEntity.of(input);
    const dueAt = '2026-12-03T00:00:00.000Z';
    const deadline = {
      step: 'report',
      start: input.openedAt,
      dueAt,
      origin: 'policy' as const,
      policyVersion: 7,
      calendarId: 'CN',
      calendarVersion: 1,
      explanation: '',
      reminders: [],
      escalations: [
        { action: 'letter', at: '2026-12-04T00:00:00.000Z' },
        { action: 'interview', at: '2026-12-05T00:00:00.000Z' },
      ],
      outsideKnownYears: false,
      overdue: true,
      remindersFired: 0,
      escalationsFired: 1,
      remainingMs: null,
    };
    e.receive(report('rectification-1', 1, { deadlines: [deadline] }));
    expect(e.nextRung('rectification-1')).toEqual({ step: 'report', dueAt, rung: 2, action: 'interview' });
    e.takenRungs.add(rungKey('rectification-1', 'report', dueAt, 2));
    expect(e.nextRung('rectification-1')).toBeNull();

    const next = CaseEntity.of({ ...input, carried: e.carry() });
    expect(next.snapshot()).toEqual(e.snapshot());
    expect(next.receive(report('rectification-1', 1))).toBe(false);
    expect(next.nextRung('rectification-1')).toBeNull();
    expect(next.nextProcedureId('rectification')).toBe('rectification-1'); // counters start where they were (none taken here)
  });
});
