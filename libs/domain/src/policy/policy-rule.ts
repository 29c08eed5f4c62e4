import { z } from 'zod';
import { Duration } from '@anjian/deadlines/src/duration';
import { ProcedureId, StepId } from '../catalog/procedure';
import { SectorId } from '../catalog/sector';
import { HazardGrade } from '../hazard-grade';
import { compareDurations, formatDuration, MAX_WORKING_DAYS } from './duration-order';
import { EscalationRung } from './escalation-rung';
import { Provenance } from './provenance';

export { EscalationAction, ESCALATION_ACTION_LABELS, EscalationRung } from './escalation-rung';
export { Provenance, LegalProvenance, AdministratorDefaultProvenance } from './provenance';

/** '*' = the national default for every sector. */
export const ANY_SECTOR = '*';
export const RuleSector = z.union([z.literal(ANY_SECTOR), SectorId]);

/**
 * 行政区划 code prefix: '14' province, '1401' city, '140105' county. A trailing '00' pair would only ever
 * match the parent's own code ('1400' = 140000 alone), which is almost certainly a typo for '14'.
 */
export const JurisdictionPrefix = z
  .string()
  .regex(/^(\d{2}|\d{4}|\d{6})$/, 'jurisdictionPrefix must be 2, 4 or 6 digits of an administrative division code')
  .refine((p) => p.length === 6 || !p.endsWith('00'), {
    message: "jurisdictionPrefix must not end in '00' (write the province as '14', not '1400')",
  });

/** A full six-digit administrative division code (e.g. 140105). */
export const Jurisdiction = z.string().regex(/^\d{6}$/, 'jurisdiction must be a six-digit administrative division code');

/** Office-hours cut-off replacing 24:00 on the last day (procedures.md §3). */
export const Cutoff = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "cutoff must be 'HH:MM' (24-hour clock)");

export const PolicyRule = z
  .object({
    procedure: ProcedureId,
    step: StepId,
    sector: RuleSector,
    jurisdictionPrefix: JurisdictionPrefix.optional(),
    grade: HazardGrade.optional(),
    /** The period itself. A rule always concerns a timed step, so zero is rejected. */
    duration: Duration,
    cutoff: Cutoff.optional(),
    /** If the last day is a rest day the period ends on the next working day (民法典 art. 203). */
    rollOverRestDay: z.boolean().default(true),
    /** Offsets before the deadline at which to remind the actor. */
    reminders: z.array(Duration).max(10).default([]),
    /** Offsets after the deadline, strictly increasing, at which to propose each action. */
    escalation: z.array(EscalationRung).max(20).default([]),
    provenance: Provenance,
  })
  .superRefine((rule, ctx) => {
    if (rule.duration.amount === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['duration', 'amount'],
        message: 'a timed step needs a period of at least 1; use the step\'s untimed form for "no deadline"',
      });
    }
    if (rule.duration.unit === 'workingDays' && rule.duration.amount > MAX_WORKING_DAYS) {
      ctx.addIssue({
        code: 'custom',
        path: ['duration', 'amount'],
        message: `${formatDuration(rule.duration)} is more than ten years; at most ${MAX_WORKING_DAYS} working days`,
      });
    }
    if (rule.cutoff !== undefined && rule.duration.unit === 'hours') {
      ctx.addIssue({
        code: 'custom',
        path: ['cutoff'],
        message: 'a cut-off replaces 24:00 on the last day; a period in hours has no last day',
      });
    }
    rule.reminders.forEach((reminder, i) => {
      if (reminder.amount === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['reminders', i, 'amount'],
          message: 'a reminder 0 before the deadline is the deadline itself',
        });
      }
      const vsDuration = compareDurations(reminder, rule.duration);
      if (vsDuration !== undefined && vsDuration >= 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['reminders', i],
          message: `reminder ${formatDuration(reminder)} before the deadline would fire before the ${formatDuration(rule.duration)} clock starts`,
        });
      }
    });
    rule.escalation.forEach((rung, i) => {
      if (i === 0) return;
      const previous = rule.escalation[i - 1];
      const order = compareDurations(rung.after, previous.after);
      if (order === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['escalation', i, 'after'],
          message: `rung ${i} (${formatDuration(rung.after)}) and rung ${i - 1} (${formatDuration(previous.after)}) mix working days with hours/calendar days, so their order depends on the holiday calendar; use one unit`,
        });
      } else if (order <= 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['escalation', i, 'after'],
          message: `escalation offsets must strictly increase: rung ${i} (${rung.action}, ${formatDuration(rung.after)}) is not after rung ${i - 1} (${previous.action}, ${formatDuration(previous.after)})`,
        });
      }
    });
  });
export type PolicyRule = z.infer<typeof PolicyRule>;
/** What an author writes: defaults (rollOverRestDay, reminders, escalation) may be left out. */
export type PolicyRuleInput = z.input<typeof PolicyRule>;

/** The fields that make two rules compete for the same cases. */
export type PolicyScope = Pick<PolicyRule, 'procedure' | 'step' | 'sector' | 'jurisdictionPrefix' | 'grade'>;

export function scopeKey(scope: PolicyScope): string {
  return [scope.procedure, scope.step, scope.sector, scope.jurisdictionPrefix ?? '', scope.grade ?? ''].join('|');
}

export function describeScope(scope: PolicyScope): string {
  const where = scope.jurisdictionPrefix ? `jurisdiction ${scope.jurisdictionPrefix}*` : 'all jurisdictions';
  const sector = scope.sector === ANY_SECTOR ? 'all sectors' : `sector ${scope.sector}`;
  const grade = scope.grade ? `grade ${scope.grade}` : 'any grade';
  return `${scope.procedure}.${scope.step} (${sector}, ${where}, ${grade})`;
}
