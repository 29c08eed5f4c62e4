import { http } from '../support/http';
import { startTestStack, type TestStack } from '../support/test-stack';
import { ADMIN, NATIONAL_ADMIN, VIEWER } from './admin-headers';

const BASIS = '全国年节及纪念日放假办法 (2024 revision, art. 2)';
const provisional = (date: string, name: string) => `${date} ${name} (provisional: ${BASIS}, no 调休 announced yet)`;

/**
 * The calculator beyond the published holiday notices (the seeded national calendar knows 2004–2026):
 * statutory holidays from the 2024 revision of 全国年节及纪念日放假办法 are rest days, flagged as
 * provisional, and a loaded notice replaces them. Real API, real PostgreSQL.
 */
describe('provisional calendar for years without a State Council notice (POST /deadlines/calculate)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const calculate = (start: string, amount: number) =>
    http(stack.baseUrl, 'POST', '/deadlines/calculate', { duration: { amount, unit: 'workingDays' }, start });

  it('does not count 元旦 2027 as a working day, and says the day is provisional', async () => {
    const res = await calculate('2026-12-31T10:00+08:00', 1);
    expect(res.status).toBe(200);
    // 2027-01-01 is a Friday: counted as the first working day before.
    expect(res.body).toMatchObject({ lastDay: '2027-01-04', dueAt: '2027-01-04T16:00:00.000Z', outsideKnownYears: true });
    expect(res.body.adjustments[0]).toEqual({ date: '2027-01-01', kind: 'holiday', name: "元旦 New Year's Day" });
    expect(res.body.explanation).toContain(`Rest days skipped: ${provisional('2027-01-01', "元旦 New Year's Day")}`);
    expect(res.body.warnings.join(' ')).toContain(`2027 was counted provisionally with the statutory holidays of ${BASIS}`);
  });

  it('skips Spring Festival 2027 from 除夕 (Fri 02-05) to 初三 (Mon 02-08), inventing no make-up working day', async () => {
    const res = await calculate('2027-02-04T09:00+08:00', 2);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ lastDay: '2027-02-10', outsideKnownYears: true });
    expect(res.body.adjustments.map((a: { date: string; kind: string }) => `${a.date} ${a.kind}`)).toEqual([
      '2027-02-05 holiday',
      '2027-02-06 holiday',
      '2027-02-07 holiday',
      '2027-02-08 holiday',
    ]);
    for (const date of ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']) {
      expect(res.body.explanation).toContain(provisional(date, '春节 Spring Festival'));
    }
  });

  it('names a 调休 make-up day as a working day, in the calculator and in a policy explanation', async () => {
    // 2026-01-01 … 01-03 are 元旦; Sunday 01-04 is a make-up working day (调休上班日).
    const direct = await calculate('2025-12-31T10:00+08:00', 1);
    expect(direct.body.lastDay).toBe('2026-01-04');
    expect(direct.body.explanation).toContain(
      "Counted as 调休 working days: 2026-01-04 调休上班日 (make-up working day for 元旦 New Year's Day).",
    );
    expect(direct.body.explanation).not.toMatch(/Moved by: [^.]*2026-01-04 元旦/);

    const policy = await http(
      stack.baseUrl,
      'POST',
      '/deadlines/calculate',
      { sector: 'industry_trade', procedure: 'interview', step: 'written_report', jurisdiction: '650102', start: '2025-12-31T10:00+08:00' },
      VIEWER,
    );
    expect(policy.status).toBe(200);
    expect(policy.body.lastDay).toBe('2026-01-08'); // 5 working days, Sunday 01-04 the first
    expect(policy.body.explanation).toMatch(/^Policy v\d+ rule/);
    expect(policy.body.explanation).toContain('2026-01-04 调休上班日 (make-up working day for 元旦');
  });

  it("gives way to next year's notice once a national administrator loads it, and returns when it is removed", async () => {
    const current = await http(stack.baseUrl, 'GET', '/admin/calendars/CN', undefined, ADMIN);
    expect(current.status).toBe(200);
    expect(current.body.knownYears.to).toBe(2026);
    expect((await calculate('2027-09-30T09:00+08:00', 1)).body).toMatchObject({ lastDay: '2027-10-04', outsideKnownYears: true });

    // Test data shaped like a notice (国庆 1–7 October, make-up Saturday 10-09); not the official 2027 schedule.
    const add = {
      holidays: [1, 2, 3, 4, 5, 6, 7].map((d) => ({ date: `2027-10-0${d}`, name: '国庆节 National Day (test notice)' })),
      makeupWorkdays: [{ date: '2027-10-09', name: '国庆节 National Day (test notice)' }],
      knownYearsTo: 2027,
    };
    const added = await http(stack.baseUrl, 'POST', '/admin/calendars/CN/entries', { add, reason: '2027 notice (test)' }, NATIONAL_ADMIN);
    try {
      expect(added.status).toBe(201);
      const official = await calculate('2027-09-30T09:00+08:00', 1);
      expect(official.body).toMatchObject({ lastDay: '2027-10-08', outsideKnownYears: false, calendar: { version: added.body.version } });
      expect(official.body.explanation).not.toContain('provisional');
      // 元旦 2027 is not in this test notice: the notice is the source of truth, so it is a working day now.
      expect((await calculate('2026-12-31T10:00+08:00', 1)).body).toMatchObject({ lastDay: '2027-01-01', outsideKnownYears: false });
      // 2028 is still counted provisionally (国庆 1–3 October; 中秋 falls on 10-03).
      expect((await calculate('2028-09-29T09:00+08:00', 1)).body).toMatchObject({ lastDay: '2028-10-04', outsideKnownYears: true });
    } finally {
      const previous = await http(stack.baseUrl, 'GET', `/admin/calendars/CN?version=${current.body.version}`, undefined, ADMIN);
      const { id, knownYears, holidays, makeupWorkdays } = previous.body.data;
      const restored = await http(
        stack.baseUrl,
        'PUT',
        '/admin/calendars/CN',
        { data: { id, knownYears, holidays, makeupWorkdays }, jurisdictionPrefix: null, reason: 'restore after test' },
        NATIONAL_ADMIN,
      );
      expect(restored.status).toBe(200);
    }
    expect((await calculate('2027-09-30T09:00+08:00', 1)).body).toMatchObject({ lastDay: '2027-10-04', outsideKnownYears: true });
  });
});
