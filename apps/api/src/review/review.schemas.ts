import { freeText, HazardGrade, identifier, JurisdictionCode, LIST_LIMITS, ProcedureId, STALLED_REASONS } from '@anjian/domain';
import { sectorIds } from '@anjian/seeds/catalog/sectors';
import { z } from 'zod';
import { CaseRowSchema } from '../worklist/case-row.view';
import { cursorParam, instantParam, listParam, pageSize, stepParam } from '../worklist/list-query';

const SectorParam = z.enum(sectorIds as [string, ...string[]]);

/** The filters of the stalled review; the page, the counts and the exports take the same ones. */
export const StalledFilterQuery = z
  .object({
    reason: listParam(z.enum(STALLED_REASONS), STALLED_REASONS.length)
      .optional()
      .describe(
        'why a case is listed (any of them): overdue (deadline passed), no_progress (no change for noProgressDays), awaiting_my_approval; default all',
      ),
    noProgressDays: z.coerce
      .number()
      .int()
      .min(1)
      .max(LIST_LIMITS.noProgressDaysMax)
      .default(LIST_LIMITS.noProgressDaysDefault)
      .describe(`"no progress" threshold in days (default ${LIST_LIMITS.noProgressDaysDefault})`),
    sector: listParam(SectorParam).optional(),
    jurisdiction: JurisdictionCode.optional().describe("a subtree inside the caller's (outside it: an empty list)"),
    procedure: ProcedureId.optional(),
    step: stepParam.optional(),
    hazardGrade: listParam(HazardGrade, 4).optional(),
    assigneeId: identifier(64).optional(),
    openedFrom: instantParam.optional(),
    openedTo: instantParam.optional().describe('exclusive'),
    dueFrom: instantParam.optional(),
    dueTo: instantParam.optional().describe('exclusive'),
    q: freeText({ min: LIST_LIMITS.searchMin, max: LIST_LIMITS.searchMax, trim: true })
      .optional()
      .describe('enterprise name or credit code contains this text (literally, case-insensitive)'),
    sort: z.enum(['due_at', 'opened_at', 'updated_at', 'last_progress_at']).default('due_at'),
    order: z.enum(['asc', 'desc']).default('asc'),
  })
  .strict();
export type StalledFilterQuery = z.infer<typeof StalledFilterQuery>;

export const StalledPageQuery = StalledFilterQuery.extend({ limit: pageSize, cursor: cursorParam.optional() }).strict();
export type StalledPageQuery = z.infer<typeof StalledPageQuery>;

export const StalledRowSchema = CaseRowSchema.extend({ reasons: z.array(z.enum(STALLED_REASONS)) }).meta({ id: 'StalledCaseRow' });

export const StalledPageSchema = z
  .object({
    items: z.array(StalledRowSchema),
    nextCursor: z.string().nullable(),
    now: z.string(),
  })
  .meta({ id: 'StalledPage' });

export const StalledCountsSchema = z
  .object({
    overdue: z.number().int(),
    no_progress: z.number().int(),
    awaiting_my_approval: z.number().int(),
    total: z.number().int().describe('cases with at least one of the requested reasons'),
    now: z.string(),
  })
  .meta({ id: 'StalledCounts' });
