import { explain, type PolicyDeadline } from '@anjian/activities';
import type { PolicyVersion } from '@anjian/persistence';
import { adjustmentsText, type DeadlineResult } from '@anjian/deadlines';
import { type CandidateVerdict, describeScope, ESCALATION_ACTION_LABELS, type EscalationAction, type PolicyRule } from '@anjian/domain';

/** What a reviewer needs to check a rule's basis: the citation, or who set the default and why. */
export function ruleSource(rule: PolicyRule): string {
  const p = rule.provenance;
  if (p.kind === 'legal') return `${p.citation}${p.byAnalogy ? ' (applied partly by analogy)' : ''}${p.note ? ` — ${p.note}` : ''}`;
  return `administrator default set by ${p.setBy}: ${p.reason}`;
}

export const versionRef = (v: PolicyVersion) => ({ version: v.version, label: v.label, status: v.status, effectiveFrom: v.effectiveFrom });

/** Candidates without their full rule bodies: the scope and the verdict are what explain a choice. */
export const candidateView = (c: CandidateVerdict) => ({ index: c.index, scope: c.scope, outcome: c.outcome, why: c.why });

function durationExplanation(r: DeadlineResult): string {
  const warn = r.warnings.length ? ` Warnings: ${r.warnings.join(' ')}` : '';
  return `${r.rule} Calendar ${r.calendarLabel}.${adjustmentsText(r)}${warn}`;
}

/** The calculator's answer; `policy` is absent when the caller gave the duration directly. */
export function calculationView(jurisdiction: string, result: DeadlineResult, policy?: PolicyDeadline) {
  const rule = policy?.resolution.rule;
  return {
    start: result.start.toISOString(),
    dueAt: result.dueAt.toISOString(),
    jurisdiction,
    duration: result.duration,
    lastDay: result.lastDay,
    nominalLastDay: result.nominalLastDay,
    rule: { en: result.rule, zh: result.ruleZh },
    policy:
      policy && rule
        ? {
            version: versionRef(policy.policyVersion),
            ruleIndex: policy.resolution.index,
            scope: describeScope(rule),
            source: ruleSource(rule),
            reasons: policy.resolution.reasons,
            candidates: policy.resolution.candidates.map(candidateView),
            warnings: policy.resolution.warnings,
          }
        : null,
    calendar: { id: result.calendarId, version: result.calendarVersion, label: result.calendarLabel },
    adjustments: result.adjustments.map((a) => ({ date: a.date, kind: a.kind, name: a.name })),
    reminders: (policy?.reminders ?? []).map((d) => d.toISOString()),
    escalations: (policy?.escalations ?? []).map((e) => ({
      action: e.action,
      actionZh: ESCALATION_ACTION_LABELS[e.action as EscalationAction]?.zh ?? e.action,
      at: e.at.toISOString(),
    })),
    outsideKnownYears: result.outsideKnownYears,
    warnings: [...result.warnings, ...(policy?.resolution.warnings ?? [])],
    explanation: policy ? explain(policy) : durationExplanation(result),
  };
}
