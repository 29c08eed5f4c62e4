import { ZodError } from 'zod';
import { allowedActionsFor } from '../machines';
import { InvalidProcedureInputError } from '../procedure-machine';
import { doc, Journey, officer, refusal, roleRefusal, supervisor, types } from '../testing/procedure-test-kit';
import { verificationMachine as m } from './verification.machine';

const T0 = '2026-04-01T09:00:00+08:00';
const start = {
  basis: 'application',
  subject: '重大事故隐患整改验收',
  sourceProcedureId: 'rectification-1',
  receivedAt: '2026-04-01T08:00:00+08:00',
};
const team = [
  { id: 'officer-140105', name: '李执法' },
  { id: 'officer2-140105', name: '赵执法' },
];
const result = (signedBy = team[0]) => ({
  result: 'passed',
  signedBy,
  checkedAt: '2026-04-05T10:00:00+08:00',
  findings: '整改到位',
  attachments: [doc('核查记录.pdf')],
});

describe('verification machine (验收 / 复查)', () => {
  it('arms the on-site check from the application, schedules it and records the signed result', () => {
    const j = Journey.start(m, start, T0);
    expect(j.state.step).toBe('schedule_check');
    expect(j.last.arm).toEqual([{ step: 'on_site_check', start: '2026-04-01T08:00:00+08:00', basis: 'the application was received' }]);
    expect(allowedActionsFor(j.state, 'supervisor')).toEqual(['schedule_check']);
    j.act('schedule_check', { scheduledAt: '2026-04-05T09:00:00+08:00', inspectors: team }, T0, supervisor);
    expect(j.state.step).toBe('on_site_check');
    const done = j.act('record_result', result(), '2026-04-05T12:00:00+08:00');
    expect(done.state).toMatchObject({ status: 'completed', outcome: 'passed', data: { signedBy: team[0] } });
    expect(done.disarm).toEqual(['on_site_check']);
    expect(done.events[0]).toMatchObject({ type: 'verification_passed', data: { signedBy: team[0], late: false } });
    expect(done.requests).toEqual([{ kind: 'completed', outcome: 'passed' }]);
  });

  it('ends failed when the check fails', () => {
    const j = Journey.start(m, { ...start, basis: 'deadline_reached' }, T0);
    expect(j.last.arm[0]!.basis).toBe('the rectification deadline was reached');
    j.act('schedule_check', { scheduledAt: '2026-04-05T09:00:00+08:00', inspectors: team }, T0, supervisor);
    expect(j.act('record_result', { ...result(), result: 'failed' }, '2026-04-05T12:00:00+08:00').state.outcome).toBe('failed');
  });

  it('requires the signing inspector (谁检查、谁签名、谁负责), one of those scheduled', () => {
    const j = Journey.start(m, start, T0);
    j.act('schedule_check', { scheduledAt: '2026-04-05T09:00:00+08:00', inspectors: team }, T0, supervisor);
    const { signedBy: _, ...unsigned } = result();
    expect(() => j.act('record_result', unsigned, '2026-04-05T12:00:00+08:00')).toThrow(ZodError);
    expect(() => j.act('record_result', result({ id: 'someone-else', name: '某人' }), '2026-04-05T12:00:00+08:00')).toThrow(
      InvalidProcedureInputError,
    );
    expect(() => j.act('record_result', result(), '2026-04-05T09:00:00+08:00')).toThrow(/checkedAt/);
  });

  it('refuses the result before scheduling, and an officer scheduling', () => {
    const j = Journey.start(m, start, T0);
    expect(refusal(() => j.act('record_result', result(), '2026-04-05T12:00:00+08:00')).details).toEqual({
      action: 'record_result',
      currentStep: 'schedule_check',
      allowedActions: [],
    });
    expect(roleRefusal(() => j.act('schedule_check', { scheduledAt: T0, inspectors: team }, T0, officer)).roles).toEqual(['supervisor']);
  });

  it('makes the on-site check deadline passing an event; the late result says so', () => {
    const j = Journey.start(m, start, T0);
    const passed = j.pass('on_site_check', '2026-04-12T00:00:00+08:00');
    expect(types(passed)).toEqual(['deadline_passed']);
    expect(passed.events[0]!.data).toMatchObject({ step: 'on_site_check', awaitedIn: 'schedule_check' });
    j.act('schedule_check', { scheduledAt: '2026-04-12T09:00:00+08:00', inspectors: team }, '2026-04-12T08:00:00+08:00', supervisor);
    expect(
      j.act('record_result', { ...result(), checkedAt: '2026-04-12T10:00:00+08:00' }, '2026-04-12T12:00:00+08:00').events[0]!.data['late'],
    ).toBe(true);
  });
});
