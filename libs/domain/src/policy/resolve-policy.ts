import type { ProcedureId } from '../catalog/procedure';
import { HAZARD_GRADE_LABELS, HazardGrade } from '../hazard-grade';
import { ANY_SECTOR, describeScope, Jurisdiction, PolicyRule } from './policy-rule';

export interface PolicyQuery {
  procedure: ProcedureId;
  step: string;
  sector: string;
  /** Six-digit administrative division code of the case. */
  jurisdiction: string;
  grade?: HazardGrade;
}

export interface CandidateVerdict {
  /** Position in the rule list, so an admin screen can link to it. */
  index: number;
  rule: PolicyRule;
  scope: string;
  outcome: 'selected' | 'outranked' | 'not_applicable';
  why: string;
}

export type PolicyResolution =
  | {
      found: true;
      rule: PolicyRule;
      index: number;
      reasons: string[];
      /** Every rule for this procedure step, with why it applied and won, or why not. */
      candidates: CandidateVerdict[];
      /** Things a reviewer should look at; resolution still succeeded. */
      warnings: string[];
    }
  | { found: false; reasons: string[]; candidates: CandidateVerdict[] };

/**
 * Specificity, compared left to right; higher wins.
 *
 * 1. Longer jurisdiction prefix (county 6 > city 4 > province 2 > national 0). A local administrator wrote
 *    that rule on purpose for their territory, usually to implement local rules or practice (e.g.
 *    鄂安〔2010〕20号 in Hubei); a national sector default was written without knowing that territory.
 * 2. Grade given over grade-less. Within one territory the grade changes the obligation itself
 *    (一般 立即整改 vs 重大 挂账整改, domain.md §2.7), more than the sector does.
 * 3. Specific sector over '*'. Sector rules mostly change wording and ladders (domain.md §3.6); they refine a
 *    default but should not override a territory's or a grade's explicit choice.
 *
 * Rules are whole records (no field-by-field merge), so a sector ladder that must also hold for a grade
 * needs its own sector+grade rule. Legal periods bind everywhere; a warning flags a local default that
 * outranks a rule citing law.
 */
type Specificity = readonly [jurisdictionLength: number, gradeGiven: number, sectorSpecific: number];

function specificity(rule: PolicyRule): Specificity {
  return [rule.jurisdictionPrefix?.length ?? 0, rule.grade ? 1 : 0, rule.sector === ANY_SECTOR ? 0 : 1];
}

function compareSpecificity(a: Specificity, b: Specificity): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return 0;
}

function jurisdictionLevel(prefix: string | undefined): string {
  switch (prefix?.length) {
    case 6:
      return `county ${prefix}`;
    case 4:
      return `city ${prefix}`;
    case 2:
      return `province ${prefix}`;
    default:
      return 'national';
  }
}

function whyNotApplicable(rule: PolicyRule, query: PolicyQuery): string | undefined {
  if (rule.sector !== ANY_SECTOR && rule.sector !== query.sector) {
    return `for sector '${rule.sector}', the case is in '${query.sector}'`;
  }
  if (rule.jurisdictionPrefix !== undefined && !query.jurisdiction.startsWith(rule.jurisdictionPrefix)) {
    return `for jurisdiction ${rule.jurisdictionPrefix}*, the case is in ${query.jurisdiction}`;
  }
  if (rule.grade !== undefined && rule.grade !== query.grade) {
    const caseGrade = query.grade ? `grade ${query.grade}` : 'no grade';
    return `for grade ${rule.grade} (${HAZARD_GRADE_LABELS[rule.grade].zh}), the case has ${caseGrade}`;
  }
  return undefined;
}

function whyItApplies(rule: PolicyRule, query: PolicyQuery): string {
  const sector = rule.sector === ANY_SECTOR ? `national default for all sectors` : `sector '${rule.sector}' matches`;
  const place =
    rule.jurisdictionPrefix === undefined
      ? 'no jurisdiction restriction'
      : `${jurisdictionLevel(rule.jurisdictionPrefix)} covers ${query.jurisdiction}`;
  const grade = rule.grade === undefined ? 'any grade' : `grade ${rule.grade} matches`;
  return `${sector}; ${place}; ${grade}`;
}

function whyOutranked(loser: PolicyRule, winner: PolicyRule, winnerIndex: number): string {
  const [lj, lg] = specificity(loser);
  const [wj, wg] = specificity(winner);
  if (lj !== wj) {
    return `outranked by rule #${winnerIndex}: ${jurisdictionLevel(winner.jurisdictionPrefix)} is more local than ${jurisdictionLevel(loser.jurisdictionPrefix)}`;
  }
  if (lg !== wg) {
    return `outranked by rule #${winnerIndex}: same jurisdiction level, and it is specific to grade ${winner.grade} while this rule is for any grade`;
  }
  const ls = specificity(loser)[2];
  const ws = specificity(winner)[2];
  if (ls !== ws) {
    return `outranked by rule #${winnerIndex}: same jurisdiction level and grade, and it is specific to sector '${winner.sector}' while this rule is the national '*' default`;
  }
  return `tied with rule #${winnerIndex} (same scope); the earlier rule wins — the rule set has a duplicate scope`;
}

/**
 * Picks the most specific rule for a case's procedure step. Pure: the caller passes the rule set of the
 * policy version the case runs under.
 */
export function resolvePolicy(rules: readonly PolicyRule[], query: PolicyQuery): PolicyResolution {
  const parsedJurisdiction = Jurisdiction.safeParse(query.jurisdiction);
  if (!parsedJurisdiction.success) {
    // A malformed code is a caller bug; answering "no rule" would silently drop a deadline.
    throw new RangeError(`resolvePolicy: jurisdiction '${query.jurisdiction}' is not a six-digit administrative division code`);
  }

  const forStep = rules
    .map((rule, index) => ({ rule, index }))
    .filter(({ rule }) => rule.procedure === query.procedure && rule.step === query.step);

  const applicable: { rule: PolicyRule; index: number }[] = [];
  const verdicts = new Map<number, CandidateVerdict>();
  for (const { rule, index } of forStep) {
    const notApplicable = whyNotApplicable(rule, query);
    if (notApplicable) {
      verdicts.set(index, { index, rule, scope: describeScope(rule), outcome: 'not_applicable', why: `does not apply: ${notApplicable}` });
    } else {
      applicable.push({ rule, index });
    }
  }

  const subject = `${query.procedure}.${query.step} in sector '${query.sector}', jurisdiction ${query.jurisdiction}, ${
    query.grade ? `grade ${query.grade}` : 'no grade'
  }`;

  if (applicable.length === 0) {
    return {
      found: false,
      reasons: [
        forStep.length === 0
          ? `no rule exists for ${query.procedure}.${query.step}; add a national default (sector '*')`
          : `none of the ${forStep.length} rule(s) for ${query.procedure}.${query.step} applies to ${subject}`,
      ],
      candidates: forStep.map(({ index }) => verdicts.get(index)!),
    };
  }

  // Stable: among equal specificity the earlier rule stays first.
  const ranked = [...applicable].sort((a, b) => compareSpecificity(specificity(b.rule), specificity(a.rule)) || a.index - b.index);
  const winner = ranked[0];
  const warnings: string[] = [];

  verdicts.set(winner.index, {
    index: winner.index,
    rule: winner.rule,
    scope: describeScope(winner.rule),
    outcome: 'selected',
    why: `applies (${whyItApplies(winner.rule, query)}) and is the most specific`,
  });
  for (const { rule, index } of ranked.slice(1)) {
    const why = whyOutranked(rule, winner.rule, winner.index);
    verdicts.set(index, {
      index,
      rule,
      scope: describeScope(rule),
      outcome: 'outranked',
      why: `applies (${whyItApplies(rule, query)}) but ${why}`,
    });
    if (compareSpecificity(specificity(rule), specificity(winner.rule)) === 0) {
      warnings.push(`rules #${winner.index} and #${index} have the same scope ${describeScope(rule)}; #${winner.index} was used`);
    }
    if (rule.provenance.kind === 'legal' && winner.rule.provenance.kind !== 'legal') {
      warnings.push(
        `rule #${winner.index} (administrator default) outranks rule #${index}, which cites ${rule.provenance.citation}; a local default cannot change a statutory period — check it`,
      );
    }
  }

  const reasons = [
    `rule #${winner.index} ${describeScope(winner.rule)} was chosen for ${subject}`,
    `it applies: ${whyItApplies(winner.rule, query)}`,
    applicable.length === 1
      ? 'it is the only applicable rule'
      : `it is the most specific of ${applicable.length} applicable rules (order: longer jurisdiction prefix, then grade-specific, then sector-specific)`,
    winner.rule.provenance.kind === 'legal'
      ? `source: ${winner.rule.provenance.citation}`
      : `source: administrator default set by ${winner.rule.provenance.setBy} — ${winner.rule.provenance.reason}`,
  ];

  return {
    found: true,
    rule: winner.rule,
    index: winner.index,
    reasons,
    candidates: forStep.map(({ index }) => verdicts.get(index)!),
    warnings,
  };
}
