import { HAZARD_GRADE_LABELS, HazardGrade } from '../hazard-grade';
import { ESCALATION_ACTION_LABELS, EscalationAction } from './escalation-rung';
import { PolicyRule, PolicyRuleInput } from './policy-rule';

const base: PolicyRuleInput = {
  procedure: 'rectification',
  step: 'recheck',
  sector: '*',
  duration: { amount: 10, unit: 'calendarDays' },
  provenance: { kind: 'administrator_default', setBy: 'test', reason: 'test' },
};

function issuesOf(input: unknown): { path: PropertyKey[]; message: string }[] {
  const result = PolicyRule.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path, message: i.message }));
}

function pathsOf(input: unknown): string[] {
  return issuesOf(input).map((i) => i.path.map(String).join('.'));
}

describe('PolicyRule schema', () => {
  it('accepts a minimal rule and fills the defaults', () => {
    const rule = PolicyRule.parse(base);
    expect(rule.rollOverRestDay).toBe(true);
    expect(rule.reminders).toEqual([]);
    expect(rule.escalation).toEqual([]);
  });

  it('rejects a negative duration at duration.amount', () => {
    expect(pathsOf({ ...base, duration: { amount: -1, unit: 'calendarDays' } })).toEqual(['duration.amount']);
  });

  it('rejects a zero duration for a timed step with a clear message', () => {
    const issues = issuesOf({ ...base, duration: { amount: 0, unit: 'calendarDays' } });
    expect(issues.map((i) => i.path)).toEqual([['duration', 'amount']]);
    expect(issues[0].message).toMatch(/at least 1/);
  });

  it('rejects absurd durations (more than ten years)', () => {
    expect(pathsOf({ ...base, duration: { amount: 3651, unit: 'calendarDays' } })).toEqual(['duration.amount']);
    expect(pathsOf({ ...base, duration: { amount: 3000, unit: 'workingDays' } })).toEqual(['duration.amount']);
    expect(pathsOf({ ...base, duration: { amount: 2500, unit: 'workingDays' } })).toEqual([]);
  });

  it('rejects a malformed jurisdiction prefix and a 00-padded one', () => {
    expect(pathsOf({ ...base, jurisdictionPrefix: '140' })).toEqual(['jurisdictionPrefix']);
    expect(pathsOf({ ...base, jurisdictionPrefix: '1400' })).toEqual(['jurisdictionPrefix']);
    for (const ok of ['14', '1401', '140105', '140100']) {
      expect(pathsOf({ ...base, jurisdictionPrefix: ok })).toEqual([]);
    }
  });

  it('checks the cut-off format and refuses a cut-off on an hour period', () => {
    expect(pathsOf({ ...base, cutoff: '17:30' })).toEqual([]);
    expect(pathsOf({ ...base, cutoff: '24:00' })).toEqual(['cutoff']);
    expect(pathsOf({ ...base, duration: { amount: 24, unit: 'hours' }, cutoff: '17:30' })).toEqual(['cutoff']);
  });

  it('rejects a reminder that would fire before the clock starts', () => {
    expect(
      pathsOf({
        ...base,
        reminders: [
          { amount: 3, unit: 'calendarDays' },
          { amount: 10, unit: 'calendarDays' },
        ],
      }),
    ).toEqual(['reminders.1']);
  });

  it('rejects escalation offsets that do not strictly increase, pointing at the offending rung', () => {
    const issues = issuesOf({
      ...base,
      escalation: [
        { action: 'letter', after: { amount: 1, unit: 'calendarDays' } },
        { action: 'circular', after: { amount: 7, unit: 'calendarDays' } },
        { action: 'interview', after: { amount: 7, unit: 'calendarDays' } },
        { action: 'exposure', after: { amount: 48, unit: 'hours' } },
      ],
    });
    expect(issues.map((i) => i.path)).toEqual([
      ['escalation', 2, 'after'],
      ['escalation', 3, 'after'],
    ]);
    expect(issues[0].message).toMatch(/strictly increase/);
  });

  it('compares hours with calendar days but refuses to order working days against them', () => {
    expect(
      pathsOf({
        ...base,
        escalation: [
          { action: 'letter', after: { amount: 12, unit: 'hours' } },
          { action: 'circular', after: { amount: 1, unit: 'calendarDays' } },
        ],
      }),
    ).toEqual([]);
    const issues = issuesOf({
      ...base,
      escalation: [
        { action: 'letter', after: { amount: 1, unit: 'calendarDays' } },
        { action: 'circular', after: { amount: 5, unit: 'workingDays' } },
      ],
    });
    expect(issues.map((i) => i.path)).toEqual([['escalation', 1, 'after']]);
    expect(issues[0].message).toMatch(/holiday calendar/);
  });

  it('rejects an unknown escalation action and an unknown procedure', () => {
    expect(pathsOf({ ...base, escalation: [{ action: 'firing_squad', after: { amount: 1, unit: 'hours' } }] })).toEqual([
      'escalation.0.action',
    ]);
    expect(pathsOf({ ...base, procedure: 'penalty' })).toEqual(['procedure']);
  });

  it('rejects a non-slug sector and accepts the national wildcard', () => {
    expect(pathsOf({ ...base, sector: 'Mining' })).toEqual(['sector']);
    expect(pathsOf({ ...base, sector: 'mining' })).toEqual([]);
  });

  it('discriminates provenance by kind', () => {
    expect(pathsOf({ ...base, provenance: { kind: 'legal', citation: '国务院令第310号 (2020修订) 第五条', byAnalogy: true } })).toEqual([]);
    expect(pathsOf({ ...base, provenance: { kind: 'legal' } })).toEqual(['provenance.citation']);
    expect(pathsOf({ ...base, provenance: { kind: 'rumour', citation: 'x' } })).toEqual(['provenance.kind']);
  });
});

describe('labels', () => {
  it('label every hazard grade and escalation action in Chinese and English', () => {
    for (const g of HazardGrade.options) expect(HAZARD_GRADE_LABELS[g].zh).toBeTruthy();
    for (const a of EscalationAction.options) expect(ESCALATION_ACTION_LABELS[a].zh).toBeTruthy();
    expect(HAZARD_GRADE_LABELS.prominent.zh).toBe('突出');
    expect(ESCALATION_ACTION_LABELS.letter.zh).toBe('函告');
  });
});
