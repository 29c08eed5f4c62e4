import { z } from 'zod';
import { Actor } from '../actor/actor';
import { OrderDeadline } from '../case/order-deadline';
import { freeText, identifier } from '../text/free-text';

export const Attachment = z.object({
  name: freeText({ max: 255 }),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex SHA-256 digest'),
  size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});

/** The enterprise's rectification report (整改报告), recorded by an officer. */
export const SubmitReportInput = z
  .object({
    summary: freeText({ max: 5000 }),
    attachments: z.array(Attachment).max(50).default([]),
  })
  .strict();
export type SubmitReportInput = z.infer<typeof SubmitReportInput>;

/**
 * The re-check result (复查). The signing inspector is required: 谁检查、谁签名、谁负责.
 * A failed re-check must give the new deadline.
 */
export const RecordVerificationInput = z
  .object({
    result: z.enum(['passed', 'failed']),
    inspector: z.object({ id: identifier(64), name: freeText({ max: 100 }) }).strict(),
    findings: freeText({ max: 5000 }),
    newReportDueAt: OrderDeadline.optional().describe(
      "the new rectification deadline: required when result is 'failed'; a date 'YYYY-MM-DD' (ends 24:00 Asia/Shanghai) or an ISO instant with offset; whenever given it must lie in the future (400 otherwise)",
    ),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.result === 'failed' && !v.newReportDueAt) {
      ctx.addIssue({ code: 'custom', path: ['newReportDueAt'], message: 'a failed re-check must set the new rectification deadline' });
    }
  });
export type RecordVerificationInput = z.infer<typeof RecordVerificationInput>;

export const RectificationAction = z.enum(['submitReport', 'recordVerification']);
export type RectificationAction = z.infer<typeof RectificationAction>;

export const SubmitReportCommand = z.object({ actor: Actor, input: SubmitReportInput });
export type SubmitReportCommand = z.infer<typeof SubmitReportCommand>;
export const RecordVerificationCommand = z.object({ actor: Actor, input: RecordVerificationInput });
export type RecordVerificationCommand = z.infer<typeof RecordVerificationCommand>;

/** An administrator's move of a running case to another policy version or calendar. */
export const RearmDeadlineCommand = z.object({
  actor: Actor,
  reason: freeText({ max: 2000, trim: true }),
  cause: z.enum(['policy_migration', 'calendar_change']),
  policyVersion: z.number().int().positive().max(2147483647),
});
export type RearmDeadlineCommand = z.infer<typeof RearmDeadlineCommand>;
