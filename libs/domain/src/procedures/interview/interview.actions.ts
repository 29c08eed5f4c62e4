import { z } from 'zod';
import { OrderDeadline } from '../../case/order-deadline';
import { freeText } from '../../text/free-text';
import { attachments, documentAttachments, Inspector, Instant, text } from '../machine-kit';

const name = () => freeText({ max: 100, trim: true });

/** 约谈 starts when something calls for it (an overdue rung, a supervisor's decision). */
export const InterviewStartInput = z
  .object({ reason: freeText({ max: 1000, trim: true }).optional().describe('what called for the interview (e.g. the overdue rung)') })
  .strict();
export type InterviewStartInput = z.infer<typeof InterviewStartInput>;

/** 记录约谈事由. */
export const RecordTriggerInput = z
  .object({
    reason: text(2000),
    interviewee: z.object({ organisation: freeText({ max: 200, trim: true }), person: name(), position: name().optional() }).strict(),
    attachments: attachments(),
  })
  .strict();
export type RecordTriggerInput = z.infer<typeof RecordTriggerInput>;

/** 下达约谈通知书 (signed by the agency head). */
export const IssueInterviewNoticeInput = z
  .object({
    noticeNo: freeText({ max: 100, trim: true }).optional(),
    scheduledAt: Instant.describe('when the interview is to be held'),
    attachments: attachments(1).describe('the interview notice (约谈通知书)'),
  })
  .strict();
export type IssueInterviewNoticeInput = z.infer<typeof IssueInterviewNoticeInput>;

/** 召开约谈: attendees, minutes (约谈纪要), commitments. */
export const HoldInterviewInput = z
  .object({
    heldAt: Instant,
    attendees: z
      .array(z.object({ name: name(), organisation: freeText({ max: 200, trim: true }), position: name().optional() }).strict())
      .min(2)
      .max(50),
    minutes: text(20000),
    commitments: z.array(text(1000)).min(1).max(50),
    reportDueAt: OrderDeadline.optional().describe(
      "the date the written report is due, if the minutes state one; absent: the policy's period",
    ),
    attachments: attachments(1).describe('the signed minutes (约谈纪要)'),
  })
  .strict();
export type HoldInterviewInput = z.infer<typeof HoldInterviewInput>;

/** 被约谈方书面报告整改落实情况 (recorded by the officer, with the document). */
export const InterviewWrittenReportInput = z
  .object({ summary: text(), receivedAt: Instant.optional(), attachments: documentAttachments() })
  .strict();
export type InterviewWrittenReportInput = z.infer<typeof InterviewWrittenReportInput>;

/** 回头看: did the interviewed party keep its commitments? */
export const FollowUpInput = z
  .object({
    result: z.enum(['commitments_kept', 'commitments_not_kept']),
    inspector: Inspector,
    checkedAt: Instant,
    findings: text(),
    attachments: attachments(),
  })
  .strict();
export type FollowUpInput = z.infer<typeof FollowUpInput>;

/** 办结或升级（通报 / 曝光 / 问责）. */
export const ConcludeInterviewInput = z
  .object({
    outcome: z.enum(['resolved', 'escalated']),
    escalation: z.enum(['circular', 'exposure', 'accountability']).optional().describe('通报 / 曝光 / 问责: required when escalated'),
    reason: text(2000),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.outcome === 'escalated' && !v.escalation) {
      ctx.addIssue({ code: 'custom', path: ['escalation'], message: 'an escalated interview says how (通报 / 曝光 / 问责)' });
    }
    if (v.outcome === 'resolved' && v.escalation) {
      ctx.addIssue({ code: 'custom', path: ['escalation'], message: 'a resolved interview has no escalation' });
    }
  });
export type ConcludeInterviewInput = z.infer<typeof ConcludeInterviewInput>;
