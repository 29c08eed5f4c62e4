import { ZodError } from 'zod';
import { allowedActionsFor } from '../machines';
import { doc, inspector, Journey, officer, refusal, roleRefusal, supervisor, types } from '../testing/procedure-test-kit';
import { closureMachine as m } from './closure.machine';

const T0 = '2026-05-04T09:00:00+08:00';
const proposal = {
  summary: '隐患已整改验收合格，申请销号',
  verification: {
    procedureId: 'verification-1',
    result: 'passed',
    inspector,
    checkedAt: '2026-05-03T10:00:00+08:00',
    summary: '现场核查合格',
  },
  attachments: [doc('验收记录.pdf')],
};

describe('closure machine (销号 / 结案)', () => {
  it('proposes with the verification record, asks the supervisor and archives on approval', () => {
    const j = Journey.start(m, {}, T0);
    expect(j.state.step).toBe('propose');
    expect(allowedActionsFor(j.state, 'officer')).toEqual(['propose']);
    const p = j.act('propose', proposal, T0);
    expect(p.state).toMatchObject({ step: 'approve', data: { awaitingRole: 'supervisor' } });
    expect(p.arm).toEqual([{ step: 'approve', start: T0, basis: 'the closure proposal with its verification record was submitted' }]);
    expect(p.requests).toEqual([
      {
        kind: 'approval',
        approval: 'closure',
        approverRole: 'supervisor',
        summary: proposal.summary,
        data: { procedureId: 'closure-1', verification: proposal.verification },
      },
    ]);
    expect(allowedActionsFor(j.state, 'officer')).toEqual([]);
    const ok = j.decide('closure', 'approved', null, '2026-05-05T09:00:00+08:00');
    expect(ok.state).toMatchObject({ step: 'completed', status: 'completed', outcome: 'archived', data: { awaitingRole: null } });
    expect(ok.disarm).toEqual(['approve']);
    expect(ok.requests).toEqual([{ kind: 'completed', outcome: 'archived' }]);
    expect(ok.events[0]).toMatchObject({ type: 'closure_approved', actor: supervisor, before: 'approve', after: 'completed' });
  });

  it('goes back to propose when the supervisor returns it (reason required), and can be proposed again', () => {
    const j = Journey.start(m, {}, T0);
    j.act('propose', proposal, T0);
    expect(() => j.decide('closure', 'returned', '  ', '2026-05-05T09:00:00+08:00')).toThrow(/needs a reason/);
    const back = j.decide('closure', 'returned', '验收记录缺签名', '2026-05-05T09:00:00+08:00');
    expect(back.state).toMatchObject({ step: 'propose', status: 'active', data: { returns: 1 } });
    expect(back.disarm).toEqual(['approve']);
    expect(back.events[0]).toMatchObject({ type: 'closure_returned', reason: '验收记录缺签名' });
    expect(j.act('propose', proposal, '2026-05-06T09:00:00+08:00').state.step).toBe('approve');
  });

  it('refuses a second proposal while one awaits approval, an officer deciding is not an action, and a viewer proposing', () => {
    const j = Journey.start(m, {}, T0);
    expect(roleRefusal(() => j.act('propose', proposal, T0, { ...officer, role: 'viewer' })).roles).toEqual(['officer']);
    j.act('propose', proposal, T0);
    expect(refusal(() => j.act('propose', proposal, T0)).details).toEqual({
      action: 'propose',
      currentStep: 'approve',
      allowedActions: [],
    });
    expect(() => j.decide('transfer', 'approved', null, T0)).toThrow(/awaits no "transfer" approval/);
  });

  it('requires a passed verification record', () => {
    const j = Journey.start(m, {}, T0);
    expect(() => j.act('propose', { ...proposal, verification: { ...proposal.verification, result: 'failed' } }, T0)).toThrow(ZodError);
    expect(() => j.act('propose', { ...proposal, attachments: [] }, T0)).toThrow(ZodError);
  });

  it('makes the approval deadline passing an event and marks a later decision late', () => {
    const j = Journey.start(m, {}, T0);
    j.act('propose', proposal, T0);
    expect(types(j.pass('approve', '2026-05-12T00:00:00+08:00'))).toEqual(['deadline_passed']);
    expect(j.state.data['overdue']).toEqual(['approve']);
    expect(j.decide('closure', 'approved', null, '2026-05-13T00:00:00+08:00').events[0]!.data['late']).toBe(true);
  });
});
