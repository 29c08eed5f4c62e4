import { nationalCalendarFromChineseDays } from '@anjian/seeds/calendar/chinese-days';
import { WorkingCalendar } from './calendar';
import { type ClockEvent, ClockSequenceError, applyClockEvent, foldClock, startClock } from './clock';
import { computeDeadline } from './deadline';
import type { Duration } from './duration';

const data = nationalCalendarFromChineseDays(1);
const calendar = WorkingCalendar.from(data);
const at = (text: string): Date => new Date(`${text.replace(' ', 'T')}:00+08:00`);
const iso = (text: string): string => at(text).toISOString();
const base = (start: string, duration: Duration) => computeDeadline(calendar, { start: at(start), duration });
const suspend = (when: string, reason = '等待鉴定结论 awaiting expert opinion'): ClockEvent => ({
  type: 'suspend',
  at: at(when),
  reason,
});
const resume = (when: string): ClockEvent => ({ type: 'resume', at: at(when) });
const extend = (to: string, reason = '案情复杂 complex case', approvedBy = 'supervisor-140105-01'): ClockEvent => ({
  type: 'extend',
  to: at(to),
  reason,
  approvedBy,
});

describe('foldClock: suspension (中止)', () => {
  it.each<[string, string, Duration, ClockEvent[], string]>([
    [
      // Counted before: 02-11 (day 1). Suspended 02-12 … 02-24 holds 4 working days (02-12, 02-13,
      // make-up 02-14, 02-24); remaining 4 run 02-25, 02-26, 02-27 and make-up Sat 02-28.
      'working days across Spring Festival 2026',
      '2026-02-10 09:00',
      { amount: 5, unit: 'workingDays' },
      [suspend('2026-02-12 15:00'), resume('2026-02-25 09:00')],
      '2026-03-01 00:00',
    ],
    [
      // Nominal last day 10-05 (holiday, rolled to 10-08). Suspended 09-28 … 10-08 = 11 days → 10-16.
      'calendar days across National Day 2026',
      '2026-09-25 09:00',
      { amount: 10, unit: 'calendarDays' },
      [suspend('2026-09-28 10:00'), resume('2026-10-09 10:00')],
      '2026-10-17 00:00',
    ],
    [
      // Suspended on 10-08, inside the roll-over after the counted last day 10-02: 1 day onto 10-08.
      'calendar days, suspended during the rest-day roll-over',
      '2026-09-29 10:00',
      { amount: 3, unit: 'calendarDays' },
      [suspend('2026-10-08 10:00'), resume('2026-10-09 08:00')],
      '2026-10-10 00:00',
    ],
    [
      'calendar days, suspended and resumed the same day: nothing given back',
      '2026-03-02 09:00',
      { amount: 10, unit: 'calendarDays' },
      [suspend('2026-03-04 09:00'), resume('2026-03-04 17:00')],
      '2026-03-13 00:00',
    ],
    [
      'calendar days, suspended on the start day: the uncounted start day is not given back',
      '2026-03-02 09:00',
      { amount: 10, unit: 'calendarDays' },
      [suspend('2026-03-02 15:00'), resume('2026-03-04 09:00')],
      '2026-03-14 00:00',
    ],
    [
      // 24 h from 22:30 → due 02-14 23:00; suspended at 10:00 with 13 h left; resumed 15:30.
      'hours freeze to the minute',
      '2026-02-13 22:30',
      { amount: 24, unit: 'hours' },
      [suspend('2026-02-14 10:00'), resume('2026-02-14 15:30')],
      '2026-02-15 04:30',
    ],
    [
      'two suspensions add up',
      '2026-03-02 09:00',
      { amount: 5, unit: 'workingDays' },
      [suspend('2026-03-03 09:00'), resume('2026-03-04 09:00'), suspend('2026-03-05 09:00'), resume('2026-03-06 09:00')],
      '2026-03-12 00:00',
    ],
  ])('%s', (_label, start, duration, events, expected) => {
    const state = foldClock(calendar, base(start, duration), events);
    expect(state.dueAt.toISOString()).toBe(iso(expected));
    expect(state.suspended).toBe(false);
    expect(state.history.map((h) => h.type)).toEqual(['computed', ...events.map((e) => e.type)]);
  });

  it('while suspended reports the frozen due instant and the suspension', () => {
    const deadline = base('2026-03-02 09:00', { amount: 5, unit: 'workingDays' });
    const state = foldClock(calendar, deadline, [suspend('2026-03-03 09:00')]);
    expect(state).toMatchObject({ suspended: true, suspendedAt: at('2026-03-03 09:00'), dueAt: deadline.dueAt });
  });

  it('lists the holidays that moved the end on resume', () => {
    const state = foldClock(calendar, base('2026-09-25 09:00', { amount: 10, unit: 'calendarDays' }), [
      suspend('2026-09-28 10:00'),
      resume('2026-09-30 10:00'),
    ]);
    // Nominal 10-05 + 2 days = 10-07 (holiday) → rolls to 10-08.
    expect(state.dueAt.toISOString()).toBe(iso('2026-10-09 00:00'));
    expect(state.history[2].adjustments.map((a) => a.date)).toEqual(['2026-10-07']);
    expect(state.history[2].note).toContain('2 calendar day(s) 2026-09-28…2026-09-29 not counted');
  });

  it('flags a resumed clock that now ends in an unknown year', () => {
    const state = foldClock(calendar, base('2026-12-21 09:00', { amount: 5, unit: 'workingDays' }), [
      suspend('2026-12-22 09:00'),
      resume('2027-01-05 09:00'),
    ]);
    expect(state.outsideKnownYears).toBe(true);
    expect(state.warnings.join('\n')).toContain('2027');
  });
});

describe('foldClock: extension (延期)', () => {
  const deadline = base('2026-02-13 10:00', { amount: 3, unit: 'workingDays' }); // due 02-26 00:00

  it('moves the deadline to the approved instant and records who and why', () => {
    const state = foldClock(calendar, deadline, [extend('2026-03-06 00:00')]);
    expect(state.dueAt.toISOString()).toBe(iso('2026-03-06 00:00'));
    expect(state.history[1]).toMatchObject({
      type: 'extend',
      dueAtBefore: deadline.dueAt,
      dueAtAfter: at('2026-03-06 00:00'),
      reason: '案情复杂 complex case',
      approvedBy: 'supervisor-140105-01',
      note: 'deadline extended (延期) to 2026-03-05 24:00, approved by supervisor-140105-01: 案情复杂 complex case',
    });
  });

  it('a suspension after an extension moves the extended day by working days', () => {
    const state = foldClock(calendar, deadline, [
      extend('2026-03-06 00:00'),
      suspend('2026-03-02 09:00'),
      resume('2026-03-04 09:00'), // 03-02 and 03-03 not counted: 03-05 → 03-09
    ]);
    expect(state.dueAt.toISOString()).toBe(iso('2026-03-10 00:00'));
    expect(state.history).toHaveLength(4);
  });

  it('applies one event at a time without changing the previous state', () => {
    const first = startClock(deadline);
    const second = applyClockEvent(calendar, first, suspend('2026-02-24 09:00'));
    expect(first.suspended).toBe(false);
    expect(first.history).toHaveLength(1);
    expect(second.suspended).toBe(true);
  });
});

describe('foldClock: invalid sequences', () => {
  const deadline = base('2026-03-02 09:00', { amount: 5, unit: 'workingDays' }); // due 03-10 00:00
  it.each<[string, ClockEvent[], RegExp]>([
    ['resume without suspend', [resume('2026-03-03 09:00')], /not suspended/],
    ['suspend twice', [suspend('2026-03-03 09:00'), suspend('2026-03-04 09:00')], /already suspended/],
    ['extend while suspended', [suspend('2026-03-03 09:00'), extend('2026-03-20 00:00')], /resume it before extending/],
    ['extend to an earlier instant', [extend('2026-03-09 00:00')], /not later than/],
    ['extend without a reason', [extend('2026-03-20 00:00', '  ')], /invalid extend event/],
    ['extend without an approver', [extend('2026-03-20 00:00', 'reason', '')], /invalid extend event/],
    ['suspend after the deadline', [suspend('2026-03-10 00:00')], /already passed/],
    ['events out of order', [suspend('2026-03-05 09:00'), resume('2026-03-04 09:00')], /before the previous event/],
  ])('rejects %s', (_label, events, message) => {
    expect(() => foldClock(calendar, deadline, events)).toThrow(ClockSequenceError);
    expect(() => foldClock(calendar, deadline, events)).toThrow(message);
  });

  it("rejects a clock applied with another jurisdiction's calendar", () => {
    const other = WorkingCalendar.from({ ...data, id: 'CN-140000' });
    expect(() => foldClock(other, deadline, [suspend('2026-03-03 09:00')])).toThrow(/computed with calendar CN/);
  });
});
