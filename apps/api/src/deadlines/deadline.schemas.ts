import { Duration } from '@anjian/deadlines';
import { Cutoff, HazardGrade, Jurisdiction, ProcedureId } from '@anjian/domain';
import { z } from 'zod';
import { KnownSectorId, KnownStepId, stepBelongsToProcedure } from '../openapi/catalog-enums';
import { COUNTABLE_INSTANT_PATTERN, Instant } from './instant.schema';

/** Policy versions are PostgreSQL integers: a bigger number is a 400 naming the field, not a database error. */
const INT32_MAX = 2_147_483_647;

// ── requests ────────────────────────────────────────────────────────────────────────────────────

/** "When is this step due?" — the rule comes from a policy version, as for a case. */
export const CalculateByPolicyBody = z
  .strictObject({
    sector: KnownSectorId,
    procedure: ProcedureId,
    step: KnownStepId,
    jurisdiction: Jurisdiction.optional().describe("行政区划代码 of the case; default: the caller's"),
    grade: HazardGrade.optional().describe('隐患等级, for grade-specific rules'),
    start: Instant.meta({
      pattern: COUNTABLE_INSTANT_PATTERN,
      description: 'the event that starts the clock (ISO 8601 instant with offset); the calendars cover 1992–2100, another year is a 400',
    }),
    policyVersion: z.number().int().positive().max(INT32_MAX).optional().describe('default: the version in force at `start`'),
  })
  // Document only: the catalog check (a timed step of that procedure) as anyOf, so generated bodies pair them.
  .meta({ id: 'CalculateDeadlineByPolicy', anyOf: stepBelongsToProcedure });
export type CalculateByPolicyBody = z.infer<typeof CalculateByPolicyBody>;

/** "When does a period of N units from this instant end?" — no policy, just the counting rules and calendar. */
export const CalculateByDurationBody = z
  .strictObject({
    duration: Duration,
    cutoff: Cutoff.optional().describe('office-hours cut-off replacing 24:00 on the last day'),
    rollOverRestDay: z.boolean().optional().describe('calendar days: move a rest-day last day to the next working day (default true)'),
    jurisdiction: Jurisdiction.optional().describe("whose calendar; default: the caller's"),
    start: Instant.meta({
      pattern: COUNTABLE_INSTANT_PATTERN,
      description: 'the start of the period (ISO 8601 instant with offset); the calendars cover 1992–2100, another year is a 400',
    }),
  })
  .meta({ id: 'CalculateDeadlineByDuration' });
export type CalculateByDurationBody = z.infer<typeof CalculateByDurationBody>;

/** For the OpenAPI document; the controller picks the branch by the presence of `duration`, so errors name real fields. */
export const CalculateDeadlineBody = z.union([CalculateByPolicyBody, CalculateByDurationBody]).meta({ id: 'CalculateDeadline' });

export const ResolvePolicyQuery = z.strictObject({
  sector: KnownSectorId,
  procedure: ProcedureId,
  step: KnownStepId,
  jurisdiction: Jurisdiction.optional().describe("default: the caller's"),
  grade: HazardGrade.optional(),
  policyVersion: z.coerce.number().int().positive().max(INT32_MAX).optional().describe('default: the version in force now'),
});
export type ResolvePolicyQuery = z.infer<typeof ResolvePolicyQuery>;

// ── responses ───────────────────────────────────────────────────────────────────────────────────

export const CandidateSchema = z
  .object({
    index: z.number().int().describe('position of the rule in the version'),
    scope: z.string(),
    outcome: z.enum(['selected', 'outranked', 'not_applicable']),
    why: z.string(),
  })
  .meta({ id: 'PolicyCandidate' });

export const PolicyVersionRefSchema = z
  .object({ version: z.number().int(), label: z.string(), status: z.enum(['draft', 'published']), effectiveFrom: z.string().nullable() })
  .meta({ id: 'PolicyVersionRef' });

export const PolicyBasisSchema = z
  .object({
    version: PolicyVersionRefSchema,
    ruleIndex: z.number().int(),
    scope: z.string(),
    source: z.string().describe('citation, or who set the administrator default and why'),
    reasons: z.array(z.string()).describe('why this rule was chosen'),
    candidates: z.array(CandidateSchema).describe('every rule for the step: the chosen one and why the others lost or did not apply'),
    warnings: z.array(z.string()),
  })
  .meta({ id: 'PolicyBasis' });

export const DeadlineCalculationSchema = z
  .object({
    start: z.string(),
    dueAt: z.string().describe('end of the period; 24:00 is written as 00:00 of the next day'),
    jurisdiction: z.string(),
    duration: Duration,
    lastDay: z.string().nullable().describe('Asia/Shanghai date the period ends on; null for hours'),
    nominalLastDay: z.string().nullable().describe('the day reached by counting alone, before moving off a rest day'),
    rule: z.object({ en: z.string(), zh: z.string() }).describe('the counting rule applied, in words'),
    policy: PolicyBasisSchema.nullable().describe('null when a duration was given directly'),
    calendar: z.object({ id: z.string(), version: z.number().int(), label: z.string() }),
    adjustments: z
      .array(z.object({ date: z.string(), kind: z.enum(['weekend', 'holiday', 'makeupWorkday']), name: z.string() }))
      .describe('each weekend, holiday or make-up working day (调休上班日) that moved the end, in date order'),
    reminders: z.array(z.string()).describe('reminder instants before the deadline'),
    escalations: z
      .array(z.object({ action: z.string(), actionZh: z.string(), at: z.string() }))
      .describe('escalation rungs after the deadline'),
    outsideKnownYears: z
      .boolean()
      .describe(
        'the period reaches a year with no published holiday notice: its rest days are the provisional statutory holidays (全国年节及纪念日放假办法) and weekends, without 调休; check again once the State Council publishes the year',
      ),
    warnings: z.array(z.string()),
    explanation: z.string().describe('one paragraph, as stored on a case'),
  })
  .meta({ id: 'DeadlineCalculation' });

export const PolicyResolutionSchema = z
  .object({
    policyVersion: PolicyVersionRefSchema,
    query: z.object({
      sector: z.string(),
      procedure: z.string(),
      step: z.string(),
      jurisdiction: z.string(),
      grade: z.string().nullable(),
    }),
    found: z.boolean(),
    ruleIndex: z.number().int().nullable(),
    rule: z.record(z.string(), z.unknown()).nullable().describe('the chosen PolicyRule'),
    reasons: z.array(z.string()),
    candidates: z.array(CandidateSchema),
    warnings: z.array(z.string()),
  })
  .meta({ id: 'PolicyResolution' });
