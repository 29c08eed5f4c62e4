import { endOfDayShanghai, OrderDeadline } from './order-deadline';

describe('order deadline (限期)', () => {
  it('a date ends at 24:00 Asia/Shanghai that day', () => {
    expect(endOfDayShanghai('2026-12-31')).toBe('2026-12-31T16:00:00.000Z');
    expect(OrderDeadline.parse('2026-02-28')).toBe('2026-02-28T16:00:00.000Z');
  });

  it('an instant is kept as written; anything else is refused', () => {
    expect(OrderDeadline.parse('2026-03-01T12:00:00+08:00')).toBe('2026-03-01T12:00:00+08:00');
    expect(OrderDeadline.safeParse('31/12/2026').success).toBe(false);
    expect(OrderDeadline.safeParse('2026-02-30').success).toBe(false);
  });
});

describe('order deadline bounds', () => {
  it('lies within the years the calendars cover (1992–2100), as a date or an instant', () => {
    for (const outside of ['9999-12-31', '2101-01-01', '+010000-01-01T00:00:00Z', '1991-12-31T00:00:00+08:00']) {
      const r = OrderDeadline.safeParse(outside);
      expect(r.success).toBe(false);
    }
    expect(OrderDeadline.safeParse('9999-12-31').error?.issues[0]?.message).toMatch(/1992–2100/);
    expect(OrderDeadline.parse('2100-12-30')).toBe('2100-12-30T16:00:00.000Z');
  });
});
