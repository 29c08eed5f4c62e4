import { z } from 'zod';
import { freeText } from '../../text/free-text';
import { attachments, Inspector, Instant, text } from '../machine-kit';

/** 提出验收申请或整改期限届满: what starts a verification (验收 / 复查). */
export const VerificationStartInput = z
  .object({
    basis: z.enum(['application', 'deadline_reached']).describe("the enterprise's application, or the rectification deadline was reached"),
    subject: text(1000).optional().describe('what is verified (the hazard, the order)'),
    /** The procedure instance whose result is verified (e.g. 'rectification-1'). */
    sourceProcedureId: z
      .string()
      .regex(/^[a-z_]+-\d{1,6}$/, "expected a procedure instance id such as 'rectification-1'")
      .optional(),
    receivedAt: Instant.optional().describe('when the application was received or the deadline passed (default: now)'),
    attachments: attachments(),
  })
  .strict();
export type VerificationStartInput = z.infer<typeof VerificationStartInput>;

/** 安排现场核查: the supervisor names who checks and when. */
export const ScheduleCheckInput = z
  .object({
    scheduledAt: Instant,
    inspectors: z
      .array(Inspector)
      .min(1)
      .max(10)
      .refine((list) => new Set(list.map((i) => i.id)).size === list.length, 'each inspector once'),
    note: freeText({ max: 2000, trim: true }).optional(),
  })
  .strict();
export type ScheduleCheckInput = z.infer<typeof ScheduleCheckInput>;

/** 记录结论并由检查人签名（谁检查、谁签名、谁负责）: the signing inspector is required. */
export const RecordVerificationResultInput = z
  .object({
    result: z.enum(['passed', 'failed']),
    signedBy: Inspector.describe('the inspector who checked and signs the result'),
    checkedAt: Instant,
    findings: text(),
    attachments: attachments(1).describe('the signed check record'),
  })
  .strict();
export type RecordVerificationResultInput = z.infer<typeof RecordVerificationResultInput>;
