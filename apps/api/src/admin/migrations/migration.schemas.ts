import { JurisdictionPrefix, ProcedureId, SectorId } from '@anjian/domain';
import { z } from 'zod';
import { Reason } from '../admin.schemas';
import { Uuid } from '../../http/uuid';

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

const DueRef = z.object({ dueAt: z.string().nullable(), policyVersion: z.number().int().nullable() });
const CaseStatus = z.enum(['pending', 'moved', 'unchanged', 'skipped', 'failed']);
const Counts = z
  .object({
    listed: z.number().int().describe('cases listed so far (all of them once listingComplete)'),
    pending: z.number().int().describe('listed, not yet attempted or still being attempted'),
    moved: z.number().int().describe('re-armed; the due instant changed'),
    unchanged: z.number().int().describe('re-armed under the target; the due instant is the same'),
    skipped: z.number().int().describe('not sent (already on the target, no running deadline, …): see note'),
    failed: z.number().int().describe('refused by the case, or no answer within its attempts: see note'),
  })
  .meta({ id: 'CaseMigrationCounts' });

export const MigrationIdParams = z.strictObject({ id: Uuid });

export const MigrationStartedSchema = z
  .object({
    id: z.uuid(),
    status: z.literal('running'),
    target: z.string().describe("'policy v3' or 'calendar CN-654000 v1'"),
    filter: CaseFilter,
    statusUrl: z.string().describe('GET it for progress, counts and failures (also in the Location header)'),
    casesUrl: z.string().describe('GET it for every case with its outcome, paged'),
    workflowId: z.string().describe('the batch workflow (caseMigrationWorkflow) in Temporal'),
  })
  .meta({ id: 'CaseMigrationStarted' });

export const MigrationCaseResultSchema = z
  .object({
    caseId: z.string(),
    jurisdiction: z.string(),
    status: CaseStatus,
    before: DueRef,
    after: DueRef.nullable(),
    note: z.string().nullable().describe('why skipped, or why it failed'),
    attempts: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'CaseMigrationResult' });

export const MigrationStatusSchema = z
  .object({
    id: z.uuid(),
    status: z
      .enum(['running', 'completed', 'failed'])
      .describe("'failed': the batch itself stopped (see failure); cases keep their outcomes"),
    cause: z.enum(['policy_migration', 'calendar_change']),
    target: z.string(),
    filter: CaseFilter,
    reason: z.string(),
    startedBy: z.object({ id: z.string(), role: z.string(), jurisdiction: z.string() }),
    startedAt: z.string(),
    updatedAt: z.string(),
    finishedAt: z.string().nullable(),
    listingComplete: z.boolean().describe('every matching case has been listed (counts.listed is final)'),
    counts: Counts.describe("over the cases inside the caller's jurisdiction subtree"),
    failures: z.array(MigrationCaseResultSchema).describe('the first 100 failed cases; page through casesUrl?status=failed for all'),
    failure: z.string().nullable(),
    workflowId: z.string(),
    casesUrl: z.string(),
  })
  .meta({ id: 'CaseMigrationStatus' });

export const MigrationCasesQuery = z.strictObject({
  status: CaseStatus.optional(),
  after: z
    .string()
    .regex(/^\d{1,10}\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "expected the previous page's `next`")
    // The position is a PostgreSQL integer: ten digits can exceed it (3019703046 was a 500, found by the fuzzer).
    .refine((s) => Number(s.slice(0, s.indexOf('.'))) <= 2_147_483_647, "expected the previous page's `next`")
    .optional()
    .describe("the previous page's `next`"),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const MigrationCasesPageSchema = z
  .object({
    cases: z.array(MigrationCaseResultSchema),
    next: z.string().nullable().describe('pass as `after` for the next page; null at the end'),
  })
  .meta({ id: 'CaseMigrationCasesPage' });

export const MigrationListSchema = z.array(MigrationStatusSchema.omit({ failures: true })).meta({ id: 'CaseMigrationList' });
export type MigrationCasesQuery = z.infer<typeof MigrationCasesQuery>;
