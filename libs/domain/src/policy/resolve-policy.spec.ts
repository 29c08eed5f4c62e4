import { PolicyRule, PolicyRuleInput } from './policy-rule';
import { resolvePolicy, PolicyQuery } from './resolve-policy';

const rule = (label: string, overrides: Partial<PolicyRuleInput>): PolicyRule =>
  PolicyRule.parse({
    procedure: 'rectification',
    step: 'recheck',
    sector: '*',
    duration: { amount: 10, unit: 'calendarDays' },
    provenance: { kind: 'administrator_default', setBy: label, reason: label },
    ...overrides,
  });

const national = rule('national', {});
const sectorDefault = rule('sector', { sector: 'mining' });
const province = rule('province', { jurisdictionPrefix: '14' });
const city = rule('city', { jurisdictionPrefix: '1401' });
const county = rule('county', { jurisdictionPrefix: '140105' });
const cityMajor = rule('city-major', { jurisdictionPrefix: '1401', grade: 'major' });
const otherProvince = rule('other-province', { jurisdictionPrefix: '42' });

const query: PolicyQuery = { procedure: 'rectification', step: 'recheck', sector: 'mining', jurisdiction: '140105' };

function winner(rules: PolicyRule[], q: PolicyQuery = query): string {
  const result = resolvePolicy(rules, q);
  if (!result.found) throw new Error(result.reasons.join('; '));
  return result.rule.provenance.kind === 'administrator_default' ? result.rule.provenance.setBy : 'legal';
}

describe('resolvePolicy order', () => {
  // Rule order in the list must not matter, so every case is checked forwards and backwards.
  const both = (rules: PolicyRule[]) => [rules, [...rules].reverse()];

  it('county beats city beats province beats sector default beats national default', () => {
    for (const rules of both([national, sectorDefault, province, city, county])) expect(winner(rules)).toBe('county');
    for (const rules of both([national, sectorDefault, province, city])) expect(winner(rules)).toBe('city');
    for (const rules of both([national, sectorDefault, province])) expect(winner(rules)).toBe('province');
    for (const rules of both([national, sectorDefault])) expect(winner(rules)).toBe('sector');
    for (const rules of both([national])) expect(winner(rules)).toBe('national');
  });

  it('prefers grade-specific over grade-less at the same jurisdiction length', () => {
    for (const rules of both([city, cityMajor])) {
      expect(winner(rules, { ...query, grade: 'major' })).toBe('city-major');
      expect(winner(rules, { ...query, grade: 'general' })).toBe('city');
      expect(winner(rules, query)).toBe('city');
    }
  });

  it('still lets a longer jurisdiction beat a grade-specific rule', () => {
    for (const rules of both([cityMajor, county])) expect(winner(rules, { ...query, grade: 'major' })).toBe('county');
  });

  it('prefers a grade-specific national rule over a grade-less sector rule', () => {
    const nationalMajor = rule('national-major', { grade: 'major' });
    for (const rules of both([sectorDefault, nationalMajor])) expect(winner(rules, { ...query, grade: 'major' })).toBe('national-major');
  });

  it('ignores rules of other territories, sectors and steps', () => {
    const fire = rule('fire', { sector: 'fire', jurisdictionPrefix: '140105' });
    const report = rule('report', { step: 'report', jurisdictionPrefix: '140105' });
    expect(winner([national, otherProvince, fire, report])).toBe('national');
  });

  it('explains the choice and why each candidate lost', () => {
    const result = resolvePolicy([national, sectorDefault, province, city, otherProvince], query);
    if (!result.found) throw new Error('expected a rule');
    expect(result.index).toBe(3);
    expect(result.reasons.join('\n')).toMatch(/city 1401 covers 140105/);
    const byIndex = Object.fromEntries(result.candidates.map((c) => [c.index, c]));
    expect(byIndex[3].outcome).toBe('selected');
    expect(byIndex[0].outcome).toBe('outranked');
    expect(byIndex[2].why).toMatch(/city 1401 is more local than province 14/);
    expect(byIndex[4].outcome).toBe('not_applicable');
    expect(byIndex[4].why).toMatch(/jurisdiction 42\*/);
    expect(result.warnings).toEqual([]);
  });

  it('explains sector-over-wildcard and grade mismatches', () => {
    const result = resolvePolicy([national, sectorDefault, cityMajor], query);
    if (!result.found) throw new Error('expected a rule');
    expect(result.candidates[0].why).toMatch(/specific to sector 'mining'/);
    expect(result.candidates[2].why).toMatch(/grade major.*the case has no grade/);
  });

  it('answers "no rule" clearly, with the rejected candidates', () => {
    const none = resolvePolicy([otherProvince], query);
    expect(none.found).toBe(false);
    expect(none.reasons[0]).toMatch(/none of the 1 rule/);
    expect(none.candidates).toHaveLength(1);
    const empty = resolvePolicy([], query);
    expect(empty.found).toBe(false);
    expect(empty.reasons[0]).toMatch(/no rule exists for rectification.recheck/);
  });

  it('warns on ties and when a local default outranks a legal rule', () => {
    const legal = PolicyRule.parse({
      ...national,
      provenance: { kind: 'legal', citation: '国务院令第310号 第五条' },
    });
    const result = resolvePolicy([legal, county, rule('county-dup', { jurisdictionPrefix: '140105' })], query);
    if (!result.found) throw new Error('expected a rule');
    expect(result.index).toBe(1);
    expect(result.warnings.some((w) => /same scope/.test(w))).toBe(true);
    expect(result.warnings.some((w) => /cites 国务院令第310号/.test(w))).toBe(true);
  });

  it('throws on a jurisdiction that is not six digits', () => {
    expect(() => resolvePolicy([national], { ...query, jurisdiction: '1401' })).toThrow(RangeError);
  });
});
