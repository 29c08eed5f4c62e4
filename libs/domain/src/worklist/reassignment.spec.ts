import { isLegacyWorkflow, reassignmentRefusal, repeatedCaseIds } from './reassignment';

const officer = (jurisdiction: string, sectors: string[] = [], active = true) => ({
  id: `officer@${jurisdiction}`,
  name: '王执法',
  role: 'officer' as const,
  jurisdiction,
  sectors,
  active,
});
const open = { jurisdiction: '140105', sector: 'fire', status: 'open', assigneeId: 'a', workflowId: 'case-x' };

describe('reassignmentRefusal', () => {
  it('an officer of the district and sector may take the case', () => {
    expect(reassignmentRefusal(open, officer('140105', ['fire']))).toBeNull();
    expect(reassignmentRefusal(open, officer('140105'))).toBeNull();
  });
  it('refuses a closed case, a disabled user, a viewer, another district or another sector', () => {
    expect(reassignmentRefusal({ ...open, status: 'closed' }, officer('140105'))).toMatch(/closed/);
    expect(reassignmentRefusal(open, officer('140105', [], false))).toMatch(/disabled/);
    expect(reassignmentRefusal(open, { ...officer('140105'), role: 'viewer' })).toMatch(/not an officer/);
    expect(reassignmentRefusal(open, officer('140106'))).toMatch(/cannot act on this case/);
    expect(reassignmentRefusal(open, officer('140105', ['mining']))).toMatch(/cannot act on this case/);
  });
  it('names the role with its article', () => {
    expect(reassignmentRefusal(open, { ...officer('140105'), role: 'agency_head' })).toBe(
      'user officer@140105 is an agency_head, not an officer or supervisor',
    );
    expect(reassignmentRefusal(open, { ...officer('140105'), role: 'administrator' })).toMatch(/ is an administrator, /);
    expect(reassignmentRefusal(open, { ...officer('140105'), role: 'viewer' })).toMatch(/ is a viewer, /);
  });
});

describe('isLegacyWorkflow', () => {
  it('recognises the pre-procedures rectification workflow id only', () => {
    expect(isLegacyWorkflow('abc', 'case-abc-rectification')).toBe(true);
    expect(isLegacyWorkflow('abc', 'case-abc')).toBe(false);
    expect(isLegacyWorkflow('abc', 'case-abd-rectification')).toBe(false);
  });
});

describe('repeatedCaseIds', () => {
  const a = '0b6a1f9e-6f2c-4d3b-9a51-2f0c6e1d7a10';
  const b = '5d3c2b1a-0f9e-4d8c-8b7a-6e5f4d3c2b1a';
  it('names every later occurrence with where the id came first', () => {
    expect(repeatedCaseIds([a, b])).toEqual([]);
    expect(repeatedCaseIds([a, b, a, a])).toEqual([
      { index: 2, firstIndex: 0, caseId: a },
      { index: 3, firstIndex: 0, caseId: a },
    ]);
  });
  it('one case in upper and lower case hex is the same case', () => {
    expect(repeatedCaseIds([b, a, b.toUpperCase()])).toEqual([{ index: 2, firstIndex: 0, caseId: b.toUpperCase() }]);
  });
});
