/**
 * Procedure catalog: the six procedures of procedures.md §2 with their ordered steps, and for the
 * transfer to criminal justice the statutory steps of procedures.md §3. Step ids are stable: workflows,
 * cases and policy rules store them.
 *
 * A step is `timed` when someone owes an act by a deadline; every timed step must resolve to a policy rule
 * for every sector (seeds/policies/default-rules.ts). Steps an officer does at once as part of another act
 * (recording, proposing) are untimed; stalled untimed steps show up in the supervisor's "no progress for N
 * days" view instead.
 */
import { checkProcedureCatalog, Procedure, ProcedureInput } from '@anjian/domain/src/catalog/procedure';

const listedSupervision: ProcedureInput = {
  id: 'listed_supervision',
  nameZh: '挂牌督办',
  nameEn: 'Listed supervision',
  endsIn: 'delisted (销号 / 销案), or escalated',
  steps: [
    {
      id: 'propose',
      nameZh: '提出挂牌督办建议（含提请挂牌）',
      nameEn: 'Propose listing (incl. a request to list)',
      actorRole: 'officer',
      timed: false,
    },
    {
      id: 'set_level',
      nameZh: '确定督办层级（国家/省/市/县）',
      nameEn: 'Set the supervision level (national/province/city/county)',
      actorRole: 'supervisor',
      timed: false,
      note: '按照省级负总责、市县抓落实的原则分类确定督办层级 [002]; no mapping rules in the seeds (domain.md §9).',
    },
    {
      id: 'issue_notice',
      nameZh: '下达挂牌督办通知书',
      nameEn: 'Issue the listing notice (挂牌督办通知书)',
      actorRole: 'agency_head',
      timed: false,
    },
    {
      id: 'submit_plan',
      nameZh: '报送治理方案（责任、措施、资金、期限、应急预案“五落实”）',
      nameEn: 'Enterprise submits its rectification plan (the "five in place")',
      actorRole: 'enterprise',
      timed: true,
      clockStartsAt: 'the listing notice is served on the enterprise',
    },
    {
      id: 'progress_report',
      nameZh: '定期报告治理进展',
      nameEn: 'Periodic progress report',
      actorRole: 'enterprise',
      timed: true,
      clockStartsAt: 'the listing notice is served, then each accepted progress report (recurring until rectification is complete)',
    },
    {
      id: 'rectification_complete',
      nameZh: '完成整改并申请验收（停产停业治理的，提出恢复生产申请）',
      nameEn: 'Rectification completed and review requested (application to resume production if suspended)',
      actorRole: 'enterprise',
      timed: true,
      caseDeadline: true,
      clockStartsAt: 'the listing notice is served (the notice states the rectification deadline; the policy gives the default)',
    },
    {
      id: 'on_site_review',
      nameZh: '现场审查 / 整改效果评价（复产验收）',
      nameEn: 'On-site review / evaluation of the rectification (return-to-production check)',
      actorRole: 'officer',
      timed: true,
      clockStartsAt: "the enterprise's application for review or for resuming production (恢复生产申请) is received",
    },
    { id: 'delist', nameZh: '销号（摘牌）', nameEn: 'Delist', actorRole: 'supervisor', timed: false },
  ],
};

const interview: ProcedureInput = {
  id: 'interview',
  nameZh: '约谈',
  nameEn: 'Interview',
  endsIn: 'resolved, or escalated (通报 / 曝光 / 问责)',
  steps: [
    { id: 'record_trigger', nameZh: '记录约谈事由', nameEn: 'Record the trigger', actorRole: 'officer', timed: false },
    {
      id: 'issue_notice',
      nameZh: '下达约谈通知书',
      nameEn: 'Issue the interview notice (约谈通知书)',
      actorRole: 'agency_head',
      timed: false,
    },
    {
      id: 'hold_interview',
      nameZh: '召开约谈（参加人员、约谈纪要、承诺事项）',
      nameEn: 'Hold the interview (attendees, minutes 约谈纪要, commitments)',
      actorRole: 'officer',
      timed: true,
      clockStartsAt: 'the interview notice is issued',
    },
    {
      id: 'written_report',
      nameZh: '被约谈方书面报告整改落实情况',
      nameEn: 'Written implementation report from the interviewed party',
      actorRole: 'enterprise',
      timed: true,
      clockStartsAt: 'the interview is held',
    },
    {
      id: 'follow_up',
      nameZh: '回头看',
      nameEn: 'Follow-up check',
      actorRole: 'officer',
      timed: true,
      clockStartsAt: 'the written report is received, or its deadline passes',
    },
    { id: 'conclude', nameZh: '办结或升级（通报 / 曝光 / 问责）', nameEn: 'Conclude or escalate', actorRole: 'supervisor', timed: false },
  ],
};

const rectification: ProcedureInput = {
  id: 'rectification',
  nameZh: '整改',
  nameEn: 'Rectification order',
  endsIn: 'rectified, or escalated (penalty, suspension, closure request, transfer)',
  steps: [
    {
      id: 'issue_order',
      nameZh: '下达整改指令（立即整改 / 限期整改 / 责令改正 / 停产停业整顿 …）',
      nameEn: 'Issue the order (immediate / with a deadline / correction / suspension …)',
      actorRole: 'officer',
      timed: false,
    },
    {
      id: 'report',
      nameZh: '企业整改并报告（停产停业整顿的，提出复产申请）',
      nameEn: 'Enterprise rectifies and reports (applies to resume production if suspended)',
      actorRole: 'enterprise',
      timed: true,
      caseDeadline: true,
      clockStartsAt: 'the order is served on the enterprise (the order states the deadline; the policy gives the default)',
    },
    {
      id: 'recheck',
      nameZh: '复查（停产停业整顿的，复产验收）',
      nameEn: 'Re-check (return-to-production check if suspended)',
      actorRole: 'officer',
      timed: true,
      clockStartsAt: "the order's deadline passes or the enterprise's report / application is received, whichever comes first",
    },
    {
      id: 'record_result',
      nameZh: '记录复查结论（合格，或不合格并重新限期，累计次数）',
      nameEn: 'Record the result (pass, or fail with a new deadline; failures are counted)',
      actorRole: 'officer',
      timed: false,
    },
    {
      id: 'lift_suspension',
      nameZh: '解除停产停业整顿（准予复产）',
      nameEn: 'Lift the suspension (allow production to resume)',
      actorRole: 'agency_head',
      timed: false,
      optional: true,
    },
  ],
};

const verification: ProcedureInput = {
  id: 'verification',
  nameZh: '验收 / 复查',
  nameEn: 'Verification',
  endsIn: 'passed / failed',
  steps: [
    {
      id: 'request',
      nameZh: '提出验收申请或整改期限届满',
      nameEn: 'Application received or deadline reached',
      actorRole: 'system',
      timed: false,
    },
    { id: 'schedule_check', nameZh: '安排现场核查', nameEn: 'Schedule the on-site check', actorRole: 'supervisor', timed: false },
    {
      id: 'on_site_check',
      nameZh: '现场核查',
      nameEn: 'On-site check',
      actorRole: 'officer',
      timed: true,
      clockStartsAt: 'the application is received or the rectification deadline passes',
    },
    {
      id: 'record_result',
      nameZh: '记录结论并由检查人签名（谁检查、谁签名、谁负责）',
      nameEn: 'Record the result, signed by the inspector',
      actorRole: 'officer',
      timed: false,
    },
  ],
};

const closure: ProcedureInput = {
  id: 'closure',
  nameZh: '销号 / 结案',
  nameEn: 'Closure',
  endsIn: 'closed',
  steps: [
    {
      id: 'propose',
      nameZh: '提出销号（附验收记录）',
      nameEn: 'Propose closure with the verification record',
      actorRole: 'officer',
      timed: false,
    },
    {
      id: 'approve',
      nameZh: '审批（同意或退回）',
      nameEn: 'Approve or return',
      actorRole: 'supervisor',
      timed: true,
      clockStartsAt: 'the closure proposal with its verification record is submitted',
    },
    { id: 'archive', nameZh: '归档', nameEn: 'Archive', actorRole: 'system', timed: false },
  ],
};

const criminalTransfer: ProcedureInput = {
  id: 'criminal_transfer',
  nameZh: '行刑衔接',
  nameEn: 'Transfer to criminal justice',
  endsIn: 'filed and followed, or back to the administrative track',
  steps: [
    {
      id: 'flag_suspicion',
      nameZh: '发现涉嫌犯罪（标注罪名，如危险作业罪、重大责任事故罪）',
      nameEn: 'Flag the suspected offence',
      actorRole: 'officer',
      timed: false,
    },
    {
      id: 'written_report',
      nameZh: '专案组（2名以上执法人员）提出移送涉嫌犯罪案件的书面报告',
      nameEn: 'Team of two or more officers writes the transfer report',
      actorRole: 'officer',
      timed: false,
      note: '310号 art. 5 says 立即 (at once) for forming the team and gives no period for the report.',
    },
    {
      id: 'head_decision',
      nameZh: '正职负责人（或主持工作的负责人）审批是否移送',
      nameEn: 'Agency head decides whether to transfer',
      actorRole: 'agency_head',
      timed: true,
      clockStartsAt: 'the agency head receives the written report',
      note: 'A refusal must record its reason (required field, no time limit).',
    },
    {
      id: 'hand_over',
      nameZh: '向同级公安机关移送（附移送书、调查报告、涉案物品清单、检验鉴定、其他材料）',
      nameEn: 'Hand the case over to public security',
      actorRole: 'officer',
      timed: true,
      clockStartsAt: 'the agency head approves the transfer',
    },
    {
      id: 'police_forward',
      nameZh: '公安机关转送有管辖权的机关并书面告知',
      nameEn: 'Police forward a case outside their jurisdiction, with written notice to the agency',
      actorRole: 'police',
      timed: true,
      optional: true,
      clockStartsAt: 'the police receive a case outside their jurisdiction',
    },
    {
      id: 'police_materials_notice',
      nameZh: '公安机关通知补充材料',
      nameEn: 'Police notify incomplete materials',
      actorRole: 'police',
      timed: true,
      optional: true,
      clockStartsAt: 'the police accept the case',
      note: 'The police may not refuse the case for missing materials.',
    },
    {
      id: 'agency_supplement',
      nameZh: '行政执法机关补充材料',
      nameEn: 'Agency supplements the materials',
      actorRole: 'officer',
      timed: true,
      optional: true,
      clockStartsAt: "the agency receives the police's notice of incomplete materials",
    },
    {
      id: 'police_filing_decision',
      nameZh: '公安机关决定是否立案',
      nameEn: 'Police decide whether to file the case',
      actorRole: 'police',
      timed: true,
      clockStartsAt: 'the police accept the case',
    },
    {
      id: 'police_filing_decision_leads',
      nameZh: '公安机关决定是否立案（线索需要查证）',
      nameEn: 'Police decide whether to file (leads need checking)',
      actorRole: 'police',
      timed: true,
      clockStartsAt: 'the police accept the case',
      alternativeTo: 'police_filing_decision',
      condition: 'the leads need checking',
    },
    {
      id: 'police_filing_decision_complex',
      nameZh: '公安机关决定是否立案（重大、疑难、复杂案件）',
      nameEn: 'Police decide whether to file (major, difficult or complex case)',
      actorRole: 'police',
      timed: true,
      clockStartsAt: 'the police accept the case',
      alternativeTo: 'police_filing_decision',
      condition: 'major, difficult or complex case, approved by a police head at county level or above',
      note: 'A complexity tier, not a hazard grade: modelled as an alternative step, not as a grade rule.',
    },
    {
      id: 'police_notify_decision',
      nameZh: '公安机关书面通知立案或不予立案决定（抄送检察院）',
      nameEn: 'Police notify their decision in writing (copy to the procuratorate)',
      actorRole: 'police',
      timed: true,
      clockStartsAt: 'the police decide on filing',
    },
    {
      id: 'hand_over_property',
      nameZh: '立案后移交涉案物品及有关材料',
      nameEn: 'Agency hands over case property and materials after filing',
      actorRole: 'officer',
      timed: true,
      optional: true,
      clockStartsAt: 'the agency receives the filing notice',
    },
    {
      id: 'reconsideration_request',
      nameZh: '提请公安机关复议',
      nameEn: 'Agency asks the police to reconsider a refusal',
      actorRole: 'officer',
      timed: true,
      optional: true,
      clockStartsAt: 'the agency receives the refusal-to-file notice',
      note: '可以 (optional): the agency may instead go straight to the procuratorate (direct_supervision_request).',
    },
    {
      id: 'direct_supervision_request',
      nameZh: '直接建议人民检察院立案监督',
      nameEn: 'Agency asks the procuratorate directly for filing supervision',
      actorRole: 'officer',
      timed: true,
      clockStartsAt: 'the agency receives the refusal-to-file notice',
      alternativeTo: 'reconsideration_request',
      condition: 'the agency chooses the procuratorate instead of reconsideration',
    },
    {
      id: 'reconsideration_decision',
      nameZh: '公安机关作出复议决定',
      nameEn: 'Police decide on reconsideration',
      actorRole: 'police',
      timed: true,
      optional: true,
      clockStartsAt: 'the police receive the reconsideration request',
    },
    {
      id: 'supervision_request',
      nameZh: '提请人民检察院立案监督',
      nameEn: 'Agency asks the procuratorate for filing supervision after a refused reconsideration',
      actorRole: 'officer',
      timed: true,
      optional: true,
      clockStartsAt: 'the agency receives the reconsideration decision upholding the refusal',
      note: '应当 (mandatory) if the agency still disagrees.',
    },
    {
      id: 'procuratorate_review',
      nameZh: '人民检察院立案监督审查',
      nameEn: 'Procuratorate reviews the request (立案监督)',
      actorRole: 'procuratorate',
      timed: false,
      optional: true,
    },
    {
      id: 'police_explain_refusal',
      nameZh: '公安机关说明不立案理由',
      nameEn: 'Police explain their refusal to the procuratorate',
      actorRole: 'police',
      timed: true,
      optional: true,
      clockStartsAt: "the police receive the procuratorate's request to explain the refusal",
    },
    {
      id: 'police_file_after_notice',
      nameZh: '公安机关根据通知立案',
      nameEn: "Police file the case after the procuratorate's filing notice",
      actorRole: 'police',
      timed: true,
      optional: true,
      clockStartsAt: "the police receive the procuratorate's filing notice",
    },
    {
      id: 'record_outcome',
      nameZh: '记录刑事处理结果（含职业禁入等后续措施）',
      nameEn: 'Record the criminal outcome (incl. follow-up such as occupational bans)',
      actorRole: 'officer',
      timed: false,
    },
  ],
};

export const procedures: readonly Procedure[] = [listedSupervision, interview, rectification, verification, closure, criminalTransfer].map(
  (p) => Procedure.parse(p),
);

const catalogIssues = checkProcedureCatalog(procedures);
if (catalogIssues.length > 0) {
  throw new Error(`procedure catalog is invalid:\n${catalogIssues.map((i) => i.message).join('\n')}`);
}
