import { Procedure } from '../catalog/procedure';
import { findUncoveredSteps } from './coverage';
import { PolicyRule, PolicyRuleInput } from './policy-rule';
import { findDuplicateScopes, validateRuleAgainstCatalog, validateRuleSet } from './validate-rules';

const procedures: Procedure[] = [
  Procedure.parse({
    id: 'rectification',
    nameZh: '整改',
    nameEn: 'Rectification',
    endsIn: 'rectified',
    steps: [
      { id: 'issue_order', nameZh: '下达', nameEn: 'Issue', actorRole: 'officer', timed: false },
      { id: 'report', nameZh: '报告', nameEn: 'Report', actorRole: 'enterprise', timed: true, clockStartsAt: 'order served' },
      { id: 'recheck', nameZh: '复查', nameEn: 'Re-check', actorRole: 'officer', timed: true, clockStartsAt: 'deadline' },
    ],
  }),
];
const sectors = [{ id: 'mining' }, { id: 'fire' }];

const rule = (overrides: Partial<PolicyRuleInput> = {}): PolicyRule =>
  PolicyRule.parse({
    procedure: 'rectification',
    step: 'recheck',
    sector: 'mining',
    duration: { amount: 10, unit: 'calendarDays' },
    provenance: { kind: 'administrator_default', setBy: 'test', reason: 'test' },
    ...overrides,
  });

describe('validateRuleAgainstCatalog', () => {
  it('accepts a rule whose sector, procedure and timed step exist', () => {
    expect(validateRuleAgainstCatalog(rule(), sectors, procedures)).toEqual([]);
    expect(validateRuleAgainstCatalog(rule({ sector: '*' }), sectors, procedures)).toEqual([]);
  });

  it('reports an unknown sector at ["sector"]', () => {
    const issues = validateRuleAgainstCatalog(rule({ sector: 'astrology' }), sectors, procedures);
    expect(issues).toEqual([expect.objectContaining({ code: 'unknown_sector', path: ['sector'] })]);
    expect(issues[0].message).toContain("'astrology'");
  });

  it('reports an unknown step at ["step"] and lists the real ones', () => {
    const issues = validateRuleAgainstCatalog(rule({ step: 'reinspect' }), sectors, procedures);
    expect(issues).toEqual([expect.objectContaining({ code: 'unknown_step', path: ['step'] })]);
    expect(issues[0].message).toContain('recheck');
  });

  it('reports a rule on an untimed step', () => {
    expect(validateRuleAgainstCatalog(rule({ step: 'issue_order' }), sectors, procedures)).toEqual([
      expect.objectContaining({ code: 'untimed_step', path: ['step'] }),
    ]);
  });

  it('reports a procedure missing from the catalog at ["procedure"]', () => {
    expect(validateRuleAgainstCatalog(rule({ procedure: 'closure', step: 'approve' }), sectors, procedures)).toEqual([
      expect.objectContaining({ code: 'unknown_procedure', path: ['procedure'] }),
    ]);
  });
});

describe('duplicate scopes', () => {
  it('flags the same procedure + step + sector + jurisdiction + grade twice', () => {
    const rules = [
      rule({ jurisdictionPrefix: '14' }),
      rule({ jurisdictionPrefix: '1401' }),
      rule({ jurisdictionPrefix: '14', duration: { amount: 5, unit: 'calendarDays' } }),
    ];
    const issues = findDuplicateScopes(rules);
    expect(issues).toEqual([expect.objectContaining({ code: 'duplicate_scope', path: [2] })]);
    expect(issues[0].message).toMatch(/rules 0 and 2/);
  });

  it('treats a different grade or sector as a different scope', () => {
    expect(findDuplicateScopes([rule(), rule({ grade: 'major' }), rule({ sector: '*' })])).toEqual([]);
  });

  it('validateRuleSet prefixes paths with the rule index', () => {
    const issues = validateRuleSet([rule(), rule({ sector: 'astrology' }), rule()], sectors, procedures);
    expect(issues.map((i) => i.path)).toEqual([[1, 'sector'], [2]]);
  });
});

describe('findUncoveredSteps', () => {
  it('needs a grade-less, jurisdiction-less rule per sector (or "*") for each timed step', () => {
    const rules = [
      rule({ step: 'report', sector: '*' }),
      rule({ step: 'recheck', sector: 'mining' }),
      rule({ step: 'recheck', sector: 'fire', grade: 'major' }),
    ];
    expect(findUncoveredSteps(rules, sectors, procedures)).toEqual([{ sector: 'fire', procedure: 'rectification', step: 'recheck' }]);
  });
});
