import type { CalendarData } from '@anjian/deadlines';
import { diffCalendars } from './calendar-diff';

const v1: CalendarData = {
  id: 'CN',
  version: 1,
  knownYears: { from: 2026, to: 2026 },
  holidays: [{ date: '2026-10-01', name: '国庆节' }],
  makeupWorkdays: [{ date: '2026-09-20', name: '国庆节调休' }],
};

describe('diffCalendars', () => {
  it('reports extended known years and added entries', () => {
    const v2 = {
      ...v1,
      version: 2,
      knownYears: { from: 2026, to: 2027 },
      holidays: [...v1.holidays, { date: '2027-01-01', name: '元旦' }],
    };
    expect(diffCalendars(v1, v2)).toEqual({
      knownYears: { before: { from: 2026, to: 2026 }, after: { from: 2026, to: 2027 } },
      added: { holidays: [{ date: '2027-01-01', name: '元旦' }], makeupWorkdays: [] },
      removed: { holidays: [], makeupWorkdays: [] },
    });
  });

  it('shows a corrected entry as removed and added', () => {
    const v2 = { ...v1, version: 2, makeupWorkdays: [{ date: '2026-09-27', name: '国庆节调休' }] };
    const d = diffCalendars(v1, v2);
    expect(d.knownYears).toBeNull();
    expect(d.removed.makeupWorkdays).toEqual([{ date: '2026-09-20', name: '国庆节调休' }]);
    expect(d.added.makeupWorkdays).toEqual([{ date: '2026-09-27', name: '国庆节调休' }]);
  });
});
