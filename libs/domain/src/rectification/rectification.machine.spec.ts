import type { Actor } from '../actor/actor';
import type { ArmedDeadline } from '../case/deadline-basis';
import {
  ActionNotAllowedError,
  allowedActions,
  deadlinePassed,
  issueOrder,
  rearmDeadline,
  recordVerification,
  submitReport,
} from './rectification.machine';

const officer: Actor = { id: 'u-1', role: 'officer', jurisdiction: '140105' };
const due = (step: string, dueAt: string): ArmedDeadline => ({
  step,
  start: '2026-02-01T01:00:00.000Z',
  dueAt,
  origin: 'policy',
  policyVersion: 1,
  calendarId: 'CN',
  calendarVersion: 1,
  explanation: 'test',
  reminders: [],
  escalations: [],
  outsideKnownYears: false,
});
const inspector = { id: 'u-2', name: '王检查' };

describe('rectification machine', () => {
  const opened = issueOrder('c-1', due('report', '2026-03-01T00:00:00+08:00'), officer, '2026-02-01T09:00:00+08:00', 'within_deadline');

  it('walks report → re-check → rectified', () => {
    expect(allowedActions(opened.state)).toEqual(['submitReport']);
    const reported = submitReport(
      opened.state,
      { summary: 'done', attachments: [] },
      officer,
      '2026-02-20T10:00:00+08:00',
      due('recheck', '2026-03-03T00:00:00+08:00'),
    );
    expect(reported.state.step).toBe('awaiting_recheck');
    expect(reported.state.deadline?.step).toBe('recheck');
    const passed = recordVerification(
      reported.state,
      { result: 'passed', inspector, findings: 'ok' },
      officer,
      '2026-02-25T10:00:00+08:00',
      null,
    );
    expect(passed.state.step).toBe('closed');
    expect(passed.state.deadline).toBeNull();
    expect(allowedActions(passed.state)).toEqual([]);
    expect(passed.events[0]).toMatchObject({ type: 'verification_passed', before: 'awaiting_recheck', after: 'closed' });
  });

  it('counts a failed re-check and re-arms the report deadline', () => {
    const reported = submitReport(
      opened.state,
      { summary: 'done', attachments: [] },
      officer,
      '2026-02-20T10:00:00+08:00',
      due('recheck', '2026-03-03T00:00:00+08:00'),
    );
    const failed = recordVerification(
      reported.state,
      { result: 'failed', inspector, findings: 'not fixed', newReportDueAt: '2026-04-01T00:00:00+08:00' },
      officer,
      '2026-02-25T10:00:00+08:00',
      due('report', '2026-04-01T00:00:00+08:00'),
    );
    expect(failed.state).toMatchObject({ step: 'awaiting_report', failures: 1 });
    expect(failed.state.deadline?.dueAt).toBe('2026-04-01T00:00:00+08:00');
  });

  it('refuses an action the step does not allow, naming the step and what is allowed', () => {
    try {
      recordVerification(opened.state, { result: 'passed', inspector, findings: 'x' }, officer, '2026-02-02T00:00:00Z', null);
      throw new Error('expected a refusal');
    } catch (e) {
      expect(e).toBeInstanceOf(ActionNotAllowedError);
      expect((e as ActionNotAllowedError).currentStep).toBe('awaiting_report');
      expect((e as ActionNotAllowedError).allowedActions).toEqual(['submitReport']);
    }
  });

  it('records a missed deadline once and keeps the step', () => {
    const missed = deadlinePassed(opened.state, opened.state.deadline!, '2026-03-01T00:00:00+08:00');
    expect(missed.state).toMatchObject({ step: 'awaiting_report', overdue: true });
    expect(missed.events.map((e) => e.type)).toEqual(['deadline_missed']);
    expect(deadlinePassed(missed.state, opened.state.deadline!, '2026-03-01T00:00:01+08:00').events).toEqual([]);
    const late = submitReport(
      missed.state,
      { summary: 'late', attachments: [] },
      officer,
      '2026-03-05T00:00:00+08:00',
      due('recheck', '2026-03-16T00:00:00+08:00'),
    );
    expect(late.state.overdue).toBe(false);
    expect(late.events[0]!.data['late']).toBe(true);
  });

  it('drops a missed-deadline transition whose deadline is no longer armed (timer fired while an action was queued)', () => {
    const reportDeadline = opened.state.deadline!;
    // The report arrived just before the deadline; the timer's transition runs after it.
    const reported = submitReport(
      opened.state,
      { summary: 'done', attachments: [] },
      officer,
      '2026-02-28T23:59:00+08:00',
      due('recheck', '2026-03-16T00:00:00+08:00'),
    );
    expect(reported.events[0]!.data['late']).toBe(false);
    const late = deadlinePassed(reported.state, reportDeadline, '2026-03-01T00:00:00+08:00');
    expect(late.events).toEqual([]);
    expect(late.state).toBe(reported.state);
    expect(late.state.overdue).toBe(false);

    // A report recorded after the instant, before the timer's transition ran, is late by itself.
    const afterDue = submitReport(
      opened.state,
      { summary: 'done', attachments: [] },
      officer,
      '2026-03-01T00:00:01+08:00',
      due('recheck', '2026-03-16T00:00:00+08:00'),
    );
    expect(afterDue.events[0]!.data['late']).toBe(true);
    expect(deadlinePassed(afterDue.state, reportDeadline, '2026-03-01T00:00:02+08:00').events).toEqual([]);

    // Same step, new deadline (a re-arm): the old timer's firing is dropped as well.
    const rearmed = rearmDeadline(
      opened.state,
      due('report', '2026-03-10T00:00:00+08:00'),
      officer,
      '2026-02-20T00:00:00+08:00',
      'policy v2',
      'policy_migration',
    );
    expect(deadlinePassed(rearmed.state, reportDeadline, '2026-03-01T00:00:00+08:00').events).toEqual([]);
    // …while the deadline it armed is marked missed when its own timer fires.
    const missed = deadlinePassed(rearmed.state, rearmed.state.deadline!, '2026-03-10T00:00:00+08:00');
    expect(missed.state.overdue).toBe(true);
    expect(missed.events[0]!.data['deadline']).toEqual(rearmed.state.deadline);
  });

  it('re-arms the deadline under a new policy, recording before and after, and clears overdue when it now lies ahead', () => {
    const missed = deadlinePassed(opened.state, opened.state.deadline!, '2026-03-01T00:00:00+08:00');
    const moved = rearmDeadline(
      missed.state,
      due('report', '2026-03-10T00:00:00+08:00'),
      officer,
      '2026-03-02T00:00:00+08:00',
      'policy v2',
      'policy_migration',
    );
    expect(moved.state).toMatchObject({ step: 'awaiting_report', overdue: false });
    expect(moved.events[0]).toMatchObject({ type: 'deadline_rearmed', reason: 'policy v2', data: { cause: 'policy_migration' } });
    expect((moved.events[0]!.data['before'] as { dueAt: string }).dueAt).toBe('2026-03-01T00:00:00+08:00');
    const stillLate = rearmDeadline(
      missed.state,
      due('report', '2026-03-01T12:00:00+08:00'),
      officer,
      '2026-03-02T00:00:00+08:00',
      'calendar fix',
      'calendar_change',
    );
    expect(stillLate.state.overdue).toBe(true);
  });
});
