import type { Actor } from '../../actor/actor';
import {
  action,
  change,
  Change,
  deadlinePassedDefault,
  lateFor,
  noChange,
  OFFICER,
  RECORDED_BY_OFFICER,
  requireNotAfter,
  started,
  unexpectedApproval,
} from '../machine-kit';
import { Outcome, ParentRequest, ProcedureMachine, ProcedureState, UnexpectedProcedureInputError } from '../procedure-machine';
import { TERMINAL_STEP } from '../terminal-step';
import {
  AcceptRefusalInput,
  CriminalTransferStartInput,
  DecidedPenalty,
  DecisionNoticeInput,
  FlagSuspicionInput,
  FiledAfterNoticeInput,
  FilingDecisionInput,
  FilingExtensionInput,
  HandOverInput,
  MaterialsNoticeInput,
  OutsideJurisdictionInput,
  PoliceAcceptanceInput,
  PoliceExplanationInput,
  PoliceForwardInput,
  ProcuratorateActionInput,
  PropertyHandOverInput,
  ReconsiderationDecisionInput,
  ReconsiderationRequestInput,
  RecordCriminalOutcomeInput,
  SupervisionRequestInput,
  SupplementInput,
  WrittenTransferReportInput,
} from './criminal-transfer.actions';

/**
 * 行刑衔接 transfer to criminal justice, on the statutory clock of procedures.md §3 (step ids from the
 * catalog; every timed step's period comes from the pinned policy, seeded from 310号 / 54号 / 公安程序规定):
 *
 *   flag_suspicion (at start, or later for a transfer a link started) → written_report (≥2 officers) → head_decision [approval 'transfer' to the agency head, 3 d]
 *     refused (reason required) → completed 'not_transferred'
 *     approved → hand_over (24 h) → police_accept ⇄ police_forward (24 h, outside their jurisdiction)
 *       → police_filing_decision (3 d from acceptance) | _leads (7 d) | _complex (30 d, county-level+ police head approves)
 *            (meanwhile: police_materials_notice window 24 h → agency_supplement 3 d; no refusal for missing materials)
 *       → police_notify_decision (3 d, unless the notice came with the decision)
 *       → filed: hand_over_property (3 d from the filing notice) → record_outcome → completed 'filed'
 *       → not filed: reconsideration_request (3 d) | direct_supervision_request (3 d) — both armed, either taken
 *            reconsideration → reconsideration_decision (3 d) → filed … | upheld → supervision_request (3 d, 应当)
 *            supervision → procuratorate_review → police_explain_refusal (7 d) → procuratorate_review …
 *                                                → police_file_after_notice (15 d) → filed …
 *                                                → refusal justified → completed 'returned_to_administrative'
 *            the agency accepts the refusal → completed 'returned_to_administrative'
 *
 * Administrative penalties decided before the transfer stay in force on the way back (kept in data).
 * When the pinned links say so, the head's approval pauses the administrative track and the end resumes it.
 */
export const FILING_STEPS = ['police_filing_decision', 'police_filing_decision_leads', 'police_filing_decision_complex'] as const;
type FilingStep = (typeof FILING_STEPS)[number];
const TIER_STEP: Record<'default' | 'leads' | 'complex', FilingStep> = {
  default: 'police_filing_decision',
  leads: 'police_filing_decision_leads',
  complex: 'police_filing_decision_complex',
};

/** Windows the law gives a party (可以), not duties: passing closes them, nobody is overdue. */
const WINDOW_STEPS = ['police_materials_notice'];

/** 310号 art. 11: penalties decided before the transfer are not suspended by it. */
export const PENALTIES_STAY_NOTE =
  'Administrative penalties decided before the transfer stay in force (国务院令第310号 第十一条; check against the official text).';

export interface CriminalTransferData {
  offence: string | null;
  pauseAdministrative: boolean;
  paused: boolean;
  penalties: DecidedPenalty[];
  policeAgency: string | null;
  handedOverAt: string | null;
  acceptedAt: string | null;
  tier: 'default' | 'leads' | 'complex' | null;
  complexApproval: unknown;
  materialsNotified: boolean;
  materialsSupplemented: boolean;
  decision: 'filed' | 'not_filed' | null;
  decidedAt: string | null;
  branch: 'reconsideration' | 'direct' | null;
  filedVia: 'police' | 'reconsideration' | 'procuratorate' | null;
}

const dataOf = (s: ProcedureState): CriminalTransferData => s.data as unknown as CriminalTransferData;
const isFilingStep = (step: string): boolean => (FILING_STEPS as readonly string[]).includes(step);
const CLOCK_STEPS_WHILE_DECIDING = [...FILING_STEPS, 'police_materials_notice', 'agency_supplement'];

type Ctx = { at: string; actor: Actor };

/** Filing notice received: the agency hands over property and materials within 3 days. */
function filed(
  state: ProcedureState,
  noticeReceivedAt: string,
  via: 'police' | 'reconsideration' | 'procuratorate',
  c: Change,
  ctx: Ctx,
): Outcome {
  return change(
    state,
    {
      ...c,
      step: 'hand_over_property',
      data: { ...(c.data ?? {}), decision: 'filed', filedVia: via },
      events: [...c.events, { type: 'case_filed', data: { via, noticeReceivedAt } }],
      arm: [{ step: 'hand_over_property', start: noticeReceivedAt, basis: 'the agency received the filing notice' }],
    },
    ctx.at,
    ctx.actor,
  );
}

/** Refusal notice received: both branches open for 3 days (reconsideration, or the procuratorate directly). */
function refused(state: ProcedureState, noticeReceivedAt: string, c: Change, ctx: Ctx): Outcome {
  const basis = 'the agency received the refusal-to-file notice';
  return change(
    state,
    {
      ...c,
      step: 'reconsideration_request',
      data: { ...(c.data ?? {}), decision: 'not_filed' },
      events: [...c.events, { type: 'filing_refused', data: { noticeReceivedAt } }],
      arm: [
        { step: 'reconsideration_request', start: noticeReceivedAt, basis },
        { step: 'direct_supervision_request', start: noticeReceivedAt, basis },
      ],
    },
    ctx.at,
    ctx.actor,
  );
}

function resumeIfPaused(state: ProcedureState): ParentRequest[] {
  return dataOf(state).paused ? [{ kind: 'resume_administrative' }] : [];
}

/** Back to the administrative track; penalties already decided stay in force (kept in data, said in the event). */
function returnedToAdministrative(state: ProcedureState, why: string, reason: string | null, ctx: Ctx): Outcome {
  return change(
    state,
    {
      step: TERMINAL_STEP,
      outcome: 'returned_to_administrative',
      data: { paused: false },
      events: [
        {
          type: 'returned_to_administrative',
          reason,
          data: { why, penaltiesStayInForce: true, penalties: dataOf(state).penalties, note: PENALTIES_STAY_NOTE },
        },
      ],
      requests: resumeIfPaused(state),
    },
    ctx.at,
    ctx.actor,
  );
}

export const criminalTransferMachine: ProcedureMachine = {
  procedure: 'criminal_transfer',
  startInput: CriminalTransferStartInput,

  start(procedureId, raw, ctx) {
    const input = CriminalTransferStartInput.parse(raw);
    const data: CriminalTransferData = {
      offence: input.offence ?? null,
      pauseAdministrative: input.pauseAdministrative,
      paused: false,
      penalties: input.penaltiesDecided,
      policeAgency: null,
      handedOverAt: null,
      acceptedAt: null,
      tier: null,
      complexApproval: null,
      materialsNotified: false,
      materialsSupplemented: false,
      decision: null,
      decidedAt: null,
      branch: null,
      filedVia: null,
    };
    if (input.offence === undefined || input.facts === undefined) {
      return started(
        procedureId,
        'criminal_transfer',
        'flag_suspicion',
        { data: { ...data }, events: [{ type: 'criminal_transfer_started', data: { pauseAdministrative: input.pauseAdministrative } }] },
        ctx,
      );
    }
    return started(
      procedureId,
      'criminal_transfer',
      'written_report',
      {
        data: { ...data },
        events: [
          {
            type: 'suspicion_flagged',
            data: { offence: input.offence, facts: input.facts, attachments: input.attachments, penalties: input.penaltiesDecided },
          },
        ],
      },
      ctx,
    );
  },

  actions: {
    flag_suspicion: action({
      name: 'flag_suspicion',
      nameZh: '标注涉嫌犯罪（罪名、事实）',
      nameEn: 'Flag the suspected offence',
      input: FlagSuspicionInput,
      roles: OFFICER,
      steps: ['flag_suspicion'],
      apply: (state, input, ctx) =>
        change(
          state,
          {
            step: 'written_report',
            data: { offence: input.offence, penalties: [...dataOf(state).penalties, ...input.penaltiesDecided] },
            events: [{ type: 'suspicion_flagged', data: { ...input, penalties: [...dataOf(state).penalties, ...input.penaltiesDecided] } }],
          },
          ctx.at,
          ctx.actor,
        ),
    }),

    submit_written_report: action({
      name: 'submit_written_report',
      nameZh: '提交移送涉嫌犯罪案件的书面报告',
      nameEn: 'Submit the written transfer report to the agency head',
      input: WrittenTransferReportInput,
      roles: OFFICER,
      steps: ['written_report'],
      apply(state, input, ctx) {
        requireNotAfter(input.receivedByHeadAt, ctx.at, 'receivedByHeadAt');
        const received = input.receivedByHeadAt ?? ctx.at;
        return change(
          state,
          {
            step: 'head_decision',
            data: { team: input.team },
            events: [{ type: 'transfer_report_submitted', data: { ...input, receivedByHeadAt: received } }],
            arm: [{ step: 'head_decision', start: received, basis: 'the agency head received the written report' }],
            requests: [
              {
                kind: 'approval',
                approval: 'transfer',
                approverRole: 'agency_head',
                summary: input.summary,
                data: { procedureId: state.procedureId, offence: dataOf(state).offence, team: input.team, receivedByHeadAt: received },
              },
            ],
          },
          ctx.at,
          ctx.actor,
        );
      },
    }),

    hand_over: action({
      name: 'hand_over',
      roles: RECORDED_BY_OFFICER,
      nameZh: '向公安机关移送',
      nameEn: 'Hand the case over to public security',
      input: HandOverInput,
      steps: ['hand_over'],
      apply(state, input, ctx) {
        requireNotAfter(input.handedOverAt, ctx.at, 'handedOverAt');
        return change(
          state,
          {
            step: 'police_accept',
            data: { policeAgency: input.policeAgency, handedOverAt: input.handedOverAt },
            events: [{ type: 'handed_over_to_police', data: { ...input, late: lateFor(state, 'hand_over') } }],
            disarm: ['hand_over'],
          },
          ctx.at,
          ctx.actor,
        );
      },
    }),

    record_police_acceptance: action({
      name: 'record_police_acceptance',
      roles: RECORDED_BY_OFFICER,
      nameZh: '记录公安机关受理',
      nameEn: 'Record that the police accepted the case',
      input: PoliceAcceptanceInput,
      steps: ['police_accept'],
      apply(state, input, ctx) {
        requireNotAfter(input.acceptedAt, ctx.at, 'acceptedAt');
        const basis = 'the police accepted the case';
        return change(
          state,
          {
            step: 'police_filing_decision',
            data: { acceptedAt: input.acceptedAt, tier: 'default' },
            events: [{ type: 'police_accepted', data: { ...input, policeAgency: dataOf(state).policeAgency } }],
            arm: [
              { step: 'police_filing_decision', start: input.acceptedAt, basis },
              { step: 'police_materials_notice', start: input.acceptedAt, basis },
            ],
          },
          ctx.at,
          ctx.actor,
        );
      },
    }),

    record_outside_jurisdiction: action({
      name: 'record_outside_jurisdiction',
      roles: RECORDED_BY_OFFICER,
      nameZh: '记录公安机关认为不属本机关管辖',
      nameEn: 'Record that the police hold the case outside their jurisdiction',
      input: OutsideJurisdictionInput,
      steps: ['police_accept'],
      apply(state, input, ctx) {
        requireNotAfter(input.receivedAt, ctx.at, 'receivedAt');
        return change(
          state,
          {
            step: 'police_forward',
            events: [{ type: 'police_outside_jurisdiction', data: { ...input, policeAgency: dataOf(state).policeAgency } }],
            arm: [{ step: 'police_forward', start: input.receivedAt, basis: 'the police received a case outside their jurisdiction' }],
          },
          ctx.at,
          ctx.actor,
        );
      },
    }),

    record_police_forward: action({
      name: 'record_police_forward',
      roles: RECORDED_BY_OFFICER,
      nameZh: '记录公安机关转送及书面告知',
      nameEn: 'Record the forwarding and the written notice',
      input: PoliceForwardInput,
      steps: ['police_forward'],
      apply(state, input, ctx) {
        requireNotAfter(input.forwardedAt, ctx.at, 'forwardedAt');
        return change(
          state,
          {
            step: 'police_accept',
            data: { policeAgency: input.forwardedTo },
            events: [
              { type: 'police_forwarded', data: { ...input, from: dataOf(state).policeAgency, late: lateFor(state, 'police_forward') } },
            ],
            disarm: ['police_forward'],
          },
          ctx.at,
          ctx.actor,
        );
      },
    }),

    record_filing_extension: action({
      name: 'record_filing_extension',
      roles: RECORDED_BY_OFFICER,
      nameZh: '记录立案审查期限延长（7日 / 30日）',
      nameEn: 'Record the longer filing period (7 days: leads; 30 days: major or complex)',
      input: FilingExtensionInput,
      steps: ['police_filing_decision', 'police_filing_decision_leads'],
      apply(state, input, ctx) {
        requireNotAfter(input.decidedAt, ctx.at, 'decidedAt');
        const next = TIER_STEP[input.tier];
        const d = dataOf(state);
        return change(
          state,
          {
            step: next,
            data: { tier: input.tier, complexApproval: input.approval ?? null },
            events: [{ type: 'filing_period_extended', data: { ...input, from: state.step, to: next } }],
            disarm: [state.step],
            // The longer period still counts from acceptance (310号 art. 8; 54号 art. 11).
            arm: [{ step: next, start: d.acceptedAt as string, basis: 'the police accepted the case' }],
          },
          ctx.at,
          ctx.actor,
        );
      },
    }),

    record_materials_notice: action({
      name: 'record_materials_notice',
      roles: RECORDED_BY_OFFICER,
      nameZh: '记录公安机关补充材料通知',
      nameEn: "Record the police's notice of incomplete materials",
      input: MaterialsNoticeInput,
      steps: ['police_materials_notice'],
      allowedIn: (s) => isFilingStep(s.step) && !dataOf(s).materialsNotified,
      apply(state, input, ctx) {
        requireNotAfter(input.notifiedAt, ctx.at, 'notifiedAt');
        const windowClosed = !(state.data['armed'] as string[]).includes('police_materials_notice');
        return change(
          state,
          {
            data: { materialsNotified: true },
            events: [{ type: 'materials_incomplete_notified', data: { ...input, late: windowClosed } }],
            disarm: ['police_materials_notice'],
            arm: [
              {
                step: 'agency_supplement',
                start: input.notifiedAt,
                basis: "the agency received the police's notice of incomplete materials",
              },
            ],
          },
          ctx.at,
          ctx.actor,
        );
      },
    }),

    record_supplement: action({
      name: 'record_supplement',
      roles: RECORDED_BY_OFFICER,
      nameZh: '补充移送材料',
      nameEn: 'Supplement the materials',
      input: SupplementInput,
      steps: ['agency_supplement'],
      allowedIn: (s) => isFilingStep(s.step) && dataOf(s).materialsNotified && !dataOf(s).materialsSupplemented,
      apply(state, input, ctx) {
        requireNotAfter(input.supplementedAt, ctx.at, 'supplementedAt');
        return change(
          state,
          {
            data: { materialsSupplemented: true },
            events: [{ type: 'materials_supplemented', data: { ...input, late: lateFor(state, 'agency_supplement') } }],
            disarm: ['agency_supplement'],
          },
          ctx.at,
          ctx.actor,
        );
      },
    }),

    record_filing_decision: action({
      name: 'record_filing_decision',
      roles: RECORDED_BY_OFFICER,
      nameZh: '记录公安机关立案或不予立案决定',
      nameEn: "Record the police's decision to file or not",
      input: FilingDecisionInput,
      steps: [...FILING_STEPS],
      apply(state, input, ctx) {
        requireNotAfter(input.decidedAt, ctx.at, 'decidedAt');
        requireNotAfter(input.notice?.receivedAt, ctx.at, 'notice.receivedAt');
        const base: Change = {
          data: { decision: input.decision, decidedAt: input.decidedAt },
          events: [
            {
              type: 'filing_decided',
              reason: input.reason ?? null,
              data: {
                decision: input.decision,
                decidedAt: input.decidedAt,
                grounds: input.grounds ?? null,
                tier: dataOf(state).tier,
                late: lateFor(state, state.step),
              },
            },
          ],
          disarm: CLOCK_STEPS_WHILE_DECIDING,
        };
        if (!input.notice) {
          return change(
            state,
            {
              ...base,
              step: 'police_notify_decision',
              arm: [{ step: 'police_notify_decision', start: input.decidedAt, basis: 'the police decided on filing' }],
            },
            ctx.at,
            ctx.actor,
          );
        }
        const notice: Change = { ...base, events: [...base.events, { type: 'decision_notice_received', data: input.notice }] };
        return input.decision === 'filed'
          ? filed(state, input.notice.receivedAt, 'police', notice, ctx)
          : refused(state, input.notice.receivedAt, notice, ctx);
      },
    }),

    record_decision_notice: action({
      name: 'record_decision_notice',
      roles: RECORDED_BY_OFFICER,
      nameZh: '记录收到立案或不予立案通知书',
      nameEn: 'Record receipt of the written decision',
      input: DecisionNoticeInput,
      steps: ['police_notify_decision'],
      apply(state, input, ctx) {
        requireNotAfter(input.receivedAt, ctx.at, 'receivedAt');
        const c: Change = {
          events: [{ type: 'decision_notice_received', data: { ...input, late: lateFor(state, 'police_notify_decision') } }],
          disarm: ['police_notify_decision'],
        };
        return dataOf(state).decision === 'filed'
          ? filed(state, input.receivedAt, 'police', c, ctx)
          : refused(state, input.receivedAt, c, ctx);
      },
    }),

    record_property_hand_over: action({
      name: 'record_property_hand_over',
      roles: RECORDED_BY_OFFICER,
      nameZh: '移交涉案物品及有关材料',
      nameEn: 'Hand over case property and materials',
      input: PropertyHandOverInput,
      steps: ['hand_over_property'],
      apply(state, input, ctx) {
        requireNotAfter(input.handedOverAt, ctx.at, 'handedOverAt');
        return change(
          state,
          {
            step: 'record_outcome',
            events: [{ type: 'property_handed_over', data: { ...input, late: lateFor(state, 'hand_over_property') } }],
            disarm: ['hand_over_property'],
          },
          ctx.at,
          ctx.actor,
        );
      },
    }),

    request_reconsideration: action({
      name: 'request_reconsideration',
      roles: RECORDED_BY_OFFICER,
      nameZh: '提请公安机关复议',
      nameEn: 'Ask the police to reconsider',
      input: ReconsiderationRequestInput,
      steps: ['reconsideration_request'],
      apply(state, input, ctx) {
        requireNotAfter(input.requestedAt, ctx.at, 'requestedAt');
        requireNotAfter(input.receivedByPoliceAt, ctx.at, 'receivedByPoliceAt');
        const received = input.receivedByPoliceAt ?? input.requestedAt;
        return change(
          state,
          {
            step: 'reconsideration_decision',
            data: { branch: 'reconsideration' },
            events: [{ type: 'reconsideration_requested', data: { ...input, late: lateFor(state, 'reconsideration_request') } }],
            disarm: ['reconsideration_request', 'direct_supervision_request'],
            arm: [{ step: 'reconsideration_decision', start: received, basis: 'the police received the reconsideration request' }],
          },
          ctx.at,
          ctx.actor,
        );
      },
    }),

    record_reconsideration_decision: action({
      name: 'record_reconsideration_decision',
      roles: RECORDED_BY_OFFICER,
      nameZh: '记录公安机关复议决定',
      nameEn: "Record the police's reconsideration decision",
      input: ReconsiderationDecisionInput,
      steps: ['reconsideration_decision'],
      apply(state, input, ctx) {
        requireNotAfter(input.decidedAt, ctx.at, 'decidedAt');
        requireNotAfter(input.receivedAt, ctx.at, 'receivedAt');
        const c: Change = {
          events: [
            { type: 'reconsideration_decided', reason: input.reason, data: { ...input, late: lateFor(state, 'reconsideration_decision') } },
          ],
          disarm: ['reconsideration_decision'],
        };
        if (input.decision === 'filed') return filed(state, input.receivedAt, 'reconsideration', c, ctx);
        return change(
          state,
          {
            ...c,
            step: 'supervision_request',
            arm: [
              {
                step: 'supervision_request',
                start: input.receivedAt,
                basis: 'the agency received the reconsideration decision upholding the refusal',
              },
            ],
          },
          ctx.at,
          ctx.actor,
        );
      },
    }),

    request_supervision: action({
      name: 'request_supervision',
      roles: RECORDED_BY_OFFICER,
      nameZh: '建议人民检察院立案监督',
      nameEn: 'Ask the procuratorate for filing supervision',
      input: SupervisionRequestInput,
      steps: ['direct_supervision_request', 'supervision_request'],
      allowedIn: (s) => s.step === 'reconsideration_request' || s.step === 'supervision_request',
      apply(state, input, ctx) {
        requireNotAfter(input.requestedAt, ctx.at, 'requestedAt');
        const direct = state.step === 'reconsideration_request';
        const window = direct ? 'direct_supervision_request' : 'supervision_request';
        return change(
          state,
          {
            step: 'procuratorate_review',
            data: { branch: direct ? 'direct' : 'reconsideration' },
            events: [{ type: 'supervision_requested', data: { ...input, direct, late: lateFor(state, window) } }],
            disarm: direct ? ['reconsideration_request', 'direct_supervision_request'] : ['supervision_request'],
          },
          ctx.at,
          ctx.actor,
        );
      },
    }),

    record_procuratorate_action: action({
      name: 'record_procuratorate_action',
      roles: RECORDED_BY_OFFICER,
      nameZh: '记录人民检察院立案监督情况',
      nameEn: "Record the procuratorate's supervision",
      input: ProcuratorateActionInput,
      steps: ['procuratorate_review'],
      apply(state, input, ctx) {
        requireNotAfter(input.receivedByPoliceAt, ctx.at, 'receivedByPoliceAt');
        const event = { type: 'procuratorate_acted', data: { ...input } };
        if (input.action === 'refusal_justified') {
          const out = returnedToAdministrative(state, 'the procuratorate found the refusal to file justified', input.summary, ctx);
          return {
            ...out,
            events: [{ ...out.events[0]!, type: 'procuratorate_acted', data: { procedureId: state.procedureId, ...input } }, ...out.events],
          };
        }
        const next = input.action === 'request_explanation' ? 'police_explain_refusal' : 'police_file_after_notice';
        const basis =
          input.action === 'request_explanation'
            ? "the police received the procuratorate's request to explain the refusal"
            : "the police received the procuratorate's filing notice";
        return change(
          state,
          { step: next, events: [event], arm: [{ step: next, start: input.receivedByPoliceAt as string, basis }] },
          ctx.at,
          ctx.actor,
        );
      },
    }),

    record_police_explanation: action({
      name: 'record_police_explanation',
      roles: RECORDED_BY_OFFICER,
      nameZh: '记录公安机关说明不立案理由',
      nameEn: "Record the police's explanation to the procuratorate",
      input: PoliceExplanationInput,
      steps: ['police_explain_refusal'],
      apply(state, input, ctx) {
        requireNotAfter(input.explainedAt, ctx.at, 'explainedAt');
        return change(
          state,
          {
            step: 'procuratorate_review',
            events: [{ type: 'police_explained_refusal', data: { ...input, late: lateFor(state, 'police_explain_refusal') } }],
            disarm: ['police_explain_refusal'],
          },
          ctx.at,
          ctx.actor,
        );
      },
    }),

    record_filed_after_notice: action({
      name: 'record_filed_after_notice',
      roles: RECORDED_BY_OFFICER,
      nameZh: '记录公安机关根据通知立案',
      nameEn: "Record that the police filed after the procuratorate's notice",
      input: FiledAfterNoticeInput,
      steps: ['police_file_after_notice'],
      apply(state, input, ctx) {
        requireNotAfter(input.filedAt, ctx.at, 'filedAt');
        requireNotAfter(input.noticeReceivedAt, ctx.at, 'noticeReceivedAt');
        return filed(
          state,
          input.noticeReceivedAt,
          'procuratorate',
          {
            events: [{ type: 'filed_after_procuratorate_notice', data: { ...input, late: lateFor(state, 'police_file_after_notice') } }],
            disarm: ['police_file_after_notice'],
          },
          ctx,
        );
      },
    }),

    accept_refusal: action({
      name: 'accept_refusal',
      roles: RECORDED_BY_OFFICER,
      nameZh: '不再提请复议或监督，回归行政处理',
      nameEn: 'Accept the refusal and return to the administrative track',
      input: AcceptRefusalInput,
      steps: ['reconsideration_request', 'supervision_request'],
      apply: (state, input, ctx) =>
        returnedToAdministrative(
          state,
          state.step === 'supervision_request'
            ? 'the agency no longer disagrees after the reconsideration'
            : 'the agency did not contest the refusal',
          input.reason,
          ctx,
        ),
    }),

    record_outcome: action({
      name: 'record_outcome',
      roles: RECORDED_BY_OFFICER,
      nameZh: '记录刑事处理结果',
      nameEn: 'Record the criminal outcome',
      input: RecordCriminalOutcomeInput,
      steps: ['record_outcome'],
      apply: (state, input, ctx) =>
        change(
          state,
          {
            step: TERMINAL_STEP,
            outcome: 'filed',
            data: { paused: false },
            events: [
              {
                type: 'criminal_outcome_recorded',
                data: { ...input, filedVia: dataOf(state).filedVia, penalties: dataOf(state).penalties },
              },
            ],
            requests: resumeIfPaused(state),
          },
          ctx.at,
          ctx.actor,
        ),
    }),
  },

  deadlinePassed(state, step, at) {
    if (WINDOW_STEPS.includes(step)) {
      // The police's 24 hours to call for missing materials ran out: nobody is overdue, the window just closed.
      if (state.status !== 'active' || !(state.data['armed'] as string[]).includes(step)) return noChange(state);
      return change(
        state,
        { events: [{ type: 'deadline_passed', data: { step, awaitedIn: state.step, windowClosed: true } }], disarm: [step] },
        at,
        null,
      );
    }
    return deadlinePassedDefault(state, step, at);
  },

  approvalDecided(state, approval, decision, reason, ctx) {
    if (approval !== 'transfer' || state.step !== 'head_decision' || state.status !== 'active') return unexpectedApproval(state, approval);
    const late = lateFor(state, 'head_decision');
    if (decision === 'returned') {
      if (!reason?.trim()) throw new UnexpectedProcedureInputError('a refusal to transfer must record its reason');
      return change(
        state,
        {
          step: TERMINAL_STEP,
          outcome: 'not_transferred',
          events: [{ type: 'transfer_refused', reason, data: { late, penalties: dataOf(state).penalties } }],
        },
        ctx.at,
        ctx.actor,
      );
    }
    const pause = dataOf(state).pauseAdministrative;
    return change(
      state,
      {
        step: 'hand_over',
        data: { paused: pause },
        events: [{ type: 'transfer_approved', reason, data: { late, pauseAdministrative: pause } }],
        disarm: ['head_decision'],
        arm: [{ step: 'hand_over', start: ctx.at, basis: 'the agency head approved the transfer' }],
        requests: pause ? [{ kind: 'pause_administrative' }] : [],
      },
      ctx.at,
      ctx.actor,
    );
  },
};
