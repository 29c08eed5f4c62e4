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
