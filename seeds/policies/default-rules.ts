/**
 * Default deadline policies (policy version shipped with the system).
 *
 * Coverage: every timed step of every procedure has a national rule (sector '*', no jurisdiction, no
 * grade), so every sector resolves. On top of that:
 * - legal periods from procedures.md §3, each with its citation; procedures.md asks to check every
 *   citation against the official text, and the notes say so;
 * - grade variants for rectification.report (立即整改 / 挂账整改, [004·文物]);
 * - sector escalation ladders where the seeds word one (domain.md §3.6), as administrator defaults citing
 *   the seed quote. Rules are whole records, so each sector ladder is repeated for the grade variant it
 *   must survive (resolution ranks grade above sector; see resolve-policy.ts).
 *
 * Everything the seeds are silent on (domain.md §3.7) is an administrator default set by 'system-seed'
 * whose reason says so: placeholders for administrators to review, not findings.
 */
import type { Duration } from '@anjian/deadlines/src/duration';
import type { HazardGrade } from '@anjian/domain/src/hazard-grade';
import type { EscalationAction, EscalationRung } from '@anjian/domain/src/policy/escalation-rung';
import { PolicyRule, PolicyRuleInput } from '@anjian/domain/src/policy/policy-rule';
import type { Provenance } from '@anjian/domain/src/policy/provenance';

const days = (amount: number): Duration => ({ amount, unit: 'calendarDays' });
const workingDays = (amount: number): Duration => ({ amount, unit: 'workingDays' });
const hours = (amount: number): Duration => ({ amount, unit: 'hours' });

const SEED = 'system-seed';

function silent(what: string, extra?: string): Provenance {
  return {
    kind: 'administrator_default',
    setBy: SEED,
    reason: `The seed documents are silent on ${what} (domain.md §3.7); placeholder default for administrators to review.${
      extra ? ` ${extra}` : ''
    }`,
  };
}

const CHECK_TEXT = 'Check the article number and wording against the official text before relying on it (procedures.md §3).';
const BY_ANALOGY =
  'Rest-day roll-over is applied by analogy with 民法典 art. 203 / 民事诉讼法 art. 85: the cited text states no such rule. Natural days: the text does not say 工作日.';
const HOURS_NO_ROLL_OVER =
  'Hour periods run through rest days (no roll-over): a roll-over moves the last *day* of a period; a reviewer should confirm this reading.';
const POLICE_RULES_ROLL_OVER =
  'Rest-day roll-over follows 刑事诉讼法 art. 105 (periods in criminal procedure); check it covers this pre-filing period.';

const TRANSFER_310 = '国务院令第310号《行政执法机关移送涉嫌犯罪案件的规定》(2020修订)';
const TRANSFER_54 = '应急〔2019〕54号《安全生产行政执法与刑事司法衔接工作办法》';
const POLICE_RULES = '《公安机关办理刑事案件程序规定》(2020修正)';

/** Placeholder offsets after the deadline, by rung position; the seeds give no thresholds (domain.md §9). */
const RUNG_OFFSETS_DAYS = [1, 7, 15, 30, 60, 90];

function ladder(actions: readonly EscalationAction[]): EscalationRung[] {
  if (actions.length > RUNG_OFFSETS_DAYS.length) throw new Error('ladder longer than the offset schedule');
  return actions.map((action, i) => ({ action, after: days(RUNG_OFFSETS_DAYS[i]) }));
}

/**
 * domain.md §10: "函告 → 通报 → 约谈 → 曝光 → 挂牌 → 强制措施 → 失信/移送" is a design choice; the national
 * default stops at listing because the later actions are decisions with their own legal basis.
 */
const NATIONAL_RECTIFICATION_LADDER: EscalationAction[] = ['letter', 'circular', 'interview', 'exposure', 'listing'];
const NATIONAL_LADDER_REASON =
  'Ladder order is the design order of domain.md §10 (函告 → 通报 → 约谈 → 曝光 → 挂牌督办); the seeds list these actions without an order or thresholds, so offsets are placeholders.';

/** [003] on listed hazards whose rectification fails; applies to every sector. */
const LISTED_FAILURE_QUOTE =
  '[003] “对整改和督办不力的纳入政府核查问责范围，实行约谈告诫、公开曝光”; [003] “对重大隐患整改不到位的企业依法采取停产停业、停止施工、停止供电和查封扣押等强制措施”';

const RECTIFICATION_DEFAULT_DAYS = 30;
const RECTIFICATION_MAJOR_DAYS = 90;
const LISTED_RECTIFICATION_DAYS = 90;

const national: PolicyRuleInput[] = [
  // ── 挂牌督办 listed supervision ────────────────────────────────────────────────────────────────
  {
    procedure: 'listed_supervision',
    step: 'submit_plan',
    sector: '*',
    duration: days(15),
    reminders: [days(3)],
    escalation: ladder(['letter', 'circular']),
    provenance: silent('when a listed enterprise must submit its rectification plan (domain.md §2.4 SILENT)', NATIONAL_LADDER_REASON),
  },
  {
    procedure: 'listed_supervision',
    step: 'progress_report',
    sector: '*',
    duration: days(30),
    reminders: [days(5)],
    escalation: ladder(['letter']),
    provenance: silent('the dispatch cadence for listed hazards (progress_check_interval, domain.md §10.1 B)'),
  },
  {
    procedure: 'listed_supervision',
    step: 'rectification_complete',
    sector: '*',
    duration: days(LISTED_RECTIFICATION_DAYS),
    reminders: [days(15), days(5)],
    escalation: ladder(['interview', 'exposure', 'coercive']),
    provenance: silent(
      'how long a listing lasts (domain.md §2.4 SILENT); the notice states the real deadline',
      `Ladder from the seed: ${LISTED_FAILURE_QUOTE}.`,
    ),
  },
  {
    procedure: 'listed_supervision',
    step: 'on_site_review',
    sector: '*',
    duration: days(10),
    reminders: [days(3)],
    provenance: {
      kind: 'legal',
      citation: '原国家安全生产监督管理总局令第16号《安全生产事故隐患排查治理暂行规定》第二十三条',
      byAnalogy: true,
      note: `The article covers listed hazards under full or partial suspension (挂牌督办并责令停产停业治理): 10 days from the application to resume production. For a listed hazard without suspension the period is applied by analogy. ${BY_ANALOGY} Check the order is still in force (procedures.md §3). ${CHECK_TEXT}`,
    },
  },

  // ── 约谈 interview ─────────────────────────────────────────────────────────────────────────────
  {
    procedure: 'interview',
    step: 'hold_interview',
    sector: '*',
    duration: days(7),
    reminders: [days(2)],
    provenance: silent('the interview notice lead time (domain.md §2.5 SILENT)'),
  },
  {
    procedure: 'interview',
    step: 'written_report',
    sector: '*',
    duration: workingDays(5),
    reminders: [workingDays(2)],
    escalation: [
      { action: 'circular', after: workingDays(3) },
      { action: 'exposure', after: workingDays(10) },
    ],
    provenance: {
      kind: 'administrator_default',
      setBy: SEED,
      reason:
        'Local example, not national law: Zhangzhou (漳州) asks for a written report within 5 working days after an interview. 安委〔2018〕2号 governs interviews of local governments and central enterprises, not ordinary enterprises; the seeds are silent (domain.md §2.5, §3.7). Ladder: the interview outcomes 通报 / 曝光 (domain.md §2.5); offsets are placeholders.',
    },
  },
  {
    procedure: 'interview',
    step: 'follow_up',
    sector: '*',
    duration: days(30),
    reminders: [days(5)],
    provenance: silent('when the follow-up check (回头看) after an interview happens (domain.md §2.5 SILENT)'),
  },

  // ── 整改 rectification ─────────────────────────────────────────────────────────────────────────
  {
    procedure: 'rectification',
    step: 'report',
    sector: '*',
    duration: days(RECTIFICATION_DEFAULT_DAYS),
    reminders: [days(7), days(3)],
    escalation: ladder(NATIONAL_RECTIFICATION_LADDER),
    provenance: silent(
      'any day count for 限期整改 (domain.md §2.7: deadlines are case-specific); used only when the order states none',
      NATIONAL_LADDER_REASON,
    ),
  },
  {
    procedure: 'rectification',
    step: 'report',
    sector: '*',
    grade: 'general',
    duration: days(1),
    provenance: {
      kind: 'administrator_default',
      setBy: SEED,
      reason:
        '[004·文物] “一般隐患立即整改、突出隐患限期整改、重大隐患挂账整改”: a general hazard is fixed at once; one day is left to record it. No ladder: an unfixed general hazard gets a new order with a deadline.',
    },
  },
  {
    procedure: 'rectification',
    step: 'report',
    sector: '*',
    grade: 'major',
    duration: days(RECTIFICATION_MAJOR_DAYS),
    reminders: [days(15), days(5)],
    escalation: ladder(NATIONAL_RECTIFICATION_LADDER),
    provenance: silent(
      'the rectification period of a major hazard',
      `[004·文物] “重大隐患挂账整改”: on the books with a per-case deadline; ${RECTIFICATION_MAJOR_DAYS} days is used only when the order states none. ${NATIONAL_LADDER_REASON}`,
    ),
  },
  {
    procedure: 'rectification',
    step: 'recheck',
    sector: '*',
    duration: days(10),
    reminders: [days(3)],
    provenance: {
      kind: 'administrator_default',
      setBy: SEED,
      reason:
        "Practice / local rules, not a cited national rule: e.g. 鄂安〔2010〕20号 art. 10 (Hubei) re-checks within 10 days of the deadline or of the enterprise's application. The seeds give no period (domain.md §3.7). Check the local text before citing it.",
    },
  },

  // ── 验收 / 复查 verification ────────────────────────────────────────────────────────────────────
  {
    procedure: 'verification',
    step: 'on_site_check',
    sector: '*',
    duration: days(10),
    reminders: [days(3)],
    provenance: silent(
      'the verification deadline after rectification (verification_SLA, domain.md §10.1 A)',
      '10 days mirrors the on-site review of 原安监总局令第16号 art. 23 and the re-check practice.',
    ),
  },

  // ── 销号 closure ───────────────────────────────────────────────────────────────────────────────
  {
    procedure: 'closure',
    step: 'approve',
    sector: '*',
    duration: workingDays(5),
    reminders: [workingDays(1)],
    provenance: silent('how long closure approval may take ([004·铁路] commits to define 销号 time limits but gives none)'),
  },

  // ── 行刑衔接 transfer to criminal justice (procedures.md §3) ────────────────────────────────────
  {
    procedure: 'criminal_transfer',
    step: 'head_decision',
    sector: '*',
    duration: days(3),
    reminders: [days(1)],
    provenance: {
      kind: 'legal',
      citation: `${TRANSFER_310} 第五条; ${TRANSFER_54} 第七条`,
      byAnalogy: true,
      note: `3 days from receiving the written report of the ≥2-officer team. ${BY_ANALOGY} ${CHECK_TEXT}`,
    },
  },
  {
    procedure: 'criminal_transfer',
    step: 'hand_over',
    sector: '*',
    duration: hours(24),
    rollOverRestDay: false,
    reminders: [hours(4)],
    provenance: {
      kind: 'legal',
      citation: `${TRANSFER_310} 第五条; ${TRANSFER_54} 第七条`,
      note: `24 hours from the approval; a refusal records its reason instead. ${HOURS_NO_ROLL_OVER} ${CHECK_TEXT}`,
    },
  },
  {
    procedure: 'criminal_transfer',
    step: 'police_forward',
    sector: '*',
    duration: hours(24),
    rollOverRestDay: false,
    provenance: {
      kind: 'legal',
      citation: `${TRANSFER_310} 第七条`,
      note: `24 hours, with written notice to the agency. ${HOURS_NO_ROLL_OVER} ${CHECK_TEXT}`,
    },
  },
  {
    procedure: 'criminal_transfer',
    step: 'police_materials_notice',
    sector: '*',
    duration: hours(24),
    rollOverRestDay: false,
    provenance: {
      kind: 'legal',
      citation: `${POLICE_RULES} 第一百八十条`,
      note: `24 hours from accepting the case; the police may not refuse the case for missing materials. ${HOURS_NO_ROLL_OVER} ${CHECK_TEXT}`,
    },
  },
  {
    procedure: 'criminal_transfer',
    step: 'agency_supplement',
    sector: '*',
    duration: days(3),
    reminders: [days(1)],
    provenance: {
      kind: 'legal',
      citation: `${POLICE_RULES} 第一百八十条`,
      note: `3 days from the police's notice. ${POLICE_RULES_ROLL_OVER} ${CHECK_TEXT}`,
    },
  },
  {
    procedure: 'criminal_transfer',
    step: 'police_filing_decision',
    sector: '*',
    duration: days(3),
    reminders: [days(1)],
    provenance: {
      kind: 'legal',
      citation: `${TRANSFER_310} 第八条; ${TRANSFER_54}`,
      byAnalogy: true,
      note: `3 days from accepting the case (default tier). The 7- and 30-day tiers are the alternative steps police_filing_decision_leads / _complex. ${BY_ANALOGY} ${CHECK_TEXT}`,
    },
  },
  {
    procedure: 'criminal_transfer',
    step: 'police_filing_decision_leads',
    sector: '*',
    duration: days(7),
    reminders: [days(2)],
    provenance: {
      kind: 'legal',
      citation: `${TRANSFER_54} 第十一条`,
      byAnalogy: true,
      note: `7 days when leads need checking. procedures.md: "tiers, art. 11 — confirm in the official text". ${BY_ANALOGY} ${CHECK_TEXT}`,
    },
  },
  {
    procedure: 'criminal_transfer',
    step: 'police_filing_decision_complex',
    sector: '*',
    duration: days(30),
    reminders: [days(5)],
    provenance: {
      kind: 'legal',
      citation: `${TRANSFER_54} 第十一条`,
      byAnalogy: true,
      note: `30 days for major, difficult or complex cases with the approval of a police head at county level or above. procedures.md: "tiers, art. 11 — confirm in the official text". ${BY_ANALOGY} ${CHECK_TEXT}`,
    },
  },
  {
    procedure: 'criminal_transfer',
    step: 'police_notify_decision',
    sector: '*',
    duration: days(3),
    reminders: [days(1)],
    provenance: {
      kind: 'legal',
      citation: TRANSFER_54,
      byAnalogy: true,
      note: `3 days from the decision, copy to the procuratorate. procedures.md gives no article number: locate it. ${BY_ANALOGY} ${CHECK_TEXT}`,
    },
  },
  {
    procedure: 'criminal_transfer',
    step: 'hand_over_property',
    sector: '*',
    duration: days(3),
    reminders: [days(1)],
    provenance: {
      kind: 'legal',
      citation: `${TRANSFER_310} 第十二条`,
      byAnalogy: true,
      note: `3 days from receiving the filing notice. ${BY_ANALOGY} ${CHECK_TEXT}`,
    },
  },
  {
    procedure: 'criminal_transfer',
    step: 'reconsideration_request',
    sector: '*',
    duration: days(3),
    reminders: [days(1)],
    provenance: {
      kind: 'legal',
      citation: `${TRANSFER_310} 第九条第一款`,
      byAnalogy: true,
      note: `可以 (optional): 3 days from receiving the refusal notice; the agency may go to the procuratorate instead. ${BY_ANALOGY} ${CHECK_TEXT}`,
    },
  },
  {
    procedure: 'criminal_transfer',
    step: 'direct_supervision_request',
    sector: '*',
    duration: days(3),
    reminders: [days(1)],
    provenance: {
      kind: 'legal',
      citation: `${TRANSFER_310} 第九条第一款`,
      byAnalogy: true,
      note: `The same 3 days as reconsideration ("也可以建议人民检察院依法进行立案监督"). ${BY_ANALOGY} ${CHECK_TEXT}`,
    },
  },
  {
    procedure: 'criminal_transfer',
    step: 'reconsideration_decision',
    sector: '*',
    duration: days(3),
    reminders: [days(1)],
    provenance: {
      kind: 'legal',
      citation: `${TRANSFER_310} 第九条第二款`,
      byAnalogy: true,
      note: `3 days from receiving the request. ${BY_ANALOGY} ${CHECK_TEXT}`,
    },
  },
  {
    procedure: 'criminal_transfer',
    step: 'supervision_request',
    sector: '*',
    duration: days(3),
    reminders: [days(1)],
    provenance: {
      kind: 'legal',
      citation: `${TRANSFER_310} 第九条第二款`,
      byAnalogy: true,
      note: `应当 (mandatory) if the agency still disagrees: 3 days from receiving the reconsideration decision. ${BY_ANALOGY} ${CHECK_TEXT}`,
    },
  },
  {
    procedure: 'criminal_transfer',
    step: 'police_explain_refusal',
    sector: '*',
    duration: days(7),
    reminders: [days(2)],
    provenance: {
      kind: 'legal',
      citation: `${POLICE_RULES} 第一百八十二条`,
      note: `7 days to explain a refusal to the procuratorate. ${POLICE_RULES_ROLL_OVER} ${CHECK_TEXT}`,
    },
  },
  {
    procedure: 'criminal_transfer',
    step: 'police_file_after_notice',
    sector: '*',
    duration: days(15),
    reminders: [days(3)],
    provenance: {
      kind: 'legal',
      citation: `${POLICE_RULES} 第一百八十二条`,
      note: `15 days to file after the procuratorate's filing notice. ${POLICE_RULES_ROLL_OVER} ${CHECK_TEXT}`,
    },
  },
];

/** Sector ladders worded in the seeds (domain.md §3.6, checked against seeds/004). */
interface SectorLadder {
  sector: string;
  actions: EscalationAction[];
  quote: string;
  caveat?: string;
}

const sectorLadders: SectorLadder[] = [
  {
    sector: 'mining',
    actions: ['letter', 'circular', 'interview', 'exposure'],
    quote: '[004·矿山] “对进展缓慢的及时采取函告、通报、约谈、曝光等措施”',
  },
  {
    sector: 'civil_aviation',
    actions: ['letter', 'circular', 'interview', 'exposure'],
    quote: '[004·民航] “对进展缓慢的及时采取函告、通报、约谈、曝光等措施”',
    caveat: 'Civil aviation calls the interview 约见 (sector vocabulary).',
  },
  {
    sector: 'railway',
    actions: ['letter', 'circular', 'interview'],
    quote: '[004·铁路] “对进展缓慢的及时采取函告、通报、约谈等措施督促整治”',
    caveat:
      '[004·铁路] also orders 会诊式、进驻式安全监督检查 when “重大事故隐患未按期整改”; that action has no rung in the escalation enum yet.',
  },
  {
    sector: 'energy_power',
    actions: ['circular', 'interview', 'exposure'],
    quote: '[004·能源电力] “国家能源局对进展缓慢的将采取警示、通报、约谈、曝光等措施”',
    caveat: '警示 (warning) has no rung in the escalation enum and is left out.',
  },
  {
    sector: 'agriculture_rural',
    actions: ['circular', 'interview', 'exposure'],
    quote: '[004·农业农村] “对拒不整改或进展缓慢的……综合运用通报、警示、约谈、曝光等方式进行督促”',
    caveat: '警示 (warning) has no rung in the escalation enum and is left out.',
  },
  {
    sector: 'grain_reserves',
    actions: ['circular', 'interview', 'listing'],
    quote: '[004·粮储] “对重大隐患长期悬而未决、整改进展缓慢的，及时采取通报、约谈、督办等措施”',
    caveat: '督办 is read as 挂牌督办 (the same sub-plan: “完善重大事故隐患治理挂牌督办制度”); an interpretation.',
  },
  {
    sector: 'cultural_heritage',
    actions: ['interview', 'circular'],
    quote: '[004·文物] “对整改进展缓慢的重大事故隐患，采取督察督办、实地核查、暗访检查、约谈通报等手段”',
    caveat: '督察督办、实地核查、暗访检查 are supervision modes, not rungs; only 约谈通报 is modelled.',
  },
  {
    sector: 'fire',
    actions: ['credit_listing', 'exposure'],
    quote:
      '[004·消防] “对逾期不改的重大火灾隐患单位及其主要负责人，列入消防安全领域失信行为”; “每年组织曝光一批严重影响公共安全、久拖不改的重大火灾隐患单位”',
    caveat: 'The credit listing covers the unit and its principal responsible person.',
  },
];

function sectorReason(l: SectorLadder, period: string): string {
  return `Ladder from the seed: ${l.quote}.${l.caveat ? ` ${l.caveat}` : ''} Period as the national default (${period}; seeds silent, domain.md §3.7); offsets are placeholders.`;
}

function sectorRules(l: SectorLadder): PolicyRuleInput[] {
  const rectification = (grade: HazardGrade | undefined, periodDays: number): PolicyRuleInput => ({
    procedure: 'rectification',
    step: 'report',
    sector: l.sector,
    ...(grade ? { grade } : {}),
    duration: days(periodDays),
    reminders: grade === 'major' ? [days(15), days(5)] : [days(7), days(3)],
    escalation: ladder(l.actions),
    provenance: { kind: 'administrator_default', setBy: SEED, reason: sectorReason(l, `${periodDays} days`) },
  });
  // Listed hazards keep the sector's wording, then [003]'s coercive measures as the last resort.
  const listedActions: EscalationAction[] = l.actions.includes('coercive') ? l.actions : [...l.actions, 'coercive'];
  return [
    rectification(undefined, RECTIFICATION_DEFAULT_DAYS),
    rectification('major', RECTIFICATION_MAJOR_DAYS),
    {
      procedure: 'listed_supervision',
      step: 'rectification_complete',
      sector: l.sector,
      duration: days(LISTED_RECTIFICATION_DAYS),
      reminders: [days(15), days(5)],
      escalation: ladder(listedActions),
      provenance: {
        kind: 'administrator_default',
        setBy: SEED,
        reason: `${sectorReason(l, `${LISTED_RECTIFICATION_DAYS} days`)} Last rung from ${LISTED_FAILURE_QUOTE}.`,
      },
    },
  ];
}

/** Parsed at import so a malformed default can never be loaded. */
export const defaultRules: readonly PolicyRule[] = [...national, ...sectorLadders.flatMap(sectorRules)].map((r) => PolicyRule.parse(r));

/** Shipped policy version; cases keep the version they started with (procedures.md §3). */
export const DEFAULT_POLICY_VERSION = 'seed-2026.1';
