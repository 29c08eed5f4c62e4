import { ZodError } from 'zod';
import { allowedActionsFor } from '../machines';
import { InvalidProcedureInputError } from '../procedure-machine';
import { doc, head, inspector, Journey, officer, refusal, roleRefusal, supervisor, types } from '../testing/procedure-test-kit';
import { rectificationMachine as m } from './rectification.machine';

const T0 = '2026-03-02T09:00:00+08:00';
const order = (extra: Record<string, unknown> = {}) => ({ orderKind: 'within_deadline', summary: '限期整改：补设防爆电气', ...extra });
const report = { summary: '已整改', attachments: [doc('整改报告.pdf')] };
const pass = { result: 'passed', inspector, findings: '合格' };
const fail = (due: string) => ({ result: 'failed', inspector, findings: '未整改到位', newReportDueAt: due });

describe('rectification machine (整改)', () => {
  it('issues the order, arms the report deadline (the order’s own date when given) and walks report → re-check → rectified', () => {
    const j = Journey.start(m, order({ reportDueAt: '2026-03-31' }), T0);
    expect(j.state).toMatchObject({ procedureId: 'rectification-1', step: 'report', status: 'active', outcome: null });
    expect(j.last.events[0]).toMatchObject({ type: 'order_issued', before: null, after: 'report' });
    expect(j.last.arm).toEqual([
      { step: 'report', start: T0, explicitDueAt: '2026-03-31T16:00:00.000Z', basis: 'the deadline written on the order' },
    ]);
    expect(allowedActionsFor(j.state, 'officer')).toEqual(['submit_report']);
    expect(allowedActionsFor(j.state, 'supervisor')).toEqual(['conclude_escalated']);

    const r = j.act('submit_report', report, '2026-03-20T10:00:00+08:00');
    expect(r.events[0]).toMatchObject({ type: 'report_submitted', before: 'report', after: 'recheck', data: { late: false } });
    expect(r.disarm).toEqual(['report']);
    expect(r.arm).toEqual([{ step: 'recheck', start: '2026-03-20T10:00:00+08:00', basis: "the enterprise's report was received" }]);

    const done = j.act('record_recheck', pass, '2026-03-25T10:00:00+08:00');
    expect(done.state).toMatchObject({ step: 'completed', status: 'completed', outcome: 'rectified' });
    expect(done.disarm).toEqual(['recheck']);
    expect(done.requests).toEqual([{ kind: 'completed', outcome: 'rectified' }]);
    expect(done.events[0]).toMatchObject({ type: 'recheck_passed', actor: officer, data: { inspector, returnToProductionCheck: false } });
    expect(allowedActionsFor(done.state, 'officer')).toEqual([]);
  });

  it('counts failed re-checks, re-arms the report with the new deadline, and raises the policy’s requests at the thresholds', () => {
    const interview = { kind: 'start_procedure', procedure: 'interview', reason: '整改两次不合格' } as const;
    const j = Journey.start(m, order({ escalations: [{ failures: 2, request: interview }] }), T0);
    j.act('submit_report', report, '2026-03-10T10:00:00+08:00');
    const f1 = j.act('record_recheck', fail('2026-04-15'), '2026-03-12T10:00:00+08:00');
    expect(f1.state).toMatchObject({ step: 'report', data: { failures: 1 } });
    expect(f1.arm).toEqual([
      {
        step: 'report',
        start: '2026-03-12T10:00:00+08:00',
        explicitDueAt: '2026-04-15T16:00:00.000Z',
        basis: 'the new deadline set by the failed re-check',
      },
    ]);
    expect(f1.requests).toEqual([]);
    j.act('submit_report', report, '2026-04-10T10:00:00+08:00');
    const f2 = j.act('record_recheck', fail('2026-05-15'), '2026-04-12T10:00:00+08:00');
    expect(types(f2)).toEqual(['recheck_failed', 'failure_threshold_reached']);
    expect(f2.requests).toEqual([interview]);
    expect(f2.state.data['failures']).toBe(2);
  });

  it('ends a suspension order (停产停业整顿) with the return-to-production check and the head lifting the suspension', () => {
    const j = Journey.start(m, order({ orderKind: 'suspend_for_rectification' }), T0);
    expect(j.act('submit_report', report, '2026-03-10T10:00:00+08:00').events[0]!.type).toBe('resumption_applied');
    const checked = j.act('record_recheck', pass, '2026-03-12T10:00:00+08:00');
    expect(checked.state).toMatchObject({ step: 'lift_suspension', status: 'active' });
    expect(checked.events[0]!.data).toMatchObject({ returnToProductionCheck: true });
    expect(allowedActionsFor(j.state, 'agency_head')).toEqual(['lift_suspension']);
    expect(
      roleRefusal(() => j.act('lift_suspension', { summary: '准予复产', attachments: [doc()] }, '2026-03-13T10:00:00+08:00', officer))
        .roles,
    ).toEqual(['agency_head']);
    const lifted = j.act('lift_suspension', { summary: '准予复产', attachments: [doc('复产决定.pdf')] }, '2026-03-13T10:00:00+08:00', head);
    expect(lifted.state).toMatchObject({ status: 'completed', outcome: 'rectified' });
    expect(types(lifted)).toEqual(['suspension_lifted']);
  });

  it('refuses an action of another step with the current step and what is allowed, and a wrong role', () => {
    const j = Journey.start(m, order(), T0);
    const e = refusal(() => j.act('record_recheck', pass, '2026-03-05T00:00:00+08:00'));
    expect(e.details).toEqual({ action: 'record_recheck', currentStep: 'report', allowedActions: ['submit_report'] });
    expect(roleRefusal(() => j.act('submit_report', report, '2026-03-05T00:00:00+08:00', supervisor)).role).toBe('supervisor');
    expect(
      roleRefusal(() => j.act('conclude_escalated', { escalation: 'penalty', reason: 'x' }, '2026-03-05T00:00:00+08:00', officer)).action,
    ).toBe('conclude_escalated');
  });

  it('validates inputs: the enterprise document is required, a failed re-check needs a deadline ahead', () => {
    const j = Journey.start(m, order(), T0);
    expect(() => j.act('submit_report', { summary: 'x', attachments: [] }, '2026-03-05T00:00:00+08:00')).toThrow(ZodError);
    expect(() => j.act('submit_report', { ...report, extra: 1 }, '2026-03-05T00:00:00+08:00')).toThrow(ZodError);
    j.act('submit_report', report, '2026-03-05T00:00:00+08:00');
    expect(() => j.act('record_recheck', { result: 'failed', inspector, findings: 'x' }, '2026-03-06T00:00:00+08:00')).toThrow(ZodError);
    expect(() => j.act('record_recheck', fail('2026-03-01'), '2026-03-06T00:00:00+08:00')).toThrow(InvalidProcedureInputError);
    expect(() => Journey.start(m, order({ reportDueAt: '2026-03-01' }), T0)).toThrow(InvalidProcedureInputError);
  });

  it('makes the report deadline passing an event, starts the re-check clock, and lets the officer re-check without a report', () => {
    const j = Journey.start(m, order(), T0);
    const passed = j.pass('report', '2026-04-02T00:00:00+08:00');
    expect(passed.events).toMatchObject([
      { type: 'deadline_passed', actor: null, data: { step: 'report' }, before: 'report', after: 'report' },
    ]);
    expect(passed.arm).toEqual([
      { step: 'recheck', start: '2026-04-02T00:00:00+08:00', basis: "the order's deadline passed without a report" },
    ]);
    expect(passed.state.data['overdue']).toEqual(['report']);
    expect(allowedActionsFor(j.state, 'officer')).toEqual(['submit_report', 'record_recheck']);
    // a second firing of the same timer is not a second event
    expect(j.pass('report', '2026-04-02T00:00:01+08:00').events).toEqual([]);
    const late = j.act('submit_report', report, '2026-04-03T00:00:00+08:00');
    expect(late.events[0]!.data['late']).toBe(true);
    expect(late.arm).toEqual([]); // the re-check clock already runs from the deadline
    expect(late.state.data['overdue']).toEqual([]);
  });

  it('makes the re-check deadline passing an event, and a re-check recorded afterwards is late', () => {
    const j = Journey.start(m, order(), T0);
    j.act('submit_report', report, '2026-03-05T00:00:00+08:00');
    expect(types(j.pass('recheck', '2026-03-16T00:00:00+08:00'))).toEqual(['deadline_passed']);
    expect(j.act('record_recheck', pass, '2026-03-17T00:00:00+08:00').events[0]!.data['late']).toBe(true);
  });

  it('lets a supervisor end the order as escalated, dropping its deadlines', () => {
    const j = Journey.start(m, order(), T0);
    const out = j.act(
      'conclude_escalated',
      { escalation: 'listing', reason: '逾期未整改，提请挂牌督办' },
      '2026-04-05T00:00:00+08:00',
      supervisor,
    );
    expect(out.state).toMatchObject({ status: 'completed', outcome: 'escalated' });
    expect(out.disarm).toEqual(['report']);
    expect(out.events[0]).toMatchObject({ type: 'rectification_escalated', reason: '逾期未整改，提请挂牌督办' });
  });

  it('requests no approvals', () => {
    const j = Journey.start(m, order(), T0);
    expect(() => j.decide('closure', 'approved', null, T0)).toThrow(/awaits no "closure" approval/);
  });
});
