import { delistingJurisdiction, levelAvailable } from './listing-level';

describe('delistingJurisdiction (which supervisor may delist)', () => {
  it('maps a county case to the jurisdiction of each level', () => {
    expect(delistingJurisdiction('140105', 'national')).toBe('000000');
    expect(delistingJurisdiction('140105', 'province')).toBe('140000');
    expect(delistingJurisdiction('140105', 'city')).toBe('140100');
    expect(delistingJurisdiction('140105', 'county')).toBe('140105');
  });

  it('refuses a level below the case’s own jurisdiction instead of guessing', () => {
    expect(() => delistingJurisdiction('140100', 'county')).toThrow(/no county level/);
    expect(delistingJurisdiction('140100', 'city')).toBe('140100');
    expect(() => delistingJurisdiction('140000', 'city')).toThrow(/no city level/);
    expect(levelAvailable('140000', 'province')).toBe(true);
    expect(levelAvailable('140000', 'county')).toBe(false);
    expect(() => delistingJurisdiction('1401', 'city')).toThrow(/six-digit/);
  });
});
