import { Instant } from './machine-kit';

describe('Instant (when something happened outside the system)', () => {
  it('takes an ISO instant with offset within the years the calendars cover', () => {
    expect(Instant.safeParse('2026-04-01T08:00:00+08:00').success).toBe(true);
    expect(Instant.safeParse('1992-01-01T00:00:00+08:00').success).toBe(true);
    expect(Instant.safeParse('2100-12-31T23:59:59+08:00').success).toBe(true);
  });

  it('refuses one outside 1992–2100 in Asia/Shanghai days (a deadline could not be counted from it)', () => {
    for (const s of ['1013-12-05T16:24:29-22:01', '1991-12-31T23:59:59+08:00', '2101-01-01T00:00:00+08:00', '9999-01-01T00:00:00Z']) {
      const r = Instant.safeParse(s);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toMatch(/outside 1992–2100/);
    }
  });

  it('still refuses what is not an instant with offset', () => {
    expect(Instant.safeParse('2026-04-01T08:00:00').success).toBe(false);
    expect(Instant.safeParse('yesterday').success).toBe(false);
  });
});
