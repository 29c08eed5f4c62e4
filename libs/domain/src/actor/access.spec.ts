import { coversJurisdiction, jurisdictionScope, roleMay } from './access';

describe('jurisdiction scope (行政区划 subtree)', () => {
  it.each([
    ['140000', '14'],
    ['140100', '1401'],
    ['140105', '140105'],
    ['000000', ''],
    ['110000', '11'],
  ])('%s → "%s"', (code, scope) => expect(jurisdictionScope(code)).toBe(scope));

  it('a city user reaches its districts, a district user only itself', () => {
    expect(coversJurisdiction('140100', '140105')).toBe(true);
    expect(coversJurisdiction('140105', '140105')).toBe(true);
    expect(coversJurisdiction('140105', '140106')).toBe(false);
    expect(coversJurisdiction('140105', '140100')).toBe(false);
    expect(coversJurisdiction('140000', '650101')).toBe(false);
    expect(coversJurisdiction('000000', '650101')).toBe(true);
  });

  it('viewers read but do not act; administrators configure, not advance cases', () => {
    const viewer = { id: 'v', role: 'viewer', jurisdiction: '140000' } as const;
    const admin = { id: 'a', role: 'administrator', jurisdiction: '140000' } as const;
    expect(roleMay(viewer, 'read')).toBe(true);
    expect(roleMay(viewer, 'act')).toBe(false);
    expect(roleMay(admin, 'open')).toBe(false);
    expect(roleMay({ id: 'o', role: 'officer', jurisdiction: '140105' }, 'open')).toBe(true);
  });
});
