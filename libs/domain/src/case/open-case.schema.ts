import { z } from 'zod';
import { Actor, JurisdictionCode } from '../actor/actor';
import { freeText } from '../text/free-text';
import { CaseSource } from './case-source';
import { isValidCreditCode } from './credit-code';
import { OrderDeadline } from './order-deadline';

export const Enterprise = z.object({
  name: freeText({ max: 200 }),
  creditCode: z
    .string()
    .refine(isValidCreditCode, 'expected an 18-character unified social credit code (统一社会信用代码) with a valid check character')
    // The document states the shape (GB 32100-2015 layout: 2 codes, 6-digit division code, 10 characters);
    // the check character over the first 17 cannot be said in JSON Schema, so the description says it.
    .meta({
      pattern: '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$',
      description:
        '统一社会信用代码: 18 characters without I, O, Z, S, V; the 18th is a check character over the first 17 (GB 32100-2015), verified (a wrong one is a 400)',
    }),
});

/** What an officer submits to open a case and issue a rectification order (责令限期整改). */
export const OpenRectificationCaseInput = z
  .object({
    title: freeText({ max: 200 }),
    description: freeText({ min: 0, max: 5000 }).default(''),
    source: CaseSource,
    sector: z
      .string()
      .max(64)
      .regex(/^[a-z][a-z0-9_]*$/, 'expected a sector id such as "mining"'),
    jurisdiction: JurisdictionCode,
    hazardGrade: z.enum(['major', 'larger', 'prominent', 'general']),
    enterprise: Enterprise,
    orderKind: z.enum(['immediate', 'within_deadline', 'suspend_for_rectification']).default('within_deadline'),
    /**
     * The order's own deadline (限期), which the seeds leave case-specific. Absent: the pinned
     * policy's default period for rectification/report applies.
     */
    reportDueAt: OrderDeadline.optional().describe(
      "the order's deadline (限期): a date 'YYYY-MM-DD' (ends 24:00 Asia/Shanghai) or an ISO instant with offset; must lie in the future (400 otherwise); absent: the pinned policy's period",
    ),
  })
  .strict();
export type OpenRectificationCaseInput = z.infer<typeof OpenRectificationCaseInput>;

export const OpenCaseCommand = z.object({ caseId: z.uuid(), actor: Actor, input: OpenRectificationCaseInput });
export type OpenCaseCommand = z.infer<typeof OpenCaseCommand>;
