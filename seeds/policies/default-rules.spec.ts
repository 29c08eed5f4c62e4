import { timedSteps } from '@anjian/domain/src/catalog/procedure';
import { HazardGrade } from '@anjian/domain/src/hazard-grade';
import { findUncoveredSteps } from '@anjian/domain/src/policy/coverage';
import { PolicyRule } from '@anjian/domain/src/policy/policy-rule';
import { resolvePolicy } from '@anjian/domain/src/policy/resolve-policy';
import { validateRuleSet } from '@anjian/domain/src/policy/validate-rules';
import { procedures } from '../catalog/procedures';
import { sectors } from '../catalog/sectors';
import { defaultRules } from './default-rules';

function resolved(procedure: PolicyRule['procedure'], step: string, sector = 'industry_trade', grade?: HazardGrade) {
  const result = resolvePolicy(defaultRules, { procedure, step, sector, jurisdiction: '140105', grade });
  if (!result.found) throw new Error(result.reasons.join('; '));
  return result;
}

describe('default rules', () => {
  it('are valid against the catalogs, with no duplicate scope', () => {
    expect(validateRuleSet(defaultRules, sectors, procedures)).toEqual([]);
  });

  it('resolve for every sector × procedure × timed step, at any jurisdiction and grade', () => {
    expect(findUncoveredSteps(defaultRules, sectors, procedures)).toEqual([]);
    let checked = 0;
    for (const sector of sectors) {
      for (const procedure of procedures) {
        for (const step of timedSteps(procedure)) {
          for (const jurisdiction of ['110101', '140105', '650000']) {
            for (const grade of [undefined, ...HazardGrade.options]) {
              const result = resolvePolicy(defaultRules, {
                procedure: procedure.id,
                step: step.id,
                sector: sector.id,
                jurisdiction,
                grade,
              });
              expect(result.found).toBe(true);
              if (result.found) expect(result.warnings).toEqual([]);
              checked++;
            }
          }
        }
      }
    }
    expect(checked).toBe(42 * 27 * 3 * 5);
  });

  it('seed the statutory transfer periods with citations', () => {
    const head = resolved('criminal_transfer', 'head_decision').rule;
    expect(head.duration).toEqual({ amount: 3, unit: 'calendarDays' });
    expect(head.provenance).toMatchObject({ kind: 'legal', byAnalogy: true });
    if (head.provenance.kind === 'legal') {
      expect(head.provenance.citation).toMatch(/310号.*第五条.*54号.*第七条/);
      expect(head.provenance.note).toMatch(/by analogy/);
      expect(head.rollOverRestDay).toBe(true);
    }
    const handOver = resolved('criminal_transfer', 'hand_over').rule;
    expect(handOver.duration).toEqual({ amount: 24, unit: 'hours' });
    expect(resolved('criminal_transfer', 'police_filing_decision').rule.duration.amount).toBe(3);
    expect(resolved('criminal_transfer', 'police_filing_decision_leads').rule.duration.amount).toBe(7);
    expect(resolved('criminal_transfer', 'police_filing_decision_complex').rule.duration.amount).toBe(30);
    expect(resolved('criminal_transfer', 'reconsideration_request').rule.provenance).toMatchObject({
      citation: expect.stringMatching(/第九条第一款/),
    });
    expect(resolved('criminal_transfer', 'police_file_after_notice').rule.duration.amount).toBe(15);
  });

  it('mark every legal rule for checking against the official text', () => {
    for (const rule of defaultRules) {
      if (rule.provenance.kind === 'legal') expect(rule.provenance.note).toMatch(/official text/);
    }
  });

  it('keep practice and local examples as administrator defaults', () => {
    const recheck = resolved('rectification', 'recheck').rule;
    expect(recheck.duration).toEqual({ amount: 10, unit: 'calendarDays' });
    expect(recheck.provenance).toMatchObject({
      kind: 'administrator_default',
      setBy: 'system-seed',
      reason: expect.stringMatching(/鄂安〔2010〕20号.*not|not.*鄂安〔2010〕20号/),
    });
    const report = resolved('interview', 'written_report').rule;
    expect(report.duration).toEqual({ amount: 5, unit: 'workingDays' });
    expect(report.provenance).toMatchObject({ kind: 'administrator_default', reason: expect.stringMatching(/Zhangzhou/) });
    const review = resolved('listed_supervision', 'on_site_review').rule;
    expect(review.provenance).toMatchObject({ kind: 'legal', citation: expect.stringMatching(/第16号.*第二十三条/) });
  });

  it('say when the seeds are silent', () => {
    const approve = resolved('closure', 'approve').rule;
    expect(approve.provenance).toMatchObject({
      kind: 'administrator_default',
      setBy: 'system-seed',
      reason: expect.stringMatching(/silent/),
    });
  });

  it('use the sector ladders worded in the seeds, also for major hazards', () => {
    const actions = (sector: string, grade?: HazardGrade) =>
      resolved('rectification', 'report', sector, grade).rule.escalation.map((r) => r.action);
    expect(actions('mining')).toEqual(['letter', 'circular', 'interview', 'exposure']);
    expect(actions('mining', 'major')).toEqual(['letter', 'circular', 'interview', 'exposure']);
    expect(actions('railway')).toEqual(['letter', 'circular', 'interview']);
    expect(actions('fire', 'major')).toEqual(['credit_listing', 'exposure']);
    expect(actions('education')).toEqual(['letter', 'circular', 'interview', 'exposure', 'listing']);
    const mining = resolved('rectification', 'report', 'mining').rule.provenance;
    expect(mining).toMatchObject({ kind: 'administrator_default', reason: expect.stringContaining('函告、通报、约谈、曝光') });
  });

  it('give general hazards a one-day (immediate) default and major hazards a longer one', () => {
    expect(resolved('rectification', 'report', 'education', 'general').rule.duration).toEqual({ amount: 1, unit: 'calendarDays' });
    expect(resolved('rectification', 'report', 'education', 'major').rule.duration.amount).toBe(90);
    expect(resolved('rectification', 'report', 'education', 'prominent').rule.duration.amount).toBe(30);
  });
});
