import { type CalendarData, STATUTORY_HOLIDAYS_BASIS as BASIS } from '@anjian/deadlines';
import type { CalendarRepository, PolicyVersion, PolicyVersionRepository, StoredCalendar } from '@anjian/persistence';
import { nationalCalendarFromChineseDays } from '@anjian/seeds/calendar/chinese-days';
import { defaultRules } from '@anjian/seeds/policies/default-rules';
import { DeadlineService, explain } from './deadline.service';

/** The two repository calls calendarFor makes, over versions held in memory (an administrator adds one). */
class InMemoryCalendars {
  readonly versions: StoredCalendar[] = [];
  add(data: CalendarData): void {
    this.versions.push({
      id: data.id,
      version: data.version,
      jurisdictionPrefix: null,
      data,
      createdBy: 'test',
      reason: 'test',
      createdAt: '',
    });
  }
  async latestVersions() {
    const latest = this.versions.reduce((a, b) => (b.version > a.version ? b : a));
    return [{ id: latest.id, version: latest.version, jurisdictionPrefix: latest.jurisdictionPrefix }];
  }
  async get(id: string, version: number) {
    return this.versions.find((v) => v.id === id && v.version === version) ?? null;
  }
}

const policy: PolicyVersion = {
  version: 1,
  label: 'test',
  status: 'published',
  effectiveFrom: '2024-01-01T00:00:00.000Z',
  rules: [...defaultRules],
  basedOn: null,
  createdBy: 'test',
  reason: 'test',
  createdAt: '',
  publishedAt: '',
};

const national = nationalCalendarFromChineseDays(1); // State Council notices 2004–2026
const at = (text: string): Date => new Date(`${text.replace(' ', 'T')}:00+08:00`);

function service(calendars: InMemoryCalendars): DeadlineService {
  return new DeadlineService({} as PolicyVersionRepository, calendars as unknown as CalendarRepository);
}

describe('DeadlineService: years after the last State Council notice', () => {
  it('counts 元旦 2027 as a provisional rest day, flagged, instead of a working day', async () => {
    const calendars = new InMemoryCalendars();
    calendars.add(national);
    const result = await service(calendars).forDuration({
      start: at('2026-12-31 10:00'),
      duration: { amount: 1, unit: 'workingDays' },
      jurisdiction: '650102',
    });
    // Before: 2027-01-01 (a Friday) was the first working day.
    expect(result.lastDay).toBe('2027-01-04');
    expect(result.outsideKnownYears).toBe(true);
    expect(result.adjustments[0]).toEqual({ date: '2027-01-01', kind: 'holiday', name: "元旦 New Year's Day", provisional: BASIS });
    expect(result.warnings.join(' ')).toContain(BASIS);
  });

  it("uses an administrator's new version with next year's notice instead of the provisional days", async () => {
    const calendars = new InMemoryCalendars();
    calendars.add(national);
    const deadlines = service(calendars);
    const request = { start: at('2027-09-30 09:00'), duration: { amount: 1, unit: 'workingDays' as const }, jurisdiction: '650102' };
    expect((await deadlines.forDuration(request)).lastDay).toBe('2027-10-04'); // provisional 国庆 1–3 October

    // Test data shaped like a notice (国庆 1–7 October, make-up Saturday 10-09), not the official 2027 schedule.
    calendars.add({
      ...national,
      version: 2,
      knownYears: { from: national.knownYears.from, to: 2027 },
      holidays: [...national.holidays, ...[1, 2, 3, 4, 5, 6, 7].map((d) => ({ date: `2027-10-0${d}`, name: '国庆节 (test notice)' }))],
      makeupWorkdays: [...national.makeupWorkdays, { date: '2027-10-09', name: '国庆节 (test notice)' }],
    });
    const official = await deadlines.forDuration(request);
    expect(official).toMatchObject({ lastDay: '2027-10-08', outsideKnownYears: false, calendarVersion: 2, warnings: [] });
    expect(official.adjustments.every((a) => a.provisional === undefined)).toBe(true);
    // 2028 is still provisional under the new version.
    const next = await deadlines.forDuration({ ...request, start: at('2028-09-29 09:00') });
    expect(next).toMatchObject({ lastDay: '2028-10-04', outsideKnownYears: true, calendarVersion: 2 });
  });

  it('explains a make-up working day as 调休上班日, not as the festival', async () => {
    const calendars = new InMemoryCalendars();
    calendars.add(national);
    const computed = await service(calendars).forPolicy(
      { procedure: 'interview', step: 'written_report', sector: 'industry_trade', jurisdiction: '650102', start: at('2025-12-31 10:00') },
      policy,
    );
    expect(computed.result.lastDay).toBe('2026-01-08'); // 5 working days: Sun 01-04 (调休) is the first
    const text = explain(computed);
    expect(text).toContain("Counted as 调休 working days: 2026-01-04 调休上班日 (make-up working day for 元旦 New Year's Day).");
    expect(text).not.toMatch(/Moved by: [^.]*2026-01-04 元旦/);
    // Rule, basis and calendar read as sentences: one full stop each, never two, never none.
    expect(text).toMatch(/^Policy v\d+ rule \([^)]*\): .*\. Basis: .*\. Calendar [^ ]+ v\d+\./);
    expect(text).not.toMatch(/\.\./);
    expect(text).not.toMatch(/[^.] Basis:/);
  });
});

describe('DeadlineService: reads shared by one computation, never across computations', () => {
  /** Counts the reads that are not of immutable rows: the current calendar versions, the policy in force. */
  function counting() {
    const calendars = new InMemoryCalendars();
    calendars.add(national);
    const reads = { latestCalendars: 0, inForce: 0 };
    const latest = calendars.latestVersions.bind(calendars);
    calendars.latestVersions = async () => {
      reads.latestCalendars++;
      return latest();
    };
    const policies = {
      inForceAt: async () => {
        reads.inForce++;
        return policy;
      },
    } as unknown as PolicyVersionRepository;
    return { deadlines: new DeadlineService(policies, calendars as unknown as CalendarRepository), reads };
  }
  const request = {
    procedure: 'rectification',
    step: 'report',
    sector: 'industry_trade',
    jurisdiction: '140105',
    hazardGrade: 'major',
    start: '2026-03-02T02:00:00.000Z',
    policyVersion: null,
  };

  it('reads the current calendar versions once for an arm with the date written on the order', async () => {
    const { deadlines, reads } = counting();
    const armed = await deadlines.arm({ ...request, explicitDueAt: '2026-03-20T10:00:00.000Z' });
    expect(armed).toMatchObject({ origin: 'order', dueAt: '2026-03-20T10:00:00.000Z', policyVersion: 1 });
    expect(reads).toEqual({ latestCalendars: 1, inForce: 1 });
  });

  it('shares the policy in force and the calendar versions between arms given the same lookups', async () => {
    const { deadlines, reads } = counting();
    const lookups = deadlines.lookups();
    const [report, recheck] = await Promise.all([
      deadlines.arm({ ...request, explicitDueAt: '2026-03-20T10:00:00.000Z' }, lookups),
      deadlines.arm({ ...request, step: 'recheck' }, lookups),
    ]);
    expect([report.step, recheck.step]).toEqual(['report', 'recheck']);
    expect(reads).toEqual({ latestCalendars: 1, inForce: 1 });
  });

  it('reads again for the next computation, so a version published meanwhile applies at once', async () => {
    const { deadlines, reads } = counting();
    await deadlines.arm({ ...request, step: 'recheck' });
    await deadlines.arm({ ...request, step: 'recheck' });
    expect(reads).toEqual({ latestCalendars: 2, inForce: 2 });
  });
});
