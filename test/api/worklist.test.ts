import { startTestStack, type TestStack } from '../support/test-stack';
import { http } from '../support/http';
import { caller, daysAgo, hoursFromNow, seedCase } from './lists-seed';

/** GET /cases: the officer's worklist over 140900 (a subtree no other test file uses). */
describe('officer worklist GET /cases', () => {
  let stack: TestStack;
  const me = caller('wl-officer@140900', 'officer', '140900', ['industry_trade', 'fire']);
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startTestStack();
    const db = stack.db;
    const mine = { jurisdiction: '140900', assigneeId: 'wl-officer@140900' };
    ids['overdue'] = await seedCase(db, { ...mine, dueAt: hoursFromNow(-5) });
    ids['soon'] = await seedCase(db, { ...mine, dueAt: hoursFromNow(10), sector: 'fire' });
    ids['later'] = await seedCase(db, { ...mine, dueAt: hoursFromNow(24 * 20), procedure: 'listed_supervision', step: 'progress_report' });
    ids['undated'] = await seedCase(db, { ...mine, dueAt: null, step: 'awaiting_recheck' });
    // A missed report deadline started the re-check clock: due_at lies ahead, yet the case is overdue.
    ids['missed'] = await seedCase(db, { ...mine, dueAt: hoursFromNow(24 * 25), overdue: true, step: 'recheck' });
    ids['closed'] = await seedCase(db, { ...mine, status: 'closed', closedAt: daysAgo(1), dueAt: null });
    ids['otherSector'] = await seedCase(db, { ...mine, sector: 'mining', dueAt: hoursFromNow(1) });
    ids['otherDistrict'] = await seedCase(db, { ...mine, jurisdiction: '140800', dueAt: hoursFromNow(1) });
    ids['colleague'] = await seedCase(db, { jurisdiction: '140900', assigneeId: 'wl-colleague@140900', dueAt: hoursFromNow(2) });
    for (let i = 0; i < 7; i++) ids[`bulk${i}`] = await seedCase(db, { ...mine, dueAt: hoursFromNow(100 + i) });
  });
  afterAll(() => stack?.stop());

  it('lists my open cases in my sectors and district, most urgent first, with time left; nothing else', async () => {
    const r = await http(stack.baseUrl, 'GET', '/cases?limit=100', undefined, me);
    expect(r.status).toBe(200);
    const got = r.body.items.map((i: { id: string }) => i.id);
    // Earliest deadline first; a step without a deadline comes last.
    const bulk = Array.from({ length: 7 }, (_, i) => ids[`bulk${i}`]);
    expect(got).toEqual([ids['overdue'], ids['soon'], ...bulk, ids['later'], ids['missed'], ids['undated']]);
    expect(r.body.items.find((i: { id: string }) => i.id === ids['missed']).overdue).toBe(true);
    for (const hidden of ['closed', 'otherSector', 'otherDistrict', 'colleague']) expect(got).not.toContain(ids[hidden]);
    const overdue = r.body.items[0];
    expect(overdue.overdue).toBe(true);
    expect(overdue.timeLeftSeconds).toBeLessThan(-4 * 3600);
    expect(overdue.timeLeftSeconds).toBeGreaterThan(-6 * 3600);
    expect(r.body.items[1].overdue).toBe(false);
    expect(r.body.items[1].enterprise.creditCode).toMatch(/^91/);
  });

  it('due soon uses the window given (default 72 h) and excludes what has passed', async () => {
    const soon = await http(stack.baseUrl, 'GET', '/cases?due=soon', undefined, me);
    expect(soon.body.items.map((i: { id: string }) => i.id)).toEqual([ids['soon']]);
    const wider = await http(stack.baseUrl, 'GET', '/cases?due=soon&dueSoonHours=110', undefined, me);
    expect(wider.body.items.length).toBe(1 + 7);
    const overdue = await http(stack.baseUrl, 'GET', '/cases?due=overdue', undefined, me);
    expect(overdue.body.items.map((i: { id: string }) => i.id)).toEqual([ids['overdue'], ids['missed']]);
  });

  it('filters by procedure and step', async () => {
    const r = await http(stack.baseUrl, 'GET', '/cases?procedure=listed_supervision&step=progress_report', undefined, me);
    expect(r.body.items.map((i: { id: string }) => i.id)).toEqual([ids['later']]);
  });

  it('assignee=any shows colleagues’ cases in my reach, not other districts or sectors', async () => {
    const r = await http(stack.baseUrl, 'GET', '/cases?assignee=any&limit=200', undefined, me);
    const got = r.body.items.map((i: { id: string }) => i.id);
    expect(got).toContain(ids['colleague']);
    expect(got).not.toContain(ids['otherSector']);
    expect(got).not.toContain(ids['otherDistrict']);
  });

  it('pages with an opaque cursor: no row twice, none missed, same order as one big page', async () => {
    const all = (await http(stack.baseUrl, 'GET', '/cases?limit=200', undefined, me)).body.items.map((i: { id: string }) => i.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await http(
        stack.baseUrl,
        'GET',
        `/cases?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        undefined,
        me,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items.map((i) => i.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    expect(all.length).toBe(12);
  });

  it('refuses bad input with field paths: page size over the bound, unknown parameters, a cursor of another query', async () => {
    const big = await http(stack.baseUrl, 'GET', '/cases?limit=1000', undefined, me);
    expect(big.status).toBe(400);
    expect(big.body.errors[0].path).toBe('query.limit');
    const unknown = await http(stack.baseUrl, 'GET', '/cases?sort=due_at', undefined, me);
    expect(unknown.status).toBe(400);
    const first = await http(stack.baseUrl, 'GET', '/cases?limit=2', undefined, me);
    const other = await http(stack.baseUrl, 'GET', `/cases?limit=2&due=overdue&cursor=${first.body.nextCursor}`, undefined, me);
    expect(other.status).toBe(400);
    expect(other.body.errors[0].path).toBe('query.cursor');
    const garbage = await http(stack.baseUrl, 'GET', '/cases?cursor=abc', undefined, me);
    expect(garbage.status).toBe(400);
    // The cursor is not secret: a hand-made one with the right fingerprint but an id PostgreSQL cannot cast is still a 400.
    const real = JSON.parse(Buffer.from(first.body.nextCursor, 'base64url').toString('utf8'));
    const forged = Buffer.from(JSON.stringify({ ...real, id: "x'; --" })).toString('base64url');
    const forgedAnswer = await http(stack.baseUrl, 'GET', `/cases?limit=2&cursor=${forged}`, undefined, me);
    expect(forgedAnswer.status).toBe(400);
    expect(forgedAnswer.body.errors[0].path).toBe('query.cursor');
  });

  it('needs a token', async () => {
    const r = await fetch(`${stack.baseUrl}/cases`);
    expect(r.status).toBe(401);
  });
});
