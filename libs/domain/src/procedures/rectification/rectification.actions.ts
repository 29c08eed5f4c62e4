import { z } from 'zod';
import { OrderDeadline } from '../../case/order-deadline';
import { freeText } from '../../text/free-text';
import { attachments, documentAttachments, Inspector, Instant, text } from '../machine-kit';
import { ParentRequestSchema } from '../parent-request.schema';

/** Kinds of order (整改指令); 停产停业整顿 ends with the return-to-production check (复产验收). */
export const RectificationOrderKind = z.enum([
  'immediate', // 立即整改
  'within_deadline', // 限期整改
  'correction', // 责令改正
  'suspend_for_rectification', // 停产停业整顿
]);
export type RectificationOrderKind = z.infer<typeof RectificationOrderKind>;

/**
 * What the case workflow asks when the failed re-checks reach a count: the policy (procedure links)
 * decides, the parent copies it into the start input, the machine raises it.
 */
export const FailureEscalation = z.object({ failures: z.number().int().min(1).max(100), request: ParentRequestSchema }).strict();
export type FailureEscalation = z.infer<typeof FailureEscalation>;

/** Issue the order (下达整改指令): starts the procedure. */
export const RectificationStartInput = z
  .object({
    orderKind: RectificationOrderKind.default('within_deadline'),
    orderNo: freeText({ max: 100, trim: true }).optional(),
    summary: text().describe('what the order requires'),
    servedAt: Instant.optional().describe('when the order was served on the enterprise (default: the moment it is recorded)'),
    reportDueAt: OrderDeadline.optional().describe(
      "the order's own deadline (限期), a date or an instant; must lie ahead; absent: the pinned policy's period",
    ),
    attachments: attachments(),
    escalations: z.array(FailureEscalation).max(10).default([]),
  })
  .strict();
export type RectificationStartInput = z.infer<typeof RectificationStartInput>;

/** The enterprise's report (整改报告), or for a suspension its application to resume (复产申请). */
export const SubmitRectificationReportInput = z
  .object({
    summary: text(),
    receivedAt: Instant.optional().describe('when the document was received (default: the moment it is recorded)'),
    attachments: documentAttachments(),
  })
  .strict();
export type SubmitRectificationReportInput = z.infer<typeof SubmitRectificationReportInput>;

/** The re-check (复查; after a suspension: 复产验收), signed by its inspector. Failing sets a new deadline. */
export const RecordRecheckInput = z
  .object({
    result: z.enum(['passed', 'failed']),
    inspector: Inspector,
    findings: text(),
    attachments: attachments(),
    newReportDueAt: OrderDeadline.optional().describe("the new rectification deadline: required when result is 'failed'; must lie ahead"),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.result === 'failed' && !v.newReportDueAt) {
      ctx.addIssue({ code: 'custom', path: ['newReportDueAt'], message: 'a failed re-check must set the new rectification deadline' });
    }
    if (v.result === 'passed' && v.newReportDueAt) {
      ctx.addIssue({ code: 'custom', path: ['newReportDueAt'], message: 'a passed re-check sets no new deadline' });
    }
  });
export type RecordRecheckInput = z.infer<typeof RecordRecheckInput>;

/** The agency head lifts the suspension (解除停产停业整顿, 准予复产). */
export const LiftSuspensionInput = z
  .object({ decisionNo: freeText({ max: 100, trim: true }).optional(), summary: text(), attachments: attachments(1) })
  .strict();
export type LiftSuspensionInput = z.infer<typeof LiftSuspensionInput>;

/** The supervisor ends the order as escalated (penalty, suspension, closure request, transfer). */
export const ConcludeEscalatedInput = z
  .object({
    escalation: z.enum(['penalty', 'suspension', 'closure_request', 'transfer', 'listing']),
    reason: text(2000),
  })
  .strict();
export type ConcludeEscalatedInput = z.infer<typeof ConcludeEscalatedInput>;
