import type { ArmedDeadline } from '@anjian/domain';
import {
  afterFiring,
  deadlineOf,
  mostUrgent,
  nextFiring,
  replaceDeadlines,
  resumedDueAt,
  shiftOverdue,
  suspendDeadlines,
  trackDeadline,
} from './deadline-timers';

const H = 3_600_000;
const T0 = Date.parse('2026-12-02T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

function armed(step: string, dueMs: number, reminders: number[] = [], rungs: { action: string; ms: number }[] = []): ArmedDeadline {
  return {
    step,
    start: iso(T0),
    dueAt: iso(dueMs),
    origin: 'policy',
    policyVersion: 1,
    calendarId: 'CN',
    calendarVersion: 1,
    explanation: 'test',
    reminders: reminders.map(iso),
    escalations: rungs.map((r) => ({ action: r.action, at: iso(r.ms) })),
    outsideKnownYears: false,
  };
}

describe('deadline timers of the procedure shell', () => {
  it('fires reminders, then the due instant, then the rungs, in order', () => {
    let d = trackDeadline(armed('report', T0 + 10 * H, [T0 + 8 * H, T0 + 9 * H], [{ action: 'interview', ms: T0 + 12 * H }]), T0);
    const seen: string[] = [];
    for (let f = nextFiring([d], false); f; f = nextFiring([d], false)) {
      seen.push(`${f.kind}${f.index}@${(Date.parse(f.at) - T0) / H}`);
      expect(deadlineOf([d], f)).toBe(d);
      d = afterFiring(d, f);
    }
    expect(seen).toEqual(['reminder0@8', 'reminder1@9', 'due0@10', 'escalation0@12']);
    expect(d).toMatchObject({ overdue: true, remindersFired: 2, escalationsFired: 1 });
  });

  it('collapses reminders already past when armed to the latest one', () => {
    const d = trackDeadline(armed('report', T0 + 10 * H, [T0 - 2 * H, T0 - H, T0 + 5 * H]), T0);
    expect(d.remindersFired).toBe(1);
    expect(nextFiring([d], false)).toMatchObject({ kind: 'reminder', index: 1 });
  });

  it('plans nothing while suspended and drops a firing whose deadline was re-armed', () => {
    const d = trackDeadline(armed('report', T0 + 10 * H), T0);
    expect(nextFiring([d], true)).toBeNull();
    const f = nextFiring([d], false)!;
    const moved = replaceDeadlines([d], [], [trackDeadline(armed('report', T0 + 20 * H), T0)]);
    expect(deadlineOf(moved, f)).toBeUndefined();
  });

  it('keeps the time left across a suspension and moves a passed deadline’s ladder by the time suspended', () => {
    const open = trackDeadline(armed('report', T0 + 10 * H), T0);
    const [s] = suspendDeadlines([open], T0 + 4 * H);
    expect(s!.remainingMs).toBe(6 * H);
    expect(resumedDueAt(s!, T0 + 4 * H, T0 + 7 * H)).toBe(iso(T0 + 13 * H));

    const passed = { ...trackDeadline(armed('recheck', T0 + 2 * H, [], [{ action: 'letter', ms: T0 + 5 * H }]), T0), overdue: true };
    const shifted = shiftOverdue(passed, T0 + 4 * H, T0 + 7 * H);
    expect(shifted.escalations[0]!.at).toBe(iso(T0 + 8 * H));
  });

  it('projects the earliest open deadline, else the latest passed one', () => {
    const a = trackDeadline(armed('a', T0 + 5 * H), T0);
    const b = trackDeadline(armed('b', T0 + 3 * H), T0);
    expect(mostUrgent([a, b])!.step).toBe('b');
    expect(
      mostUrgent([
        { ...a, overdue: true },
        { ...b, overdue: true },
      ])!.step,
    ).toBe('a');
    expect(mostUrgent([])).toBeNull();
  });
});
