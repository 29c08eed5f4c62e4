import { ZodError } from 'zod';
import { allowedActionsFor } from '../machines';
import { doc, head, inspector, Journey, officer, refusal, roleRefusal, supervisor, types } from '../testing/procedure-test-kit';
import { interviewMachine as m } from './interview.machine';

const T0 = '2026-04-01T09:00:00+08:00';
const trigger = {
  reason: '重大事故隐患逾期未整改',
  interviewee: { organisation: '某化工有限公司', person: '王总', position: '主要负责人' },
};
const notice = { scheduledAt: '2026-04-07T09:00:00+08:00', attachments: [doc('约谈通知书.pdf')] };
const held = {
  heldAt: '2026-04-07T09:00:00+08:00',
  attendees: [
    { name: '王总', organisation: '某化工有限公司' },
    { name: '张局长', organisation: '应急管理局' },
  ],
  minutes: '约谈纪要……',
  commitments: ['30日内完成整改'],
  attachments: [doc('约谈纪要.pdf')],
};
const report = { summary: '整改落实情况报告', attachments: [doc('书面报告.pdf')] };
const followUp = { result: 'commitments_kept', inspector, checkedAt: '2026-05-10T10:00:00+08:00', findings: '承诺事项已落实' };

function untilHeld(): Journey {
  const j = Journey.start(m, { reason: 'overdue rung' }, T0);
  j.act('record_trigger', trigger, T0);
  j.act('issue_notice', notice, T0, head);
  j.act('hold_interview', held, '2026-04-07T12:00:00+08:00');
  return j;
}

describe('interview machine (约谈)', () => {
  it('walks trigger → notice (agency head) → interview → written report → follow-up → resolved', () => {
    const j = Journey.start(m, { reason: 'overdue rung' }, T0);
    expect(allowedActionsFor(j.state, 'officer')).toEqual(['record_trigger']);
    j.act('record_trigger', trigger, T0);
    expect(allowedActionsFor(j.state, 'officer')).toEqual([]);
    expect(allowedActionsFor(j.state, 'agency_head')).toEqual(['issue_notice']);
    const n = j.act('issue_notice', notice, T0, head);
    expect(n.arm).toEqual([{ step: 'hold_interview', start: T0, basis: 'the interview notice was issued' }]);
    const h = j.act('hold_interview', held, '2026-04-07T12:00:00+08:00');
    expect(h.disarm).toEqual(['hold_interview']);
    expect(h.arm).toEqual([{ step: 'written_report', start: held.heldAt, basis: 'the interview was held' }]);
    const r = j.act('written_report', report, '2026-04-10T12:00:00+08:00');
    expect(r.arm).toEqual([{ step: 'follow_up', start: '2026-04-10T12:00:00+08:00', basis: 'the written report was received' }]);
    j.act('follow_up', followUp, '2026-05-10T12:00:00+08:00');
    expect(allowedActionsFor(j.state, 'supervisor')).toEqual(['conclude']);
    const done = j.act('conclude', { outcome: 'resolved', reason: '承诺事项已落实' }, '2026-05-11T12:00:00+08:00', supervisor);
    expect(done.state).toMatchObject({ status: 'completed', outcome: 'resolved' });
    expect(done.requests).toEqual([{ kind: 'completed', outcome: 'resolved' }]);
  });

  it('concludes escalated with 通报 / 曝光 / 问责 (required)', () => {
    const j = untilHeld();
    j.act('written_report', report, '2026-04-10T12:00:00+08:00');
    j.act('follow_up', { ...followUp, result: 'commitments_not_kept' }, '2026-05-10T12:00:00+08:00');
    expect(() => j.act('conclude', { outcome: 'escalated', reason: 'x' }, '2026-05-11T00:00:00+08:00', supervisor)).toThrow(ZodError);
    const out = j.act(
      'conclude',
      { outcome: 'escalated', escalation: 'exposure', reason: '承诺未落实' },
      '2026-05-11T00:00:00+08:00',
      supervisor,
    );
    expect(out.state.outcome).toBe('escalated');
    expect(out.events[0]!.data).toMatchObject({ escalation: 'exposure' });
  });

  it('refuses steps out of order and the wrong role', () => {
    const j = Journey.start(m, {}, T0);
    expect(refusal(() => j.act('hold_interview', held, T0)).details).toEqual({
      action: 'hold_interview',
      currentStep: 'record_trigger',
      allowedActions: ['record_trigger'],
    });
    j.act('record_trigger', trigger, T0);
    expect(roleRefusal(() => j.act('issue_notice', notice, T0, officer)).roles).toEqual(['agency_head']);
    j.act('issue_notice', notice, T0, head);
    expect(() => j.act('hold_interview', { ...held, commitments: [] }, '2026-04-07T12:00:00+08:00')).toThrow(ZodError);
    expect(() => j.act('hold_interview', held, '2026-04-06T12:00:00+08:00')).toThrow(/heldAt/);
  });

  it('makes the notice-to-interview deadline passing an event', () => {
    const j = Journey.start(m, {}, T0);
    j.act('record_trigger', trigger, T0);
    j.act('issue_notice', notice, T0, head);
    expect(types(j.pass('hold_interview', '2026-04-09T00:00:00+08:00'))).toEqual(['deadline_passed']);
    expect(
      j.act('hold_interview', { ...held, heldAt: '2026-04-09T09:00:00+08:00' }, '2026-04-09T12:00:00+08:00').events[0]!.data['late'],
    ).toBe(true);
  });

  it('moves on to the follow-up when the written report’s deadline passes, and still records a late report', () => {
    const j = untilHeld();
    const passed = j.pass('written_report', '2026-04-15T00:00:00+08:00');
    expect(passed.events[0]).toMatchObject({ type: 'deadline_passed', before: 'written_report', after: 'follow_up' });
    expect(passed.arm).toEqual([
      { step: 'follow_up', start: '2026-04-15T00:00:00+08:00', basis: 'the written report’s deadline passed without a report' },
    ]);
    expect(allowedActionsFor(j.state, 'officer')).toEqual(['written_report', 'follow_up']);
    const late = j.act('written_report', report, '2026-04-16T00:00:00+08:00');
    expect(late.events[0]!.data['late']).toBe(true);
    expect(late.arm).toEqual([]);
    expect(allowedActionsFor(j.state, 'officer')).toEqual(['follow_up']);
    expect(types(j.pass('follow_up', '2026-05-15T00:00:00+08:00'))).toEqual(['deadline_passed']);
  });
});
