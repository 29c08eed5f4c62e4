import { cstDate, statisticsPeriod } from './statistics-period';

describe('statisticsPeriod (dates in China Standard Time, both inclusive)', () => {
  it('defaults to the year so far', () => {
    expect(statisticsPeriod('2026-12-02')).toEqual({
      ok: true,
      from: '2025-12-31T16:00:00.000Z',
      to: '2026-12-02T16:00:00.000Z',
      fromDate: '2026-01-01',
      toDate: '2026-12-02',
    });
  });
  it('a single day is 24 hours from 00:00 CST', () => {
    const p = statisticsPeriod('2026-12-02', '2026-03-01', '2026-03-01');
    expect(p).toMatchObject({ ok: true, from: '2026-02-28T16:00:00.000Z', to: '2026-03-01T16:00:00.000Z' });
  });
  it('refuses a reversed period and one longer than 36 months', () => {
    expect(statisticsPeriod('2026-12-02', '2026-05-01', '2026-04-30')).toMatchObject({ ok: false, path: 'from' });
    expect(statisticsPeriod('2026-12-02', '2023-01-01', '2026-01-01')).toMatchObject({ ok: false, path: 'to' });
    expect(statisticsPeriod('2026-12-02', '2023-02-01', '2026-01-31')).toMatchObject({ ok: true });
  });
  it('cstDate: 23:30 UTC is already the next day in Beijing', () => {
    expect(cstDate('2026-12-01T23:30:00Z')).toBe('2026-12-02');
    expect(cstDate('2026-12-01T15:59:59Z')).toBe('2026-12-01');
  });
});
