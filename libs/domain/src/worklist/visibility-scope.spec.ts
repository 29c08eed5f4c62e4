import { narrowScope, visibilityScope } from './visibility-scope';

const p = (role: 'officer' | 'supervisor' | 'agency_head' | 'viewer' | 'administrator', jurisdiction: string, sectors: string[] = []) => ({
  id: 'u',
  name: 'u',
  role,
  jurisdiction,
  sectors,
});

describe('visibilityScope: the list filter is the access rule', () => {
  it('an officer sees their district and only their sectors', () => {
    expect(visibilityScope(p('officer', '140105', ['industry_trade', 'hazardous_chemicals']))).toEqual({
      jurisdictionPrefix: '140105',
      sectors: ['industry_trade', 'hazardous_chemicals'],
    });
  });

  it('an officer with no sectors listed sees every sector of their district', () => {
    expect(visibilityScope(p('officer', '140105'))).toEqual({ jurisdictionPrefix: '140105', sectors: null });
  });

  it('supervisors, heads and viewers see their subtree in every sector (sectors are an officer restriction)', () => {
    expect(visibilityScope(p('supervisor', '140100', ['fire']))).toEqual({ jurisdictionPrefix: '1401', sectors: null });
    expect(visibilityScope(p('agency_head', '140000'))).toEqual({ jurisdictionPrefix: '14', sectors: null });
    expect(visibilityScope(p('viewer', '000000'))).toEqual({ jurisdictionPrefix: '', sectors: null });
  });
});

describe('narrowScope: filters narrow, never widen', () => {
  const city = { jurisdictionPrefix: '1401', sectors: null };
  const officer = { jurisdictionPrefix: '140105', sectors: ['fire', 'mining'] };

  it('a district inside the subtree narrows to it', () => {
    expect(narrowScope(city, { jurisdiction: '140105' })).toEqual({ jurisdictionPrefix: '140105', sectors: null });
  });

  it('a sibling or another province is an empty result, not a wider one', () => {
    expect(narrowScope(city, { jurisdiction: '140200' })).toBeNull();
    expect(narrowScope(city, { jurisdiction: '650101' })).toBeNull();
  });

  it('a parent of the scope (or the country) leaves the scope unchanged', () => {
    expect(narrowScope(city, { jurisdiction: '140000' })).toEqual(city);
    expect(narrowScope(city, { jurisdiction: '000000' })).toEqual(city);
  });

  it("an officer's sector filter keeps only their own sectors; none left is empty", () => {
    expect(narrowScope(officer, { sectors: ['fire', 'road_transport'] })).toEqual({ jurisdictionPrefix: '140105', sectors: ['fire'] });
    expect(narrowScope(officer, { sectors: ['road_transport'] })).toBeNull();
  });

  it('a supervisor may filter on any sector; duplicates collapse', () => {
    expect(narrowScope(city, { sectors: ['fire', 'fire'] })).toEqual({ jurisdictionPrefix: '1401', sectors: ['fire'] });
  });

  it('no filter is the scope itself', () => {
    expect(narrowScope(officer, {})).toEqual(officer);
  });
});
