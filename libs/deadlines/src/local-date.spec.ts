import {
  civilFromDays,
  dayOfInstant,
  daysFromCivil,
  formatInstant,
  formatLocalDate,
  isLocalDate,
  parseLocalDate,
  startOfDayMs,
  weekdayOf,
} from './local-date';

describe('local dates (Asia/Shanghai, fixed UTC+08:00)', () => {
  it('agrees with Date.UTC for every day 1992–2100', () => {
    for (let day = daysFromCivil(1992, 1, 1); day <= daysFromCivil(2100, 12, 31); day++) {
      const utc = new Date(day * 86_400_000);
      const civil = civilFromDays(day);
      if (civil.year !== utc.getUTCFullYear() || civil.month !== utc.getUTCMonth() + 1 || civil.day !== utc.getUTCDate()) {
        throw new Error(`civil date of day ${day}`);
      }
      if (daysFromCivil(civil.year, civil.month, civil.day) !== day) throw new Error(`round trip of day ${day}`);
      if (weekdayOf(day) !== utc.getUTCDay()) throw new Error(`weekday of ${formatLocalDate(day)}`);
    }
  });

  it.each(['2026-02-30', '2025-02-29', '2026-13-01', '2026-1-01', '20260101', ''])('rejects %p', (text) => {
    expect(isLocalDate(text)).toBe(false);
    expect(() => parseLocalDate(text)).toThrow(RangeError);
  });

  it('accepts 2024-02-29 (leap year)', () => {
    expect(formatLocalDate(parseLocalDate('2024-02-29'))).toBe('2024-02-29');
  });

  it.each([
    ['2026-02-13T15:59:59.999Z', '2026-02-13'],
    ['2026-02-13T16:00:00.000Z', '2026-02-14'],
    ['2026-02-14T00:00:00+08:00', '2026-02-14'],
  ])('instant %s falls on Shanghai day %s', (instant, date) => {
    expect(formatLocalDate(dayOfInstant(Date.parse(instant)))).toBe(date);
  });

  it('puts 00:00 of a day at 16:00 UTC of the day before', () => {
    expect(new Date(startOfDayMs(parseLocalDate('2026-10-08'))).toISOString()).toBe('2026-10-07T16:00:00.000Z');
  });

  it('writes an end-of-day instant as 24:00 when asked', () => {
    const ms = Date.parse('2026-02-26T00:00:00+08:00');
    expect(formatInstant(ms)).toBe('2026-02-26 00:00');
    expect(formatInstant(ms, true)).toBe('2026-02-25 24:00');
    expect(formatInstant(ms + 1000, true)).toBe('2026-02-26 00:00');
  });
});
