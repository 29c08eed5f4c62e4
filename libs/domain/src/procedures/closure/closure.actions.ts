import { z } from 'zod';
import { freeText } from '../../text/free-text';
import { attachments, Inspector, Instant, text } from '../machine-kit';

/** Closure starts empty: the officer's proposal is its first act. */
export const ClosureStartInput = z
  .object({ reason: freeText({ max: 500, trim: true }).optional().describe('why closure is proposed now (e.g. the verification passed)') })
  .strict();
export type ClosureStartInput = z.infer<typeof ClosureStartInput>;

/** The verification record the proposal rests on (验收记录). */
export const VerificationRecord = z
  .object({
    /** The verification procedure instance within the case, when it ran in the system. */
    procedureId: z
      .string()
      .regex(/^[a-z_]+-\d{1,6}$/, "expected a procedure instance id such as 'verification-1'")
      .optional(),
    result: z.literal('passed').describe('only a passed verification supports closure'),
    inspector: Inspector,
    checkedAt: Instant,
    summary: text(),
  })
  .strict();

/** 提出销号（附验收记录）. */
export const ProposeClosureInput = z.object({ summary: text(), verification: VerificationRecord, attachments: attachments(1) }).strict();
export type ProposeClosureInput = z.infer<typeof ProposeClosureInput>;
