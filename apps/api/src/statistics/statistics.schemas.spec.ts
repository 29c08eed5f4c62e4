import { StatisticsQuery } from './statistics.schemas';

/** Fuzz finding: `to=true` or an empty `to` made the real-date check throw (a 500) instead of a 400. */
describe('StatisticsQuery dates', () => {
  it.each(['true', '', '2026-02-30', '0000-01-01', '2100-01-01'])('refuses %p with an issue on its path, without throwing', (to) => {
    const parsed = StatisticsQuery.safeParse({ to });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join('.'))).toContain('to');
  });

  it('accepts a real date inside 2000–2099', () => {
    expect(StatisticsQuery.safeParse({ from: '2026-01-01', to: '2026-12-31' }).success).toBe(true);
  });
});
