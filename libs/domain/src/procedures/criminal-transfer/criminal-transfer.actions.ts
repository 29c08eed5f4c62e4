import { z } from 'zod';
import { freeText, identifier } from '../../text/free-text';
import { attachments, Instant, text } from '../machine-kit';

const org = () => freeText({ max: 200, trim: true });

/** An administrative penalty decided before the transfer: it stays in force whatever the police decide. */
export const DecidedPenalty = z
  .object({ decisionNo: freeText({ max: 100, trim: true }), summary: text(1000), decidedAt: Instant })
  .strict();
export type DecidedPenalty = z.infer<typeof DecidedPenalty>;

/** 发现涉嫌犯罪: what the flag records (the offence and the facts). */
export const FlagSuspicionInput = z
  .object({
    offence: freeText({ max: 200, trim: true }).describe('the suspected offence, e.g. 危险作业罪, 重大责任事故罪'),
    facts: text(),
    penaltiesDecided: z.array(DecidedPenalty).max(50).default([]),
    attachments: attachments(),
  })
  .strict();
export type FlagSuspicionInput = z.infer<typeof FlagSuspicionInput>;

/**
 * Starting the transfer. An officer starting it flags the suspicion at once (offence and facts given);
 * a transfer started by a link (an approved 'transfer' rung) starts at flag_suspicion and waits for them.
 */
export const CriminalTransferStartFields = z
  .object({
    offence: freeText({ max: 200, trim: true })
      .optional()
      .describe('the suspected offence, e.g. 危险作业罪; with facts, flags the suspicion at start'),
    facts: text().optional(),
    /** From the case's pinned procedure links (pauseAdministrativeDuringTransfer). */
    pauseAdministrative: z.boolean().default(false),
    penaltiesDecided: z.array(DecidedPenalty).max(50).default([]),
    attachments: attachments(),
  })
  .strict();

/** The start input's rule across fields (kept apart so a schema without the workflow's own fields can reuse it). */
export function offenceGoesWithFacts(v: { offence?: string; facts?: string }, ctx: z.RefinementCtx): void {
  if ((v.offence === undefined) !== (v.facts === undefined)) {
    ctx.addIssue({ code: 'custom', path: [v.offence === undefined ? 'offence' : 'facts'], message: 'offence and facts go together' });
  }
}

export const CriminalTransferStartInput = CriminalTransferStartFields.superRefine(offenceGoesWithFacts);
export type CriminalTransferStartInput = z.infer<typeof CriminalTransferStartInput>;

/** 专案组（2名以上执法人员）书面报告 to the agency head. */
export const WrittenTransferReportInput = z
  .object({
    team: z
      .array(z.object({ id: identifier(64), name: freeText({ max: 100, trim: true }) }).strict())
      .min(2, 'the report is written by a team of two or more officers (310号 art. 5)')
      .max(20)
      .refine((t) => new Set(t.map((m) => m.id)).size === t.length, 'each team member once'),
    summary: text(),
    receivedByHeadAt: Instant.optional().describe('when the agency head received the report (starts the 3-day clock; default: now)'),
    attachments: attachments(1).describe('the written report'),
  })
  .strict();
export type WrittenTransferReportInput = z.infer<typeof WrittenTransferReportInput>;

/** 向公安机关移送 (移送书, 调查报告, 涉案物品清单, 检验鉴定, 其他材料). */
export const HandOverInput = z
  .object({ policeAgency: org(), handedOverAt: Instant, attachments: attachments(1).describe('the transfer letter and case file') })
  .strict();
export type HandOverInput = z.infer<typeof HandOverInput>;

/** The police accepted the case (receipt signed). */
export const PoliceAcceptanceInput = z.object({ acceptedAt: Instant, attachments: attachments() }).strict();
export type PoliceAcceptanceInput = z.infer<typeof PoliceAcceptanceInput>;

/** The police say the case lies outside their jurisdiction (their 24-hour forwarding clock runs from receipt). */
export const OutsideJurisdictionInput = z
  .object({ receivedAt: Instant.describe('when the police received the case'), note: text(1000) })
  .strict();
export type OutsideJurisdictionInput = z.infer<typeof OutsideJurisdictionInput>;

/** The police forwarded the case, with written notice to the agency. */
export const PoliceForwardInput = z
  .object({ forwardedTo: org(), forwardedAt: Instant, attachments: attachments(1).describe('the written notice to the agency') })
  .strict();
export type PoliceForwardInput = z.infer<typeof PoliceForwardInput>;

/** The police extend their filing decision: 7 days (leads to check) or 30 days (major/complex, approved by a county-level-or-above police head). */
export const FilingExtensionInput = z
  .object({
    tier: z.enum(['leads', 'complex']),
    decidedAt: Instant,
    approval: z
      .object({
        approverName: freeText({ max: 100, trim: true }),
        approverPosition: freeText({ max: 100, trim: true }),
        level: z.enum(['county', 'city', 'province', 'national']),
      })
      .strict()
      .optional()
      .describe("who approved the 30-day tier: a police head at county level or above; required for 'complex'"),
    attachments: attachments(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.tier === 'complex' && !v.approval) {
      ctx.addIssue({
        code: 'custom',
        path: ['approval'],
        message: 'the 30-day tier needs the approval of a police head at county level or above',
      });
    }
  });
export type FilingExtensionInput = z.infer<typeof FilingExtensionInput>;

/** 公安机关通知补充材料. */
export const MaterialsNoticeInput = z.object({ notifiedAt: Instant, missing: text(2000), attachments: attachments() }).strict();
export type MaterialsNoticeInput = z.infer<typeof MaterialsNoticeInput>;

/** 行政执法机关补充材料. */
export const SupplementInput = z.object({ supplementedAt: Instant, summary: text(2000), attachments: attachments(1) }).strict();
export type SupplementInput = z.infer<typeof SupplementInput>;

const NOT_FILED_GROUNDS = ['no_crime_facts', 'minor_facts', 'not_prosecutable', 'other', 'missing_materials'] as const;

/** The written notice of the decision, when it has arrived. */
const DecisionNotice = z.object({ receivedAt: Instant, attachments: attachments(1) }).strict();

/** 公安机关决定是否立案. A refusal cannot rest on missing materials (公安机关办理刑事案件程序规定 art. 180). */
export const FilingDecisionInput = z
  .object({
    decision: z.enum(['filed', 'not_filed']),
    decidedAt: Instant,
    grounds: z.enum(NOT_FILED_GROUNDS).optional().describe("required when 'not_filed'"),
    reason: freeText({ max: 5000, trim: true }).optional(),
    notice: DecisionNotice.optional().describe('the written notice of the decision, if already received'),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.decision === 'not_filed' && (!v.grounds || !v.reason)) {
      ctx.addIssue({
        code: 'custom',
        path: [v.grounds ? 'reason' : 'grounds'],
        message: 'a refusal to file states its grounds and reason',
      });
    }
    if (v.grounds === 'missing_materials') {
      ctx.addIssue({
        code: 'custom',
        path: ['grounds'],
        message:
          'the police may not refuse a transferred case for missing materials: they notify the agency to supplement them (公安机关办理刑事案件程序规定 art. 180)',
      });
    }
  });
export type FilingDecisionInput = z.infer<typeof FilingDecisionInput>;

export const DecisionNoticeInput = DecisionNotice;
export type DecisionNoticeInput = z.infer<typeof DecisionNoticeInput>;

/** 立案后移交涉案物品及有关材料. */
export const PropertyHandOverInput = z
  .object({
    handedOverAt: Instant,
    nothingToHandOver: z.boolean().default(false),
    inventory: freeText({ max: 5000, trim: true }).optional(),
    attachments: attachments(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.nothingToHandOver && !v.inventory)
      ctx.addIssue({ code: 'custom', path: ['inventory'], message: 'list what was handed over, or say there was nothing' });
  });
export type PropertyHandOverInput = z.infer<typeof PropertyHandOverInput>;

/** 提请复议 (within 3 days of the refusal notice). */
export const ReconsiderationRequestInput = z
  .object({ requestedAt: Instant, receivedByPoliceAt: Instant.optional(), reason: text(), attachments: attachments(1) })
  .strict();
export type ReconsiderationRequestInput = z.infer<typeof ReconsiderationRequestInput>;

/** 公安机关复议决定. */
export const ReconsiderationDecisionInput = z
  .object({
    decision: z.enum(['filed', 'refusal_upheld']),
    decidedAt: Instant,
    receivedAt: Instant,
    reason: text(),
    attachments: attachments(1),
  })
  .strict();
export type ReconsiderationDecisionInput = z.infer<typeof ReconsiderationDecisionInput>;

/** 建议人民检察院立案监督 (directly, or after a refused reconsideration). */
export const SupervisionRequestInput = z
  .object({ procuratorate: org(), requestedAt: Instant, reason: text(), attachments: attachments(1) })
  .strict();
export type SupervisionRequestInput = z.infer<typeof SupervisionRequestInput>;

/** What the procuratorate did (立案监督). */
export const ProcuratorateActionInput = z
  .object({
    action: z.enum(['request_explanation', 'notify_filing', 'refusal_justified']),
    receivedByPoliceAt: Instant.optional().describe(
      "when the police received the procuratorate's request or notice (starts their 7 / 15 days); required for those two",
    ),
    summary: text(),
    attachments: attachments(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.action !== 'refusal_justified' && !v.receivedByPoliceAt) {
      ctx.addIssue({ code: 'custom', path: ['receivedByPoliceAt'], message: 'when the police received it starts their period' });
    }
  });
export type ProcuratorateActionInput = z.infer<typeof ProcuratorateActionInput>;

/** The police's explanation of their refusal, given to the procuratorate. */
export const PoliceExplanationInput = z.object({ explainedAt: Instant, summary: text(), attachments: attachments() }).strict();
export type PoliceExplanationInput = z.infer<typeof PoliceExplanationInput>;

/** The police filed after the procuratorate's notice. */
export const FiledAfterNoticeInput = z.object({ filedAt: Instant, noticeReceivedAt: Instant, attachments: attachments(1) }).strict();
export type FiledAfterNoticeInput = z.infer<typeof FiledAfterNoticeInput>;

/** The agency accepts the refusal (does not, or no longer, disagree). */
export const AcceptRefusalInput = z.object({ reason: text(2000) }).strict();
export type AcceptRefusalInput = z.infer<typeof AcceptRefusalInput>;

/** 记录刑事处理结果（含职业禁入等后续措施）. */
export const RecordCriminalOutcomeInput = z
  .object({ summary: text(), followUp: freeText({ max: 2000, trim: true }).optional(), attachments: attachments() })
  .strict();
export type RecordCriminalOutcomeInput = z.infer<typeof RecordCriminalOutcomeInput>;
