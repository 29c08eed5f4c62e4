import { z } from 'zod';
import { JurisdictionCode } from '../../actor/actor';
import { OrderDeadline } from '../../case/order-deadline';
import { freeText } from '../../text/free-text';
import { attachments, documentAttachments, Inspector, Instant, text } from '../machine-kit';
import { ListingLevel } from './listing-level';

/** 挂牌督办 starts with the case's jurisdiction (it decides who may delist) and why. */
export const ListedSupervisionStartInput = z
  .object({
    caseJurisdiction: JurisdictionCode,
    reason: freeText({ max: 1000, trim: true }).optional().describe('what called for the listing (e.g. the overdue rung)'),
  })
  .strict();
export type ListedSupervisionStartInput = z.infer<typeof ListedSupervisionStartInput>;

/** 提出挂牌督办建议. */
export const ProposeListingInput = z
  .object({ hazard: text(2000), reason: text(2000), proposedLevel: ListingLevel.optional(), attachments: attachments() })
  .strict();
export type ProposeListingInput = z.infer<typeof ProposeListingInput>;

/** 确定督办层级. */
export const SetLevelInput = z.object({ level: ListingLevel, reason: freeText({ max: 2000, trim: true }).optional() }).strict();
export type SetLevelInput = z.infer<typeof SetLevelInput>;

/** 下达挂牌督办通知书 (agency head); the notice states the rectification deadline when it has one. */
export const IssueListingNoticeInput = z
  .object({
    noticeNo: freeText({ max: 100, trim: true }),
    servedAt: Instant.optional().describe('when the notice was served on the enterprise (default: now)'),
    rectificationDueAt: OrderDeadline.optional().describe("the rectification deadline the notice states; absent: the policy's period"),
    attachments: attachments(1).describe('the listing notice (挂牌督办通知书)'),
  })
  .strict();
export type IssueListingNoticeInput = z.infer<typeof IssueListingNoticeInput>;

/** 治理方案 with the "five in place" (五落实): responsibility, measures, funds, deadline, emergency plan — all required. */
export const FiveInPlace = z
  .object({
    responsibility: z
      .object({ person: freeText({ max: 100, trim: true }), position: freeText({ max: 100, trim: true }), duties: text(2000) })
      .strict(),
    measures: text(5000),
    funds: z.object({ amountYuan: z.number().int().min(1).max(1e12), source: text(500) }).strict(),
    deadline: z.iso.date().describe('the date the plan commits to finish by'),
    emergencyPlan: text(5000),
  })
  .strict();
export type FiveInPlace = z.infer<typeof FiveInPlace>;

export const SubmitPlanInput = z
  .object({ fiveInPlace: FiveInPlace, receivedAt: Instant.optional(), attachments: documentAttachments() })
  .strict();
export type SubmitPlanInput = z.infer<typeof SubmitPlanInput>;

/** 定期报告治理进展 (recurring until rectification is complete). */
export const ProgressReportInput = z
  .object({
    summary: text(),
    percentComplete: z.number().int().min(0).max(100).optional(),
    receivedAt: Instant.optional(),
    attachments: documentAttachments(),
  })
  .strict();
export type ProgressReportInput = z.infer<typeof ProgressReportInput>;

/** 完成整改并申请验收 (or 恢复生产申请 when the listing suspended production). */
export const RectificationCompleteInput = z
  .object({
    summary: text(),
    resumeProductionApplication: z.boolean().default(false),
    receivedAt: Instant.optional(),
    attachments: documentAttachments(),
  })
  .strict();
export type RectificationCompleteInput = z.infer<typeof RectificationCompleteInput>;

/** 现场审查 / 整改效果评价. A failed review sets a new rectification deadline. */
export const OnSiteReviewInput = z
  .object({
    result: z.enum(['passed', 'failed']),
    inspector: Inspector,
    findings: text(),
    newRectificationDueAt: OrderDeadline.optional().describe("required when result is 'failed'; must lie ahead"),
    attachments: attachments(1).describe('the signed review record'),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.result === 'failed' && !v.newRectificationDueAt) {
      ctx.addIssue({ code: 'custom', path: ['newRectificationDueAt'], message: 'a failed review must set the new rectification deadline' });
    }
    if (v.result === 'passed' && v.newRectificationDueAt) {
      ctx.addIssue({ code: 'custom', path: ['newRectificationDueAt'], message: 'a passed review sets no new deadline' });
    }
  });
export type OnSiteReviewInput = z.infer<typeof OnSiteReviewInput>;

/** 销号（摘牌）, by a supervisor of the jurisdiction the level names. */
export const DelistInput = z.object({ summary: text(), attachments: attachments() }).strict();
export type DelistInput = z.infer<typeof DelistInput>;

/** A change of level goes to an approver (approval 'listing_level'). */
export const RequestLevelChangeInput = z.object({ level: ListingLevel, reason: text(2000) }).strict();
export type RequestLevelChangeInput = z.infer<typeof RequestLevelChangeInput>;

export const ConcludeListingEscalatedInput = z
  .object({ escalation: z.enum(['accountability', 'exposure', 'coercive', 'suspension', 'transfer']), reason: text(2000) })
  .strict();
export type ConcludeListingEscalatedInput = z.infer<typeof ConcludeListingEscalatedInput>;
