import type { PolicyVersion } from '@anjian/persistence';

/** A version as the admin API lists it: counts instead of the rule bodies, and whether it is in force. */
export function policySummary(v: PolicyVersion, inForceVersion: number | null) {
  const { rules, ...rest } = v;
  return { ...rest, ruleCount: rules.length, inForce: v.version === inForceVersion };
}

export function policyDetail(v: PolicyVersion, inForceVersion: number | null) {
  return { ...policySummary(v, inForceVersion), rules: v.rules };
}
