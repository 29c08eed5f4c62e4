import { coversJurisdiction, isNational, jurisdictionScope, mayManageCalendar, mayPublishPolicy, roleMay } from './access';

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

describe('administrators: authority follows jurisdiction', () => {
  const admin = (jurisdiction: string) => ({ id: `admin-${jurisdiction}`, role: 'administrator', jurisdiction }) as const;

  it('only 000000 is national', () => {
    expect(isNational('000000')).toBe(true);
    expect(isNational('650000')).toBe(false);
    expect(isNational('100000')).toBe(false);
  });

  it('only a national administrator publishes a policy version', () => {
    expect(mayPublishPolicy(admin('000000'))).toBe(true);
    expect(mayPublishPolicy(admin('650000'))).toBe(false);
    expect(mayPublishPolicy(admin('650102'))).toBe(false);
    expect(mayPublishPolicy({ id: 'o', role: 'officer', jurisdiction: '000000' })).toBe(false);
  });

  it('the national calendar is national; a local calendar belongs to administrators whose subtree contains it', () => {
    expect(mayManageCalendar(admin('000000'), null)).toBe(true);
    expect(mayManageCalendar(admin('000000'), '')).toBe(true);
    expect(mayManageCalendar(admin('000000'), '14')).toBe(true);
    expect(mayManageCalendar(admin('650000'), null)).toBe(false);
    expect(mayManageCalendar(admin('650000'), '')).toBe(false);
    expect(mayManageCalendar(admin('650000'), '65')).toBe(true);
    expect(mayManageCalendar(admin('650000'), '6540')).toBe(true);
    expect(mayManageCalendar(admin('650000'), '14')).toBe(false);
    expect(mayManageCalendar(admin('650100'), '65')).toBe(false);
    expect(mayManageCalendar(admin('650100'), '650102')).toBe(true);
    expect(mayManageCalendar(admin('650100'), '6502')).toBe(false);
    expect(mayManageCalendar({ id: 's', role: 'supervisor', jurisdiction: '000000' }, '65')).toBe(false);
  });
});
