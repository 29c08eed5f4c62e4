import { LIST_LIMITS, ProcedureId } from '@anjian/domain';
import { z } from 'zod';
import { CaseRowSchema } from './case-row.view';
import { cursorParam, pageSize, stepParam } from './list-query';

export const WorklistQuery = z
  .object({
    assignee: z
      .enum(['me', 'any'])
      .default('me')
      .describe("'me': cases assigned to the caller (default); 'any': every case in the caller's reach"),
    due: z
      .enum(['soon', 'overdue', 'any'])
      .default('any')
      .describe("'soon': deadline within dueSoonHours and not yet passed; 'overdue': deadline passed"),
    dueSoonHours: z.coerce
      .number()
      .int()
      .min(1)
      .max(LIST_LIMITS.dueSoonHoursMax)
      .default(LIST_LIMITS.dueSoonHoursDefault)
      .describe(`the "due soon" window in hours (default ${LIST_LIMITS.dueSoonHoursDefault})`),
    procedure: ProcedureId.optional(),
    step: stepParam.optional(),
    limit: pageSize,
    cursor: cursorParam.optional(),
  })
  .strict();
export type WorklistQuery = z.infer<typeof WorklistQuery>;

export const WorklistPageSchema = z
  .object({
    items: z.array(CaseRowSchema),
    nextCursor: z.string().nullable().describe('pass as cursor for the next page; null on the last page'),
    now: z.string().describe('the instant timeLeftSeconds were computed at'),
  })
  .meta({ id: 'WorklistPage' });
