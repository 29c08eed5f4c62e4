import { JurisdictionPrefix, ProcedureId, SectorId } from '@anjian/domain';
import { z } from 'zod';
import { Reason } from '../admin.schemas';

/** Which open cases an administrator means; all open cases when empty. */
export const CaseFilter = z
  .strictObject({
    sector: SectorId.optional(),
    jurisdictionPrefix: JurisdictionPrefix.optional().describe("e.g. '6501' for every county of 乌鲁木齐市"),
    procedure: ProcedureId.optional(),
  })
  .meta({ id: 'CaseFilter' });
export type CaseFilter = z.infer<typeof CaseFilter>;

export const PreviewBody = z.strictObject({ filter: CaseFilter.default({}) }).meta({ id: 'PolicyPreviewRequest' });
export const MigrationBody = z.strictObject({ filter: CaseFilter.default({}), reason: Reason }).meta({ id: 'CaseMigrationRequest' });

const DeadlineRef = z.object({
  dueAt: z.string().nullable(),
  origin: z.enum(['order', 'policy']).nullable(),
  policyVersion: z.number().int().nullable(),
  calendar: z.string().nullable().describe("e.g. 'CN v1'"),
});

export const PreviewRowSchema = z
  .object({
    caseId: z.string(),
    sector: z.string(),
    jurisdiction: z.string(),
    procedure: z.string(),
    step: z.string().nullable().describe('the timed step whose deadline runs'),
    before: DeadlineRef.describe('the deadline now armed'),
    after: DeadlineRef.nullable().describe('the deadline under the previewed version; null on error or without a deadline'),
    change: z.enum(['earlier', 'later', 'unchanged', 'order_date_kept', 'no_deadline', 'error']),
    note: z.string().nullable(),
  })
  .meta({ id: 'PolicyPreviewRow' });

export const PolicyPreviewSchema = z
  .object({
    version: z.object({ version: z.number().int(), label: z.string(), status: z.enum(['draft', 'published']) }),
    filter: CaseFilter,
    counts: z.object({
      cases: z.number().int(),
      earlier: z.number().int(),
      later: z.number().int(),
      unchanged: z.number().int(),
      orderDateKept: z.number().int(),
      noDeadline: z.number().int(),
      errors: z.number().int(),
    }),
    truncated: z.boolean().describe('more cases matched than one request handles; narrow the filter'),
    cases: z.array(PreviewRowSchema),
  })
  .meta({ id: 'PolicyPreview' });

export const MigrationResultSchema = z
  .object({
    caseId: z.string(),
    status: z
      .enum(['migrated', 'skipped', 'failed', 'deferred'])
      .describe("'deferred': the request's time budget ran out before this case; run the migration again"),
    before: z.object({ dueAt: z.string().nullable(), policyVersion: z.number().int().nullable() }),
    after: z.object({ dueAt: z.string().nullable(), policyVersion: z.number().int().nullable() }).nullable(),
    note: z.string().nullable().describe('why skipped, or the error'),
  })
  .meta({ id: 'CaseMigrationResult' });

export const MigrationReportSchema = z
  .object({
    target: z.string().describe("'policy v3' or 'calendar CN v4'"),
    filter: CaseFilter,
    counts: z.object({
      matched: z.number().int(),
      migrated: z.number().int(),
      skipped: z.number().int(),
      failed: z.number().int(),
      deferred: z.number().int(),
    }),
    truncated: z
      .boolean()
      .describe('more cases matched than one request handles, or its time budget ran out; run it again (migrated cases are skipped)'),
    results: z.array(MigrationResultSchema),
  })
  .meta({ id: 'CaseMigrationReport' });
