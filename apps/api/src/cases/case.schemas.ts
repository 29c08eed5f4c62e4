import { OpenRectificationCaseInput, ProcedureId, RecordVerificationInput, SubmitReportInput } from '@anjian/domain';
import { z } from 'zod';
import { sectorIds } from '@anjian/seeds/catalog/sectors';
import { Uuid } from '../http/uuid';

const ArmedDeadlineSchema = z
  .object({
    step: z.string(),
    dueAt: z.string().describe('ISO instant'),
    origin: z.enum(['order', 'policy']).describe('written on the order, or from the pinned policy'),
    policyVersion: z.number().int().nullable(),
    calendarVersion: z.number().int().nullable(),
    explanation: z.string(),
  })
  .meta({ id: 'ArmedDeadline' });

export const CaseViewSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    description: z.string(),
    source: z.string(),
    sector: z.string(),
    jurisdiction: z.string(),
    hazardGrade: z.string(),
    enterprise: z.object({ name: z.string(), creditCode: z.string() }),
    procedure: z.string(),
    step: z.string(),
    status: z.enum(['open', 'closed']),
    deadline: ArmedDeadlineSchema.nullable(),
    overdue: z.boolean(),
    failures: z.number().int(),
    assigneeId: z.string(),
    openedBy: z.string(),
    openedAt: z.string(),
    closedAt: z.string().nullable(),
    policyVersion: z.number().int().nullable(),
    workflowId: z.string(),
    lastSeq: z.number().int(),
    updatedAt: z.string(),
    allowedActions: z.array(z.string()).describe('actions the current step allows'),
  })
  .meta({ id: 'Case' });

export const CaseEventSchema = z
  .object({
    seq: z.number().int(),
    type: z.string(),
    procedure: z.string(),
    before: z.string().nullable(),
    after: z.string(),
    actor: z.object({ id: z.string(), role: z.string(), jurisdiction: z.string() }).nullable(),
    reason: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    occurredAt: z.string(),
    recordedAt: z.string(),
    prevHash: z.string().nullable(),
    hash: z.string(),
  })
  .meta({ id: 'CaseEvent' });

export const IntegritySchema = z
  .object({
    valid: z.boolean(),
    brokenAt: z.number().int().nullable(),
    length: z.number().int(),
    /** The chain's head is an HMAC under EVENT_CHAIN_KEY (it anchors every row before it). */
    keyed: z.boolean(),
    /** Rows hashed with plain SHA-256 before the chain was keyed. */
    legacyRows: z.number().int(),
  })
  .meta({ id: 'EventChainIntegrity' });

export const CaseIdParams = z.object({ id: Uuid });

const KNOWN_SECTORS = new Set(sectorIds);

/** A deadline written now must lie ahead (the pure domain schema cannot know the time). */
function mustLieAhead(value: string | undefined, path: string, ctx: z.RefinementCtx): void {
  if (value !== undefined && Date.parse(value) <= Date.now()) {
    ctx.addIssue({ code: 'custom', path: [path], message: 'the deadline must lie in the future' });
  }
}

/** The domain schema plus what only the catalog and the clock know: the sector must exist (a typo would silently get national defaults). */
export const OpenCaseBody = OpenRectificationCaseInput.extend({
  // Same schema, document only: the catalog's ids as an enum (the refinement below refuses the others).
  sector: OpenRectificationCaseInput.shape.sector.meta({ enum: [...sectorIds], description: 'sector id from GET /catalog/sectors' }),
  procedure: ProcedureId.default('rectification').describe(
    "the case's first procedure (default 'rectification': the order's fields orderKind and reportDueAt apply); any other takes its start input in `input`",
  ),
  input: z
    .record(z.string(), z.unknown())
    .optional()
    .describe(
      "the first procedure's start input (schema: components.schemas.Start_<procedure>). For 'rectification', optional: the order's other fields (orderNo, servedAt, a summary other than the description); orderKind and reportDueAt sit at the body's root, and what `input` names wins",
    ),
})
  .superRefine((v, ctx) => {
    if (!KNOWN_SECTORS.has(v.sector))
      ctx.addIssue({ code: 'custom', path: ['sector'], message: `unknown sector "${v.sector}"; GET /catalog/sectors lists them` });
    mustLieAhead(v.reportDueAt, 'reportDueAt', ctx);
    if (v.procedure !== 'rectification' && v.reportDueAt !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['reportDueAt'],
        message: `reportDueAt belongs to a rectification order, not to ${v.procedure}`,
      });
  })
  .meta({ id: 'OpenRectificationCase' }); // id kept: clients and tests name it
export type OpenCaseBody = z.infer<typeof OpenCaseBody>;
export const SubmitReportBody = SubmitReportInput.meta({ id: 'SubmitReport' });
export const RecordVerificationBody = RecordVerificationInput.superRefine((v, ctx) =>
  mustLieAhead(v.newReportDueAt, 'newReportDueAt', ctx),
).meta({
  id: 'RecordVerification',
  // The domain's refinement in JSON Schema terms: a failed re-check names the new deadline.
  anyOf: [{ properties: { result: { const: 'passed' } } }, { required: ['newReportDueAt'] }],
  description: "A failed re-check (result 'failed') must give newReportDueAt, in the future.",
});
