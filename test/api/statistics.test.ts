import { startTestStack, type TestStack } from '../support/test-stack';
import { http } from '../support/http';
import { caller, daysAgo, hoursFromNow, seedCase } from './lists-seed';

/** GET /statistics over 140700 (a city no other test file uses), period = the last 60 days. */
describe('statistics GET /statistics', () => {
  let stack: TestStack;
  const supervisor = caller('st-supervisor@140700', 'supervisor', '140700');
  const cst = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const period = `from=${cst(daysAgo(60))}&to=${cst(new Date())}`;

  const event = async (caseId: string, seq: number, type: string, before: string | null, after: string, at: Date) =>
    stack.db.query(
      `INSERT INTO case_events (case_id, seq, type, procedure, step_before, step_after, data, occurred_at, hash, hash_alg)
       VALUES ($1, $2, $3, 'rectification', $4, $5, '{}', $6, repeat('0', 64), 'sha256')`,
      [caseId, seq, type, before, after, at],
    );

  beforeAll(async () => {
    stack = await startTestStack();
    const db = stack.db;
    const major = { jurisdiction: '140702', hazardGrade: 'major' };
    await seedCase(db, { ...major, openedAt: daysAgo(90), status: 'closed', closedAt: daysAgo(10), dueAt: null }); // A
    await seedCase(db, { ...major, openedAt: daysAgo(30), dueAt: hoursFromNow(-24) }); // B: open, overdue
    // C: open; a deadline was missed and its act is still awaited, while the next clock runs (due ahead).
    await seedCase(db, { ...major, openedAt: daysAgo(100), dueAt: hoursFromNow(24), overdue: true, jurisdiction: '140703' });
    const d = await seedCase(db, { ...major, openedAt: daysAgo(20), status: 'closed', closedAt: daysAgo(5), dueAt: null }); // D
    const e = await seedCase(db, {
      jurisdiction: '140702',
      sector: 'fire',
      openedAt: daysAgo(15),
      status: 'closed',
      closedAt: daysAgo(3),
      dueAt: null,
    });
    await seedCase(db, { jurisdiction: '140703', sector: 'fire', openedAt: daysAgo(7), dueAt: hoursFromNow(-1) }); // F: overdue
    await seedCase(db, { jurisdiction: '140802', hazardGrade: 'major', openedAt: daysAgo(7) }); // outside the subtree

    // E left both steps in time; D's report deadline passed before the report came.
    await event(e, 1, 'order_issued', null, 'awaiting_report', daysAgo(15));
    await event(e, 2, 'report_submitted', 'awaiting_report', 'awaiting_recheck', daysAgo(10));
    await event(e, 3, 'verification_passed', 'awaiting_recheck', 'closed', daysAgo(3));
    await event(d, 1, 'order_issued', null, 'awaiting_report', daysAgo(20));
    await event(d, 2, 'deadline_missed', 'awaiting_report', 'awaiting_report', daysAgo(8));
    await event(d, 3, 'report_submitted', 'awaiting_report', 'awaiting_recheck', daysAgo(6));
    await event(d, 4, 'verification_passed', 'awaiting_recheck', 'closed', daysAgo(5));
  });
  afterAll(() => stack?.stop());

  it('动态清零 of major hazards: open at start, opened, closed, open at end, clearance rate', async () => {
    const r = await http(stack.baseUrl, 'GET', `/statistics?${period}`, undefined, supervisor);
    expect(r.status).toBe(200);
    expect(r.body.scope).toEqual({ jurisdictionPrefix: '1407', sectors: null });
    expect(r.body.majorHazards).toEqual({ openAtStart: 2, openedInPeriod: 2, closedInPeriod: 2, openAtEnd: 2, clearanceRate: 0.5 });
  });

  it('on-time rate per procedure and step, judged per visit of the step', async () => {
    const r = await http(stack.baseUrl, 'GET', `/statistics?${period}`, undefined, supervisor);
    expect(r.body.onTime).toEqual([
      { procedure: 'rectification', step: 'awaiting_recheck', completed: 2, onTime: 2, rate: 1 },
      { procedure: 'rectification', step: 'awaiting_report', completed: 2, onTime: 1, rate: 0.5 },
    ]);
  });

  it('average time per procedure over what was completed in the period', async () => {
    const r = await http(stack.baseUrl, 'GET', `/statistics?${period}`, undefined, supervisor);
    // A (80 days), D (15), E (12): all legacy rectification cases.
    expect(r.body.durations).toEqual([{ procedure: 'rectification', completed: 3, averageDays: 35.67 }]);
  });

  it('晾晒 rankings by district and by sector, worst (most overdue) first', async () => {
    const r = await http(stack.baseUrl, 'GET', `/statistics?${period}`, undefined, supervisor);
    const byJ = r.body.ranking.byJurisdiction;
    expect(byJ.map((x: { key: string }) => x.key)).toEqual(['140703', '140702']);
    // Overdue as the lists count it: C's missed deadline counts though its next one lies ahead.
    expect(byJ[0]).toMatchObject({ openNow: 2, overdueNow: 2, majorOpenNow: 1, overdueShare: 1 });
    expect(byJ[1]).toMatchObject({ openNow: 1, overdueNow: 1, closedInPeriod: 3, openedInPeriod: 3 });
    const bySector = r.body.ranking.bySector.map((x: { key: string; overdueNow: number }) => [x.key, x.overdueNow]);
    expect(bySector).toEqual([
      ['industry_trade', 2],
      ['fire', 1],
    ]);
  });

  it('monthly series: every month of the period, sums match the period', async () => {
    const r = await http(stack.baseUrl, 'GET', `/statistics?${period}`, undefined, supervisor);
    const months: { month: string; opened: number; closed: number; majorOpened: number }[] = r.body.monthly;
    expect(months[0]!.month).toBe(cst(daysAgo(60)).slice(0, 7));
    expect(months.at(-1)!.month).toBe(cst(new Date()).slice(0, 7));
    expect(months.reduce((s, m) => s + m.opened, 0)).toBe(4); // B, D, E, F
    expect(months.reduce((s, m) => s + m.closed, 0)).toBe(3); // A, D, E
    expect(months.reduce((s, m) => s + m.majorOpened, 0)).toBe(2);
  });

  it('a district filter narrows; a filter outside the subtree counts nothing', async () => {
    const narrow = await http(stack.baseUrl, 'GET', `/statistics?${period}&jurisdiction=140703`, undefined, supervisor);
    expect(narrow.body.majorHazards.openAtEnd).toBe(1);
    const outside = await http(stack.baseUrl, 'GET', `/statistics?${period}&jurisdiction=140800`, undefined, supervisor);
    expect(outside.status).toBe(200);
    expect(outside.body.scope).toBeNull();
    expect(outside.body.majorHazards.openAtEnd).toBe(0);
  });

  it('refuses a reversed or too long period with the field path; officers may not (403)', async () => {
    const reversed = await http(stack.baseUrl, 'GET', '/statistics?from=2026-05-01&to=2026-04-01', undefined, supervisor);
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors[0].path).toBe('query.from');
    const long = await http(stack.baseUrl, 'GET', '/statistics?from=2020-01-01&to=2026-01-01', undefined, supervisor);
    expect(long.body.errors[0].path).toBe('query.to');
    const ancient = await http(stack.baseUrl, 'GET', '/statistics?from=0000-01-01&to=0000-02-01', undefined, supervisor);
    expect(ancient.status).toBe(400);
    expect(ancient.body.errors[0].path).toBe('query.from');
    const officer = await http(stack.baseUrl, 'GET', '/statistics', undefined, caller('st-officer@140700', 'officer', '140700'));
    expect(officer.status).toBe(403);
  });
});
