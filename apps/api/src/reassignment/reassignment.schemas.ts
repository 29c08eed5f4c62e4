import { freeText, identifier, LIST_LIMITS, repeatedCaseIds } from '@anjian/domain';
import { z } from 'zod';
import { Uuid } from '../http/uuid';

const Reason = freeText({ max: 500, trim: true, tooShort: 'say why: every reassignment records a reason' });

export const ReassignBody = z
  .object({
    assigneeId: identifier(64).describe('the officer (or supervisor) who takes the case over'),
    reason: Reason,
  })
  .strict();
export type ReassignBody = z.infer<typeof ReassignBody>;

export const BulkReassignBody = ReassignBody.extend({
  caseIds: z
    .array(Uuid)
    .min(1)
    .max(LIST_LIMITS.reassignMax)
    .superRefine((ids, ctx) => {
      for (const { index, firstIndex } of repeatedCaseIds(ids))
        ctx.addIssue({
          code: 'custom',
          path: [index],
          message: `the same case as caseIds.${firstIndex} (重复的案件编号): list each case once`,
        });
    })
    .describe(
      `at most ${LIST_LIMITS.reassignMax}, each case once (a repeated id is a 400 naming it: one result per case, in the order asked)`,
    ),
}).strict();
export type BulkReassignBody = z.infer<typeof BulkReassignBody>;

export const CaseIdParams = z.object({ id: Uuid }).strict();

export const ReassignmentResultSchema = z
  .object({
    caseId: z.uuid(),
    status: z.enum(['reassigned', 'not_found', 'refused', 'failed']),
    previousAssigneeId: z.string().optional(),
    assigneeId: z.string().optional(),
    via: z.enum(['workflow', 'projection']).optional().describe("'projection': a legacy case, changed in the projection with an audit row"),
    reason: z.string().optional().describe('why it was refused or failed'),
  })
  .meta({ id: 'ReassignmentResult' });

export const BulkReassignmentSchema = z
  .object({
    results: z.array(ReassignmentResultSchema).describe('one per case, in the order asked'),
    summary: z.object({ reassigned: z.number().int(), not_found: z.number().int(), refused: z.number().int(), failed: z.number().int() }),
  })
  .meta({ id: 'BulkReassignment' });
