import { openCaseAsLocalOfficer } from '../support/fixtures';
import { http, OFFICER } from '../support/http';
import { startTestStack, type TestStack } from '../support/test-stack';
import { ADMIN, NATIONAL_ADMIN, pathsOf } from './admin-headers';
import { runMigration } from './migration-support';

/**
 * Working-day calendar administration through the real API. The national calendar is shared by every
 * test file, so the test that extends it restores the previous data (as a further version) at once;
 * the local calendar and cases use prefix 6540, which no other test file uses. Only a national
 * administrator changes 'CN'; the regional ADMIN (650000) manages local calendars under 65.
 */
describe('administrator API: working-day calendars', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const calculate = (start: string, amount: number, jurisdiction?: string) =>
    http(stack.baseUrl, 'POST', '/deadlines/calculate', { duration: { amount, unit: 'workingDays' }, start, jurisdiction });

  it('refuses other roles with 403 and changes nothing', async () => {
    const before = await http(stack.baseUrl, 'GET', '/admin/calendars/CN', undefined, ADMIN);
    const put = await http(stack.baseUrl, 'PUT', '/admin/calendars/CN', { data: before.body.data, reason: 'x' }, OFFICER);
    expect(put.status).toBe(403);
    const add = await http(stack.baseUrl, 'POST', '/admin/calendars/CN/entries', { add: { knownYearsTo: 2030 }, reason: 'x' }, OFFICER);
    expect(add.status).toBe(403);
    expect((await http(stack.baseUrl, 'GET', '/admin/calendars', undefined, OFFICER)).status).toBe(403);
    const after = await http(stack.baseUrl, 'GET', '/admin/calendars/CN', undefined, ADMIN);
    expect(after.body.version).toBe(before.body.version);
  });

  it("refuses a regional administrator the national calendar and other provinces' calendars with 403, and changes nothing", async () => {
    const before = await http(stack.baseUrl, 'GET', '/admin/calendars/CN', undefined, ADMIN);
    expect(before.status).toBe(200);
    const { id, knownYears, holidays, makeupWorkdays } = before.body.data;

    const put = await http(
      stack.baseUrl,
      'PUT',
      '/admin/calendars/CN',
      { data: { id, knownYears, holidays, makeupWorkdays }, jurisdictionPrefix: null, reason: 'x' },
      ADMIN,
    );
    expect(put.status).toBe(403);
    expect(put.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(pathsOf(put.body)).toEqual(['path.id']);
    expect(put.body.detail).toMatch(/national administrator.*000000/);
    const add = await http(
      stack.baseUrl,
      'POST',
      '/admin/calendars/CN/entries',
      { add: { knownYearsTo: knownYears.to }, reason: 'x' },
      ADMIN,
    );
    expect(add.status).toBe(403);
    expect(pathsOf(add.body)).toEqual(['path.id']);

    // 山西 is outside 新疆: refused before the body is checked, and no calendar CN-140000 appears.
    const data = { knownYears, holidays: [], makeupWorkdays: [] };
    const shanxi = await http(stack.baseUrl, 'PUT', '/admin/calendars/CN-140000', { data, jurisdictionPrefix: '14', reason: 'x' }, ADMIN);
    expect(shanxi.status).toBe(403);
    expect(pathsOf(shanxi.body)).toEqual(['body.jurisdictionPrefix']);
    expect(shanxi.body.errors[0].message).toMatch(/'14'.*650000/);
    const derived = await http(stack.baseUrl, 'PUT', '/admin/calendars/CN-140000', { data, reason: 'x' }, ADMIN);
    expect(derived.status).toBe(403);
    expect(pathsOf(derived.body)).toEqual(['path.id']);
    expect((await http(stack.baseUrl, 'GET', '/admin/calendars/CN-140000', undefined, ADMIN)).status).toBe(404);

    const after = await http(stack.baseUrl, 'GET', '/admin/calendars/CN', undefined, ADMIN);
    expect(after.body.version).toBe(before.body.version);
  });

  it("adds next year's schedule as a new version, after which that year is no longer flagged; the history shows the change", async () => {
    const current = await http(stack.baseUrl, 'GET', '/admin/calendars/CN', undefined, ADMIN);
    expect(current.status).toBe(200);
    const year = (current.body.knownYears.to as number) + 1; // 2027 with the seeded chinese-days data
    const flagged = await calculate(`${year}-09-30T09:00+08:00`, 1);
    expect(flagged.body.outsideKnownYears).toBe(true);
    expect(flagged.body.warnings.join(' ')).toMatch(new RegExp(String(year)));

    // Test data shaped like a State Council notice (元旦, 国庆节 1–7 October); not the official schedule.
    const national = Array.from({ length: 7 }, (_, i) => ({ date: `${year}-10-0${i + 1}`, name: '国庆节 National Day (test)' }));
    const add = { holidays: [{ date: `${year}-01-01`, name: '元旦 New Year (test)' }, ...national] };

    const tooEarly = await http(stack.baseUrl, 'POST', '/admin/calendars/CN/entries', { add, reason: 'x' }, NATIONAL_ADMIN);
    expect(tooEarly.status).toBe(400);
    expect(pathsOf(tooEarly.body)).toContain('body.add.holidays.0.date');
    expect(tooEarly.body.errors[0].message).toMatch(/knownYearsTo/);
    const wrongRemove = await http(
      stack.baseUrl,
      'POST',
      '/admin/calendars/CN/entries',
      { remove: ['2026-03-03'], reason: 'x' },
      NATIONAL_ADMIN,
    );
    expect(pathsOf(wrongRemove.body)).toEqual(['body.remove.0']);
    const noReason = await http(
      stack.baseUrl,
      'POST',
      '/admin/calendars/CN/entries',
      { add: { ...add, knownYearsTo: year } },
      NATIONAL_ADMIN,
    );
    expect(pathsOf(noReason.body)).toEqual(['body.reason']);

    const reason = `${year} holiday notice published (test)`;
    const added = await http(
      stack.baseUrl,
      'POST',
      '/admin/calendars/CN/entries',
      { add: { ...add, knownYearsTo: year }, reason },
      NATIONAL_ADMIN,
    );
    try {
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({
        id: 'CN',
        version: current.body.version + 1,
        knownYears: { to: year },
        createdBy: NATIONAL_ADMIN['x-actor-id'],
        reason,
      });
      expect(added.body.holidayCount).toBe(current.body.holidayCount + 8);

      // 30 September + 1 working day: 1–7 October are holidays, so the 8th.
      const known = await calculate(`${year}-09-30T09:00+08:00`, 1);
      expect(known.body).toMatchObject({
        outsideKnownYears: false,
        lastDay: `${year}-10-08`,
        calendar: { id: 'CN', version: added.body.version },
      });
      expect(known.body.adjustments).toHaveLength(7);

      const history = await http(stack.baseUrl, 'GET', '/admin/calendars/CN/history', undefined, ADMIN);
      const last = history.body.at(-1);
      expect(last).toMatchObject({
        version: added.body.version,
        reason,
        changes: { knownYears: { before: { to: year - 1 }, after: { to: year } } },
      });
      expect(last.changes.added.holidays).toHaveLength(8);
      expect(last.changes.removed).toEqual({ holidays: [], makeupWorkdays: [] });
    } finally {
      // Put the national calendar back as it was (a new version: nothing is ever overwritten).
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
      expect(restored.body.knownYears).toEqual(current.body.knownYears);
    }
    expect((await calculate(`${year}-09-30T09:00+08:00`, 1)).body.outsideKnownYears).toBe(true);
  });

  it('creates a local calendar whose id matches its prefix, and a calendar migration re-arms cases under it', async () => {
    const opened = await openCaseAsLocalOfficer(stack.baseUrl, { jurisdiction: '654002', hazardGrade: 'general' });
    expect(opened.status).toBe(201);
    expect(opened.body.deadline.calendarId).toBe('CN');
    // The general-hazard rule gives one calendar day; make that last day a local holiday.
    const lastDay = new Date(Date.parse(opened.body.deadline.dueAt) - 1).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const national = await http(stack.baseUrl, 'GET', '/admin/calendars/CN', undefined, ADMIN);
    const data = {
      knownYears: national.body.knownYears,
      holidays: [{ date: lastDay, name: '地方节日 local festival (test)' }],
      makeupWorkdays: [],
    };

    const mismatch = await http(
      stack.baseUrl,
      'PUT',
      '/admin/calendars/CN-654000',
      { data, jurisdictionPrefix: '6501', reason: 'x' },
      ADMIN,
    );
    expect(mismatch.status).toBe(400);
    expect(pathsOf(mismatch.body)).toEqual(['body.jurisdictionPrefix']);
    const outside = await http(
      stack.baseUrl,
      'PUT',
      '/admin/calendars/CN-654000',
      { data: { ...data, holidays: [{ date: '2031-01-01', name: 'x' }] }, reason: 'x' },
      ADMIN,
    );
    expect(pathsOf(outside.body)).toEqual(['body.data.holidays.0.date']);

    const created = await http(stack.baseUrl, 'PUT', '/admin/calendars/CN-654000', { data, reason: '伊犁州 local festival (test)' }, ADMIN);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ id: 'CN-654000', version: 1, jurisdictionPrefix: '6540' });
    const local = await calculate(`${lastDay}T01:00+08:00`, 0, '654002');
    expect(local.body.calendar.label).toMatch(/^CN-654000 v1 on CN v\d+$/);

    const run = await runMigration(stack.baseUrl, '/admin/calendars/CN-654000/migrations', { reason: 'local festival declared' }, ADMIN);
    expect(run.started.status).toBe(202);
    expect(run.started.body.target).toBe('calendar CN-654000 v1');
    expect(run.status).toMatchObject({ status: 'completed', cause: 'calendar_change', target: 'calendar CN-654000 v1' });
    // A local calendar only concerns cases under its prefix.
    expect(run.cases.every((r) => r.jurisdiction.startsWith('6540'))).toBe(true);
    const result = run.cases.find((r) => r.caseId === opened.body.id)!;
    expect(result).toMatchObject({ status: 'moved', before: { dueAt: opened.body.deadline.dueAt } });
    expect(Date.parse(result.after!.dueAt!)).toBeGreaterThan(Date.parse(opened.body.deadline.dueAt));
    const after = await http(stack.baseUrl, 'GET', `/cases/${opened.body.id}`, undefined, ADMIN);
    expect(after.body.deadline).toMatchObject({
      calendarId: 'CN-654000',
      calendarVersion: 1,
      policyVersion: opened.body.deadline.policyVersion,
    });
    expect(after.body.deadline.explanation).toContain('local festival');

    // A county administrator elsewhere in 新疆 (654100 → 6541) may not edit 伊犁州's calendar; ADMIN (650000) may.
    const county = { ...ADMIN, 'x-actor-id': 'admin-654100-001', 'x-actor-jurisdiction': '654100' };
    const refused = await http(stack.baseUrl, 'POST', '/admin/calendars/CN-654000/entries', { remove: [lastDay], reason: 'x' }, county);
    expect(refused.status).toBe(403);
    expect(pathsOf(refused.body)).toEqual(['path.id']);
    expect(refused.body.errors[0].message).toMatch(/'6540'.*654100/);
    const refusedPut = await http(
      stack.baseUrl,
      'PUT',
      '/admin/calendars/CN-654000',
      { data, jurisdictionPrefix: '6540', reason: 'x' },
      county,
    );
    expect(refusedPut.status).toBe(403);
    expect(pathsOf(refusedPut.body)).toEqual(['body.jurisdictionPrefix']);
    expect((await http(stack.baseUrl, 'GET', '/admin/calendars/CN-654000', undefined, county)).body.version).toBe(1);
    const removed = await http(
      stack.baseUrl,
      'POST',
      '/admin/calendars/CN-654000/entries',
      { remove: [lastDay], reason: 'festival cancelled (test)' },
      ADMIN,
    );
    expect(removed.status).toBe(201);
    expect(removed.body).toMatchObject({
      id: 'CN-654000',
      version: 2,
      jurisdictionPrefix: '6540',
      holidayCount: 0,
      createdBy: ADMIN['x-actor-id'],
    });
  });
});
