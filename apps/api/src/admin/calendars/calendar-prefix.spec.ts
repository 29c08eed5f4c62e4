import { calendarPrefix } from './calendar-prefix';

describe('calendarPrefix', () => {
  it('derives the prefix of a local calendar from its id', () => {
    expect(calendarPrefix('CN-650000', undefined, 'p')).toEqual({ prefix: '65' });
    expect(calendarPrefix('CN-650100', null, 'p')).toEqual({ prefix: '6501' });
    expect(calendarPrefix('CN-650102', undefined, 'p')).toEqual({ prefix: '650102' });
  });

  it('accepts a given prefix that names the same division and refuses one that does not', () => {
    expect(calendarPrefix('CN-650000', '65', 'p')).toEqual({ prefix: '65' });
    expect(calendarPrefix('CN-650000', '14', 'body.jurisdictionPrefix')).toEqual({
      issue: { path: 'body.jurisdictionPrefix', message: "calendar CN-650000 covers jurisdiction prefix '65', not '14'" },
    });
    expect('issue' in calendarPrefix('CN-650100', '65', 'p')).toBe(true);
  });

  it('gives the national calendar no prefix', () => {
    expect(calendarPrefix('CN', undefined, 'p')).toEqual({ prefix: null });
    expect(calendarPrefix('CN', null, 'p')).toEqual({ prefix: null });
    expect('issue' in calendarPrefix('CN', '65', 'p')).toBe(true);
  });
});
