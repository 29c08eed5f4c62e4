import type { ArmedDeadline } from '@anjian/domain';
import { type ListedCase, planCase } from './migration-plan';

const id = '0b9f3a52-6a8e-4c1e-9a57-8d2f0c1b2a3c';
const deadline = {
  step: 'report',
  dueAt: '2027-01-01T16:00:00.000Z',
  policyVersion: 1,
  calendarId: 'CN',
  calendarVersion: 2,
  origin: 'policy',
} as ArmedDeadline;
const legacy: ListedCase = {
  id,
  jurisdiction: '650203',
  procedure: 'rectification',
  workflowId: `case-${id}-rectification`,
  policyVersion: 1,
  deadline,
};
const modern: ListedCase = { ...legacy, workflowId: `case-${id}`, deadline: null };

describe('planCase', () => {
  it('sends a legacy case to its rectification workflow under the target version, and skips one already on it', () => {
    expect(planCase(legacy, { kind: 'policy', version: 3 })).toEqual({
      send: { caseId: id, workflowId: `case-${id}-rectification`, route: 'rectification', policyVersion: 3 },
    });
    expect(planCase({ ...legacy, policyVersion: 3 }, { kind: 'policy', version: 3 })).toEqual({ skip: 'already on policy v3' });
  });

  it('skips a legacy case without a running deadline, but sends a case-workflow case (it re-arms every procedure itself)', () => {
    expect(planCase({ ...legacy, deadline: null }, { kind: 'policy', version: 3 })).toEqual({
      skip: 'no deadline is running in the current step',
    });
    expect(planCase(modern, { kind: 'policy', version: 3 })).toEqual({
      send: { caseId: id, workflowId: `case-${id}`, route: 'case', policyVersion: 3 },
    });
  });

  it('recomputes under the pinned version after a calendar change, skipping cases computed with that calendar version', () => {
    expect(planCase(legacy, { kind: 'calendar', calendarId: 'CN', calendarVersion: 3 })).toEqual({
      send: { caseId: id, workflowId: `case-${id}-rectification`, route: 'rectification', policyVersion: 1 },
    });
    expect(planCase(legacy, { kind: 'calendar', calendarId: 'CN', calendarVersion: 2 })).toEqual({ skip: 'already computed with CN v2' });
    expect(planCase({ ...modern, policyVersion: null }, { kind: 'calendar', calendarId: 'CN', calendarVersion: 3 })).toEqual({
      skip: 'no pinned policy version to recompute with',
    });
  });

  it('skips a case whose workflow id is neither scheme', () => {
    expect(planCase({ ...legacy, workflowId: 'something-else' }, { kind: 'policy', version: 3 })).toEqual({
      skip: 'workflow something-else does not re-arm deadlines',
    });
  });
});
