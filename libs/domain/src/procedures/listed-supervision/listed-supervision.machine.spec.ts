import { ZodError } from 'zod';
import type { Actor } from '../../actor/actor';
import { allowedActionsFor } from '../machines';
import { ActionJurisdictionNotAllowedError, InvalidProcedureInputError } from '../procedure-machine';
import { doc, head, inspector, Journey, officer, refusal, roleRefusal, supervisor, types } from '../testing/procedure-test-kit';
import { listedSupervisionMachine as m } from './listed-supervision.machine';

const T0 = '2026-03-02T09:00:00+08:00';
const provinceSupervisor: Actor = { id: 'supervisor-140000', role: 'supervisor', jurisdiction: '140000' };
const propose = { hazard: '液氨储罐区重大事故隐患', reason: '逾期未整改' };
const notice = { noticeNo: '晋应急督〔2026〕1号', rectificationDueAt: '2026-06-30', attachments: [doc('挂牌督办通知书.pdf')] };
const fiveInPlace = {
  responsibility: { person: '王总', position: '主要负责人', duties: '全面负责' },
  measures: '更换储罐安全阀',
  funds: { amountYuan: 500000, source: '企业自筹' },
  deadline: '2026-06-15',
  emergencyPlan: '液氨泄漏专项应急预案',
};
const plan = { fiveInPlace, attachments: [doc('治理方案.pdf')] };
const progress = { summary: '已完成 50%', percentComplete: 50, attachments: [doc('进展报告.pdf')] };
const complete = { summary: '整改完成', resumeProductionApplication: true, attachments: [doc('验收申请.pdf')] };
const review = { result: 'passed', inspector, findings: '整改到位', attachments: [doc('审查记录.pdf')] };

function untilNotice(level = 'city'): Journey {
  const j = Journey.start(m, { caseJurisdiction: '140105', reason: 'listing rung' }, T0);
  j.act('propose', propose, T0);
  j.act('set_level', { level }, T0, supervisor);
  j.act('issue_notice', notice, T0, head);
  return j;
}

describe('listed supervision machine (挂牌督办)', () => {
  it('walks propose → level → notice → plan (五落实) → recurring progress → complete → review → delist by the level’s supervisor', () => {
    const j = Journey.start(m, { caseJurisdiction: '140105' }, T0);
    expect(allowedActionsFor(j.state, 'officer')).toEqual(['propose']);
    j.act('propose', propose, T0);
    expect(allowedActionsFor(j.state, 'supervisor')).toEqual(['set_level', 'conclude_escalated']);
    const level = j.act('set_level', { level: 'city' }, T0, supervisor);
    expect(level.state.data).toMatchObject({ level: 'city', delistingJurisdiction: '140100' });
    const n = j.act('issue_notice', notice, T0, head);
    expect(n.arm).toEqual([
      { step: 'submit_plan', start: T0, basis: 'the listing notice was served' },
      { step: 'progress_report', start: T0, basis: 'the listing notice was served' },
      {
        step: 'rectification_complete',
        start: T0,
        explicitDueAt: '2026-06-30T16:00:00.000Z',
        basis: 'the deadline the listing notice states',
      },
    ]);
    expect(j.act('submit_plan', plan, '2026-03-10T09:00:00+08:00').state).toMatchObject({
      step: 'progress_report',
      data: { plan: fiveInPlace },
    });
    const p1 = j.act('progress_report', progress, '2026-04-01T09:00:00+08:00');
    expect(p1.arm).toEqual([{ step: 'progress_report', start: '2026-04-01T09:00:00+08:00', basis: 'progress report 1 was received' }]);
    const p2 = j.act('progress_report', progress, '2026-05-01T09:00:00+08:00');
    expect(p2.arm[0]!.basis).toBe('progress report 2 was received');
    expect(p2.state.step).toBe('progress_report');
    const c = j.act('rectification_complete', complete, '2026-06-10T09:00:00+08:00');
    expect(c.disarm).toEqual(['progress_report', 'rectification_complete']);
    expect(c.arm).toEqual([
      { step: 'on_site_review', start: '2026-06-10T09:00:00+08:00', basis: 'the application to resume production was received' },
    ]);
    j.act('on_site_review', review, '2026-06-15T09:00:00+08:00');
    expect(j.state.step).toBe('delist');
    const wrongPlace = { ...supervisor, jurisdiction: '140000' };
    expect(() => j.act('delist', { summary: '销号' }, '2026-06-16T09:00:00+08:00', wrongPlace)).toThrow(ActionJurisdictionNotAllowedError);
    const done = j.act('delist', { summary: '销号' }, '2026-06-16T09:00:00+08:00', supervisor);
    expect(done.state).toMatchObject({ status: 'completed', outcome: 'delisted' });
    expect(done.requests).toEqual([{ kind: 'completed', outcome: 'delisted' }]);
  });

  it('requires all of the five in place (五落实) and the enterprise’s document', () => {
    const j = untilNotice();
    for (const key of Object.keys(fiveInPlace)) {
      const partial: Record<string, unknown> = { ...fiveInPlace };
      delete partial[key];
      expect(() => j.act('submit_plan', { ...plan, fiveInPlace: partial }, '2026-03-10T09:00:00+08:00')).toThrow(ZodError);
    }
    expect(() => j.act('submit_plan', { fiveInPlace, attachments: [] }, '2026-03-10T09:00:00+08:00')).toThrow(ZodError);
  });

  it('sends a failed review back to progress reports with a new deadline', () => {
    const j = untilNotice();
    j.act('submit_plan', plan, '2026-03-10T09:00:00+08:00');
    j.act('rectification_complete', complete, '2026-06-10T09:00:00+08:00');
    expect(() =>
      j.act('on_site_review', { ...review, result: 'failed', newRectificationDueAt: '2026-06-01' }, '2026-06-15T09:00:00+08:00'),
    ).toThrow(InvalidProcedureInputError);
    const f = j.act('on_site_review', { ...review, result: 'failed', newRectificationDueAt: '2026-07-31' }, '2026-06-15T09:00:00+08:00');
    expect(f.state).toMatchObject({ step: 'progress_report', data: { reviewFailures: 1 } });
    expect(f.arm.map((a) => a.step)).toEqual(['progress_report', 'rectification_complete']);
  });

  it('changes the level only through an approval, moving who may delist', () => {
    const j = untilNotice('county');
    expect(j.state.data['delistingJurisdiction']).toBe('140105');
    const r = j.act('request_level_change', { level: 'province', reason: '涉及跨市' }, T0, supervisor);
    expect(r.requests).toEqual([
      {
        kind: 'approval',
        approval: 'listing_level',
        approverRole: 'supervisor',
        summary: '涉及跨市',
        data: { procedureId: 'listed_supervision-1', from: 'county', to: 'province', approverJurisdiction: '140000' },
      },
    ]);
    expect(allowedActionsFor(j.state, 'supervisor')).not.toContain('request_level_change');
    expect(j.decide('listing_level', 'approved', '同意', T0, provinceSupervisor).state.data).toMatchObject({
      level: 'province',
      delistingJurisdiction: '140000',
      pendingLevel: null,
    });
    j.act('request_level_change', { level: 'national', reason: '升级' }, T0, supervisor);
    const refused = j.decide('listing_level', 'returned', '不予调整', T0, provinceSupervisor);
    expect(types(refused)).toEqual(['listing_level_change_refused']);
    expect(refused.state.data).toMatchObject({ level: 'province', pendingLevel: null });
    expect(() => j.decide('listing_level', 'approved', null, T0)).toThrow(/awaits no "listing_level" approval/);
    expect(() => j.act('request_level_change', { level: 'province', reason: 'x' }, T0, supervisor)).toThrow(/already at province/);
  });

  it('refuses wrong steps and roles', () => {
    const j = Journey.start(m, { caseJurisdiction: '140105' }, T0);
    expect(refusal(() => j.act('set_level', { level: 'city' }, T0, supervisor)).details).toEqual({
      action: 'set_level',
      currentStep: 'propose',
      allowedActions: ['conclude_escalated'],
    });
    j.act('propose', propose, T0);
    expect(roleRefusal(() => j.act('set_level', { level: 'city' }, T0, officer)).roles).toEqual(['supervisor']);
    j.act('set_level', { level: 'city' }, T0, supervisor);
    expect(roleRefusal(() => j.act('issue_notice', notice, T0, supervisor)).roles).toEqual(['agency_head']);
    expect(() => Journey.start(m, { caseJurisdiction: '140100' }, T0).act('propose', { ...propose, proposedLevel: 'county' }, T0)).toThrow(
      InvalidProcedureInputError,
    );
  });

  it('makes each deadline passing an event: plan, progress report (and the next report re-arms it), completion, review', () => {
    const j = untilNotice();
    expect(types(j.pass('submit_plan', '2026-03-18T00:00:00+08:00'))).toEqual(['deadline_passed']);
    expect(j.act('submit_plan', plan, '2026-03-20T09:00:00+08:00').events[0]!.data['late']).toBe(true);
    expect(types(j.pass('progress_report', '2026-04-02T00:00:00+08:00'))).toEqual(['deadline_passed']);
    expect(j.state.data['overdue']).toEqual(['progress_report']);
    const late = j.act('progress_report', progress, '2026-04-05T09:00:00+08:00');
    expect(late.events[0]!.data['late']).toBe(true);
    expect(late.state.data['overdue']).toEqual([]);
    expect(types(j.pass('rectification_complete', '2026-07-01T00:00:00+08:00'))).toEqual(['deadline_passed']);
    j.act('rectification_complete', complete, '2026-07-05T09:00:00+08:00');
    expect(types(j.pass('on_site_review', '2026-07-16T00:00:00+08:00'))).toEqual(['deadline_passed']);
    expect(j.pass('on_site_review', '2026-07-16T00:00:01+08:00').events).toEqual([]);
  });

  it('a supervisor sets a level at their own level or below; a higher one is asked for (request_level_change)', () => {
    const proposed = () => {
      const j = Journey.start(m, { caseJurisdiction: '140105' }, T0);
      j.act('propose', propose, T0);
      return j;
    };
    const county: Actor = { id: 'supervisor-140105', role: 'supervisor', jurisdiction: '140105' };
    for (const [who, level] of [
      [county, 'city'],
      [county, 'national'],
      [supervisor, 'province'],
    ] as const) {
      expect(() => proposed().act('set_level', { level }, T0, who)).toThrow(ActionJurisdictionNotAllowedError);
    }
    expect(proposed().act('set_level', { level: 'county' }, T0, county).state.data).toMatchObject({ delistingJurisdiction: '140105' });
    expect(proposed().act('set_level', { level: 'county' }, T0, supervisor).state.data).toMatchObject({ delistingJurisdiction: '140105' });
    expect(proposed().act('set_level', { level: 'province' }, T0, provinceSupervisor).state.data).toMatchObject({
      delistingJurisdiction: '140000',
    });
  });

  it('lets a supervisor end the listing as escalated', () => {
    const j = untilNotice();
    const out = j.act('conclude_escalated', { escalation: 'coercive', reason: '拒不整改' }, T0, supervisor);
    expect(out.state.outcome).toBe('escalated');
    expect(out.disarm.sort()).toEqual(['progress_report', 'rectification_complete', 'submit_plan']);
  });
});
