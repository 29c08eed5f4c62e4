import { ZodError } from 'zod';
import { allowedActionsFor } from '../machines';
import type { Outcome } from '../procedure-machine';
import { doc, head, Journey, officer, officer2, refusal, roleRefusal, types } from '../testing/procedure-test-kit';
import { criminalTransferMachine as m } from './criminal-transfer.machine';

// A timeline in March 2026 (Asia/Shanghai); the instants only need to be ordered, the periods are the shell's.
const at = (day: number, hour = 9) => `2026-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+08:00`;
const penalty = { decisionNo: '晋应急罚〔2026〕7号', summary: '责令停产停业整顿', decidedAt: at(1) };
const start = { offence: '危险作业罪', facts: '关闭安全监控设备', pauseAdministrative: true, penaltiesDecided: [penalty] };
const team = [
  { id: officer.id, name: '李执法' },
  { id: officer2.id, name: '赵执法' },
];
const report = { team, summary: '涉嫌危险作业罪，建议移送', attachments: [doc('书面报告.pdf')] };
const handOver = { policeAgency: '太原市公安局小店分局', handedOverAt: at(4, 10), attachments: [doc('移送书.pdf')] };
const notice = (day: number) => ({ receivedAt: at(day), attachments: [doc('通知书.pdf')] });
const notFiled = { decision: 'not_filed', decidedAt: at(8), grounds: 'no_crime_facts', reason: '没有犯罪事实' };
const supervision = {
  procuratorate: '小店区人民检察院',
  requestedAt: at(11),
  reason: '不服不立案决定',
  attachments: [doc('立案监督建议书.pdf')],
};

/** Flagged → report → approved → handed over → accepted: the police's filing clock runs. */
function accepted(input: Record<string, unknown> = start): Journey {
  const j = Journey.start(m, input, at(2));
  j.act('submit_written_report', report, at(2, 10));
  j.decide('transfer', 'approved', '同意移送', at(3), head);
  j.act('hand_over', handOver, at(4, 11));
  j.act('record_police_acceptance', { acceptedAt: at(4, 12) }, at(4, 13));
  return j;
}

/** …the police refused and the agency received the notice: both branches are open. */
function refusedWithNotice(): Journey {
  const j = accepted();
  j.act('record_filing_decision', { ...notFiled, notice: notice(9) }, at(9, 10));
  return j;
}

const arms = (o: Outcome) => o.arm.map((a) => [a.step, a.start]);

describe('criminal transfer machine (行刑衔接)', () => {
  it('flags, reports (≥2 officers), asks the agency head, hands over within the 24-hour clock and follows a filed case to its outcome', () => {
    const j = Journey.start(m, start, at(2));
    expect(j.state).toMatchObject({ step: 'written_report', data: { penalties: [penalty], paused: false } });
    expect(types(j.last)).toEqual(['suspicion_flagged']);
    const r = j.act('submit_written_report', { ...report, receivedByHeadAt: at(2, 11) }, at(2, 12));
    expect(r.state.step).toBe('head_decision');
    expect(arms(r)).toEqual([['head_decision', at(2, 11)]]); // 3 days from the head receiving the report
    expect(r.requests).toEqual([
      {
        kind: 'approval',
        approval: 'transfer',
        approverRole: 'agency_head',
        summary: report.summary,
        data: { procedureId: 'criminal_transfer-1', offence: '危险作业罪', team, receivedByHeadAt: at(2, 11) },
      },
    ]);
    expect(allowedActionsFor(j.state, 'officer')).toEqual([]);

    const approved = j.decide('transfer', 'approved', '同意移送', at(3), head);
    expect(approved.state.step).toBe('hand_over');
    expect(approved.disarm).toEqual(['head_decision']);
    expect(arms(approved)).toEqual([['hand_over', at(3)]]); // 24 hours from the approval
    expect(approved.requests).toEqual([{ kind: 'pause_administrative' }]);

    const h = j.act('hand_over', handOver, at(4, 11));
    expect(h.state).toMatchObject({ step: 'police_accept', data: { policeAgency: handOver.policeAgency } });
    const acc = j.act('record_police_acceptance', { acceptedAt: at(4, 12) }, at(4, 13));
    expect(arms(acc)).toEqual([
      ['police_filing_decision', at(4, 12)],
      ['police_materials_notice', at(4, 12)],
    ]);
    const decided = j.act('record_filing_decision', { decision: 'filed', decidedAt: at(6), notice: notice(7) }, at(7, 10));
    expect(decided.state.step).toBe('hand_over_property');
    expect(types(decided)).toEqual(['filing_decided', 'decision_notice_received', 'case_filed']);
    expect(decided.disarm).toEqual(expect.arrayContaining(['police_filing_decision', 'police_materials_notice']));
    expect(arms(decided)).toEqual([['hand_over_property', at(7)]]); // 3 days from receiving the filing notice
    j.act('record_property_hand_over', { handedOverAt: at(8), inventory: '监控主机一台' }, at(8, 10));
    expect(allowedActionsFor(j.state, 'officer')).toEqual(['record_outcome']);
    const done = j.act('record_outcome', { summary: '已提起公诉', followUp: '职业禁入' }, at(30));
    expect(done.state).toMatchObject({ status: 'completed', outcome: 'filed', data: { filedVia: 'police', paused: false } });
    expect(done.requests).toEqual([{ kind: 'resume_administrative' }, { kind: 'completed', outcome: 'filed' }]);
  });

  it('starts at flag_suspicion when a link started it, and flags the offence there (adding penalties decided)', () => {
    const j = Journey.start(m, { pauseAdministrative: true }, at(2));
    expect(j.state.step).toBe('flag_suspicion');
    expect(() => Journey.start(m, { offence: '危险作业罪' }, at(2))).toThrow(ZodError);
    expect(refusal(() => j.act('submit_written_report', report, at(2))).allowedActions).toEqual(['flag_suspicion']);
    const f = j.act('flag_suspicion', { offence: '重大责任事故罪', facts: '违章指挥', penaltiesDecided: [penalty] }, at(2, 10));
    expect(f.state).toMatchObject({ step: 'written_report', data: { offence: '重大责任事故罪', penalties: [penalty] } });
    expect(types(f)).toEqual(['suspicion_flagged']);
  });

  it('requires a team of two or more and a reasoned refusal by the head; a refusal ends the transfer', () => {
    const j = Journey.start(m, { ...start, pauseAdministrative: false }, at(2));
    expect(() => j.act('submit_written_report', { ...report, team: [team[0]] }, at(2, 10))).toThrow(ZodError);
    j.act('submit_written_report', report, at(2, 10));
    expect(() => j.decide('transfer', 'returned', null, at(3), head)).toThrow(/reason/);
    const no = j.decide('transfer', 'returned', '情节显著轻微', at(3), head);
    expect(no.state).toMatchObject({ status: 'completed', outcome: 'not_transferred' });
    expect(no.events[0]).toMatchObject({ type: 'transfer_refused', reason: '情节显著轻微' });
    expect(no.requests).toEqual([{ kind: 'completed', outcome: 'not_transferred' }]); // never paused, so nothing to resume
    expect(no.disarm).toEqual(['head_decision']);
  });

  it('does not pause the administrative track when the pinned links say not to', () => {
    const j = Journey.start(m, { ...start, pauseAdministrative: false }, at(2));
    j.act('submit_written_report', report, at(2, 10));
    expect(j.decide('transfer', 'approved', null, at(3), head).requests).toEqual([]);
  });

  it('records a forward to the competent police (24 hours from their receipt) and acceptance there', () => {
    const j = Journey.start(m, start, at(2));
    j.act('submit_written_report', report, at(2, 10));
    j.decide('transfer', 'approved', null, at(3), head);
    j.act('hand_over', handOver, at(4, 11));
    const out = j.act('record_outside_jurisdiction', { receivedAt: at(4, 10), note: '属铁路公安管辖' }, at(4, 12));
    expect(arms(out)).toEqual([['police_forward', at(4, 10)]]);
    expect(types(j.pass('police_forward', at(5, 10)))).toEqual(['deadline_passed']);
    const fwd = j.act(
      'record_police_forward',
      { forwardedTo: '太原铁路公安处', forwardedAt: at(5, 15), attachments: [doc('告知书.pdf')] },
      at(5, 16),
    );
    expect(fwd.state).toMatchObject({ step: 'police_accept', data: { policeAgency: '太原铁路公安处' } });
    expect(fwd.events[0]!.data).toMatchObject({ from: handOver.policeAgency, late: true });
    expect(j.act('record_police_acceptance', { acceptedAt: at(6) }, at(6, 10)).state.step).toBe('police_filing_decision');
  });

  it('handles incomplete materials: notice (24-hour window) → supplement within 3 days; no refusal for missing materials', () => {
    const j = accepted();
    expect(allowedActionsFor(j.state, 'officer')).toEqual(['record_filing_extension', 'record_materials_notice', 'record_filing_decision']);
    const n = j.act('record_materials_notice', { notifiedAt: at(5, 9), missing: '检验鉴定意见' }, at(5, 10));
    expect(n.events[0]!.data['late']).toBe(false);
    expect(n.disarm).toEqual(['police_materials_notice']);
    expect(arms(n)).toEqual([['agency_supplement', at(5, 9)]]);
    expect(allowedActionsFor(j.state, 'officer')).toEqual(['record_filing_extension', 'record_supplement', 'record_filing_decision']);
    expect(types(j.pass('agency_supplement', at(8, 9)))).toEqual(['deadline_passed']);
    const s = j.act(
      'record_supplement',
      { supplementedAt: at(8, 10), summary: '补充鉴定意见', attachments: [doc('鉴定意见.pdf')] },
      at(8, 11),
    );
    expect(s.events[0]!.data['late']).toBe(true);
    expect(s.state.data['overdue']).toEqual([]);
    expect(() => j.act('record_filing_decision', { ...notFiled, grounds: 'missing_materials' }, at(9))).toThrow(
      /may not refuse.*missing materials/,
    );
  });

  it('closes the materials window after 24 hours without anyone being overdue; a later notice is flagged late', () => {
    const j = accepted();
    const closed = j.pass('police_materials_notice', at(5, 12));
    expect(closed.events).toMatchObject([{ type: 'deadline_passed', data: { step: 'police_materials_notice', windowClosed: true } }]);
    expect(closed.disarm).toEqual(['police_materials_notice']);
    expect(closed.state.data['overdue']).toEqual([]);
    expect(j.act('record_materials_notice', { notifiedAt: at(6), missing: '现场照片' }, at(6, 10)).events[0]!.data['late']).toBe(true);
  });

  it('extends the filing decision to 7 days (leads) and then 30 days (complex, recording the county-level approver), counted from acceptance', () => {
    const j = accepted();
    expect(types(j.pass('police_filing_decision', at(8)))).toEqual(['deadline_passed']);
    const leads = j.act('record_filing_extension', { tier: 'leads', decidedAt: at(6) }, at(6, 10));
    expect(types(j.pass('police_filing_decision_leads', at(12)))).toEqual(['deadline_passed']);
    expect(j.state.data['overdue']).toEqual(['police_filing_decision_leads']);
    expect(leads.state.step).toBe('police_filing_decision_leads');
    expect(leads.disarm).toEqual(['police_filing_decision']);
    expect(arms(leads)).toEqual([['police_filing_decision_leads', at(4, 12)]]);
    expect(leads.state.data['overdue']).toEqual([]); // the 3-day deadline gave way to the 7-day one
    expect(() => j.act('record_filing_extension', { tier: 'complex', decidedAt: at(9) }, at(9, 10))).toThrow(ZodError);
    const approval = { approverName: '刘局长', approverPosition: '县公安局局长', level: 'county' };
    expect(() =>
      j.act('record_filing_extension', { tier: 'complex', decidedAt: at(9), approval: { ...approval, level: 'township' } }, at(9)),
    ).toThrow(ZodError);
    const complex = j.act('record_filing_extension', { tier: 'complex', decidedAt: at(9), approval }, at(9, 10));
    expect(complex.state).toMatchObject({ step: 'police_filing_decision_complex', data: { tier: 'complex', complexApproval: approval } });
    expect(arms(complex)).toEqual([['police_filing_decision_complex', at(4, 12)]]);
    expect(refusal(() => j.act('record_filing_extension', { tier: 'leads', decidedAt: at(9) }, at(9, 11))).currentStep).toBe(
      'police_filing_decision_complex',
    );
    expect(types(j.pass('police_filing_decision_complex', at(30)))).toEqual(['deadline_passed']);
    const decided = j.act('record_filing_decision', { decision: 'filed', decidedAt: at(30, 10) }, at(30, 11));
    expect(decided.events[0]!.data).toMatchObject({ tier: 'complex', late: true });
    expect(arms(decided)).toEqual([['police_notify_decision', at(30, 10)]]);
  });

  it('refusal branch 1: reconsideration (3 + 3 days) upheld → procuratorate supervision (mandatory) → explanation (7 days) → filing notice (15 days) → filed', () => {
    const j = accepted();
    const d = j.act('record_filing_decision', notFiled, at(8, 10));
    expect(d.state.step).toBe('police_notify_decision');
    expect(types(j.pass('police_notify_decision', at(11, 10)))).toEqual(['deadline_passed']);
    const n = j.act('record_decision_notice', notice(12), at(12, 10));
    expect(n.state.step).toBe('reconsideration_request');
    expect(arms(n)).toEqual([
      ['reconsideration_request', at(12)],
      ['direct_supervision_request', at(12)],
    ]);
    expect(allowedActionsFor(j.state, 'officer')).toEqual(['request_reconsideration', 'request_supervision', 'accept_refusal']);
    const rr = j.act(
      'request_reconsideration',
      { requestedAt: at(13), receivedByPoliceAt: at(13, 15), reason: '事实清楚', attachments: [doc()] },
      at(13, 16),
    );
    expect(rr.disarm).toEqual(['reconsideration_request', 'direct_supervision_request']);
    expect(arms(rr)).toEqual([['reconsideration_decision', at(13, 15)]]);
    expect(types(j.pass('reconsideration_decision', at(17)))).toEqual(['deadline_passed']);
    const up = j.act(
      'record_reconsideration_decision',
      { decision: 'refusal_upheld', decidedAt: at(17, 10), receivedAt: at(18), reason: '维持', attachments: [doc()] },
      at(18, 10),
    );
    expect(up.state.step).toBe('supervision_request');
    expect(arms(up)).toEqual([['supervision_request', at(18)]]);
    expect(allowedActionsFor(j.state, 'officer')).toEqual(['request_supervision', 'accept_refusal']);
    expect(types(j.pass('supervision_request', at(22)))).toEqual(['deadline_passed']);
    const sup = j.act('request_supervision', { ...supervision, requestedAt: at(22, 10) }, at(22, 11));
    expect(sup.state).toMatchObject({ step: 'procuratorate_review', data: { branch: 'reconsideration' } });
    expect(sup.events[0]!.data).toMatchObject({ direct: false, late: true });
    const ex = j.act(
      'record_procuratorate_action',
      { action: 'request_explanation', receivedByPoliceAt: at(24), summary: '要求说明理由' },
      at(24, 10),
    );
    expect(arms(ex)).toEqual([['police_explain_refusal', at(24)]]);
    expect(types(j.pass('police_explain_refusal', at(31, 23)))).toEqual(['deadline_passed']);
    expect(j.act('record_police_explanation', { explainedAt: at(31, 23), summary: '理由' }, at(31, 23)).state.step).toBe(
      'procuratorate_review',
    );
    const fn = j.act(
      'record_procuratorate_action',
      { action: 'notify_filing', receivedByPoliceAt: at(31, 23), summary: '通知立案' },
      at(31, 23),
    );
    expect(arms(fn)).toEqual([['police_file_after_notice', at(31, 23)]]);
    expect(types(j.pass('police_file_after_notice', at(31, 23)))).toEqual(['deadline_passed']);
    const filed = j.act(
      'record_filed_after_notice',
      { filedAt: at(31, 23), noticeReceivedAt: at(31, 23), attachments: [doc('立案决定书.pdf')] },
      at(31, 23),
    );
    expect(filed.state).toMatchObject({ step: 'hand_over_property', data: { filedVia: 'procuratorate', decision: 'filed' } });
    expect(arms(filed)).toEqual([['hand_over_property', at(31, 23)]]);
  });

  it('refusal branch 2: straight to the procuratorate within 3 days; a justified refusal returns the case to the administrative track with its penalties in force', () => {
    const j = refusedWithNotice();
    const sup = j.act('request_supervision', supervision, at(11, 10));
    expect(sup.state).toMatchObject({ step: 'procuratorate_review', data: { branch: 'direct' } });
    expect(sup.disarm).toEqual(['reconsideration_request', 'direct_supervision_request']);
    expect(sup.events[0]!.data).toMatchObject({ direct: true, late: false });
    const back = j.act('record_procuratorate_action', { action: 'refusal_justified', summary: '不立案理由成立' }, at(20));
    expect(back.state).toMatchObject({
      status: 'completed',
      outcome: 'returned_to_administrative',
      data: { penalties: [penalty], paused: false },
    });
    expect(types(back)).toEqual(['procuratorate_acted', 'returned_to_administrative']);
    expect(back.events[1]!.data).toMatchObject({
      penaltiesStayInForce: true,
      penalties: [penalty],
      note: expect.stringMatching(/stay in force/),
    });
    expect(back.requests).toEqual([{ kind: 'resume_administrative' }, { kind: 'completed', outcome: 'returned_to_administrative' }]);
  });

  it('a reconsideration that files leads to the property hand-over; accepting the refusal returns to the administrative track', () => {
    const filedJ = refusedWithNotice();
    filedJ.act('request_reconsideration', { requestedAt: at(10), reason: '事实清楚', attachments: [doc()] }, at(10, 10));
    const f = filedJ.act(
      'record_reconsideration_decision',
      { decision: 'filed', decidedAt: at(12), receivedAt: at(12, 15), reason: '撤销不立案决定', attachments: [doc()] },
      at(12, 16),
    );
    expect(f.state).toMatchObject({ step: 'hand_over_property', data: { filedVia: 'reconsideration' } });
    expect(types(filedJ.pass('hand_over_property', at(16)))).toEqual(['deadline_passed']);

    const back = refusedWithNotice();
    const out = back.act('accept_refusal', { reason: '同意不立案理由' }, at(10));
    expect(out.state.outcome).toBe('returned_to_administrative');
    expect(out.events[0]!.data).toMatchObject({ why: 'the agency did not contest the refusal', penaltiesStayInForce: true });
  });

  it('makes the head-decision, hand-over and both refusal windows passing events', () => {
    const j = Journey.start(m, start, at(2));
    j.act('submit_written_report', report, at(2, 10));
    expect(types(j.pass('head_decision', at(6)))).toEqual(['deadline_passed']);
    expect(j.decide('transfer', 'approved', null, at(6, 10), head).events[0]!.data['late']).toBe(true);
    expect(types(j.pass('hand_over', at(7, 10)))).toEqual(['deadline_passed']);
    expect(j.act('hand_over', { ...handOver, handedOverAt: at(7, 12) }, at(7, 13)).events[0]!.data['late']).toBe(true);

    const r = refusedWithNotice();
    expect(types(r.pass('reconsideration_request', at(13)))).toEqual(['deadline_passed']);
    expect(types(r.pass('direct_supervision_request', at(13)))).toEqual(['deadline_passed']);
    expect(r.state.data['overdue']).toEqual(['reconsideration_request', 'direct_supervision_request']);
    expect(r.act('request_supervision', supervision, at(13, 10)).events[0]!.data['late']).toBe(true);
    expect(types(r.pass('police_file_after_notice', at(30)))).toEqual([]); // not armed: a stale timer is no event
  });

  it('refuses out-of-order steps and roles: only officers record, only the approval decides', () => {
    const j = Journey.start(m, start, at(2));
    expect(refusal(() => j.act('hand_over', handOver, at(3))).details).toEqual({
      action: 'hand_over',
      currentStep: 'written_report',
      allowedActions: ['submit_written_report'],
    });
    expect(roleRefusal(() => j.act('submit_written_report', report, at(2, 10), head)).roles).toEqual(['officer']);
    j.act('submit_written_report', report, at(2, 10));
    expect(() => j.decide('closure', 'approved', null, at(3), head)).toThrow(/awaits no "closure" approval/);
    j.decide('transfer', 'approved', null, at(3), head);
    expect(() => j.decide('transfer', 'approved', null, at(3), head)).toThrow(/awaits no "transfer" approval/);
    expect(() => j.act('hand_over', { ...handOver, handedOverAt: at(5) }, at(4))).toThrow(/handedOverAt/);
  });
});
