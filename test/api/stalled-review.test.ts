import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { startTestStack, type TestStack } from '../support/test-stack';
import { http } from '../support/http';
import { withBearer } from '../support/test-identity';
import { caller, daysAgo, hoursFromNow, seedCase, seedUser } from './lists-seed';

/**
 * GET /review/stalled (+ counts, CSV, XLSX) for a supervisor of 140800 (a city subtree no other test
 * file uses); every query also carries q=<token> so only this file's rows can answer.
 */
describe('stalled-case review', () => {
  let stack: TestStack;
  const token = `督办${randomUUID().slice(0, 8)}`;
  const supervisor = caller('sr-supervisor@140800', 'supervisor', '140800');
  const ids: Record<string, string> = {};
  const get = (path: string, who = supervisor) => http(stack.baseUrl, 'GET', path, undefined, who);
  const q = `q=${encodeURIComponent(token)}`;
  const progressedAt = daysAgo(20);

  beforeAll(async () => {
    stack = await startTestStack();
    const db = stack.db;
    const base = { jurisdiction: '140802', enterpriseName: `${token}太原化工有限公司` };
    ids['overdueMajor'] = await seedCase(db, { ...base, hazardGrade: 'major', dueAt: hoursFromNow(-48), sector: 'hazardous_chemicals' });
    ids['overdueFire'] = await seedCase(db, { ...base, dueAt: hoursFromNow(-2), sector: 'fire', jurisdiction: '140803' });
    ids['stale'] = await seedCase(db, { ...base, dueAt: hoursFromNow(72), updatedAt: daysAgo(30), openedAt: daysAgo(60) });
    ids['awaiting'] = await seedCase(db, { ...base, dueAt: hoursFromNow(100), step: 'approve', procedure: 'closure' });
    ids['fine'] = await seedCase(db, { ...base, dueAt: hoursFromNow(200) });
    // A case-workflow case whose row moved yesterday (a reminder) but whose procedure last progressed 20 days ago.
    ids['remindedOnly'] = await seedCase(db, {
      ...base,
      dueAt: hoursFromNow(300),
      updatedAt: daysAgo(1),
      workflowId: `wf-${randomUUID()}`,
    });
    await db.query(
      `INSERT INTO case_procedures (case_id, procedure_id, procedure, step, status, workflow_id, started_at, last_progress_at, updated_at)
       VALUES ($1, 'rectification-1', 'rectification', 'report', 'active', 'x', $2, $2, now())`,
      [ids['remindedOnly'], progressedAt],
    );
    ids['closed'] = await seedCase(db, { ...base, status: 'closed', dueAt: null, closedAt: daysAgo(1) });
    ids['otherCity'] = await seedCase(db, { ...base, jurisdiction: '141302', dueAt: hoursFromNow(-2) });
    ids['formula'] = await seedCase(db, { ...base, enterpriseName: `=HYPERLINK("x")${token}`, title: '+cmd', dueAt: hoursFromNow(-1) });
    ids['wildcard'] = await seedCase(db, { ...base, enterpriseName: `${token}50%_公司`, dueAt: hoursFromNow(-3) });
    await db.query(
      `INSERT INTO case_approvals (id, case_id, kind, approver_role, status, requested_at) VALUES
       ('closure-1', $1, 'closure', 'supervisor', 'pending', now()), ('transfer-1', $2, 'transfer', 'agency_head', 'pending', now())`,
      [ids['awaiting'], ids['fine']],
    );
    // 60 more overdue rows for pagination and exports.
    for (let i = 0; i < 60; i++) await seedCase(db, { ...base, dueAt: hoursFromNow(-100 - (i % 7)), enterpriseName: `${token}批量${i}` });
  });
  afterAll(() => stack?.stop());

  const idsOf = (r: { body: { items: { id: string }[] } }) => r.body.items.map((i) => i.id);

  it('a case whose deadline was missed stays overdue after the next deadline is armed (due_at ahead)', async () => {
    const tag = `逾期${randomUUID().slice(0, 8)}`;
    const missed = await seedCase(stack.db, {
      jurisdiction: '140802',
      enterpriseName: `${tag}有限公司`,
      dueAt: hoursFromNow(24 * 9),
      overdue: true,
      step: 'recheck',
    });
    // Its procedure's armed deadlines: the report's, missed 3 days ago and still awaited, and the
    // re-check clock the miss started, 9 days ahead (what the row's due_at shows).
    const missedAt = hoursFromNow(-72).toISOString();
    const deadline = (step: string, dueAt: string, overdue: boolean) => ({ step, dueAt, overdue, start: missedAt, origin: 'policy' });
    await stack.db.query(
      `INSERT INTO case_procedures (case_id, procedure_id, procedure, step, status, deadlines, workflow_id, started_at, last_progress_at, updated_at)
       VALUES ($1, 'rectification-1', 'rectification', 'recheck', 'active', $2, 'x', now(), now(), now())`,
      [missed, JSON.stringify([deadline('report', missedAt, true), deadline('recheck', hoursFromNow(24 * 9).toISOString(), false)])],
    );
    const only = `q=${encodeURIComponent(tag)}`;
    const overdue = await get(`/review/stalled?reason=overdue&${only}`);
    expect(idsOf(overdue)).toEqual([missed]);
    expect(overdue.body.items[0]).toMatchObject({ overdue: true, reasons: ['overdue'], overdueSince: missedAt });
    expect(overdue.body.items[0].timeLeftSeconds).toBeGreaterThan(0);
    // The export says since when, beside the next deadline's time left.
    const csv = await http<string>(stack.baseUrl, 'GET', `/review/stalled.csv?reason=overdue&${only}`, undefined, supervisor);
    expect(csv.body).toContain('逾期起算 Overdue since');
    expect(csv.body).toContain(missedAt);
    expect((await get(`/review/stalled/counts?${only}`)).body).toMatchObject({ overdue: 1 });
  });

  it('lists each reason with the rows that have it; closed cases and other cities never', async () => {
    const overdue = await get(`/review/stalled?reason=overdue&limit=200&${q}`);
    expect(overdue.status).toBe(200);
    expect(overdue.body.items).toHaveLength(64);
    expect(idsOf(overdue)).toEqual(expect.arrayContaining([ids['overdueMajor'], ids['overdueFire'], ids['formula'], ids['wildcard']]));
    expect(overdue.body.items.every((i: { reasons: string[]; overdue: boolean }) => i.reasons.includes('overdue') && i.overdue)).toBe(true);

    const stale = await get(`/review/stalled?reason=no_progress&${q}`);
    expect(idsOf(stale)).toEqual([ids['stale'], ids['remindedOnly']]);
    const tighter = await get(`/review/stalled?reason=no_progress&noProgressDays=40&${q}`);
    expect(idsOf(tighter)).toEqual([]);
    // Each row says when it last progressed: the procedure's progress, not the reminder that moved the row.
    const reminded = stale.body.items.find((i: { id: string }) => i.id === ids['remindedOnly']);
    expect(reminded.lastProgressAt).toBe(progressedAt.toISOString());
    expect(Date.parse(reminded.updatedAt)).toBeGreaterThan(Date.parse(reminded.lastProgressAt));
    const legacy = stale.body.items.find((i: { id: string }) => i.id === ids['stale']);
    expect(legacy.lastProgressAt).toBe(legacy.updatedAt);
    const byProgress = (order: string) => get(`/review/stalled?reason=no_progress&sort=last_progress_at&order=${order}&${q}`);
    expect(idsOf(await byProgress('asc'))).toEqual([ids['stale'], ids['remindedOnly']]);
    expect(idsOf(await byProgress('desc'))).toEqual([ids['remindedOnly'], ids['stale']]);

    const awaiting = await get(`/review/stalled?reason=awaiting_my_approval&${q}`);
    expect(idsOf(awaiting)).toEqual([ids['awaiting']]); // the transfer waits for the agency head, not me
    const head = await get(`/review/stalled?reason=awaiting_my_approval&${q}`, caller('sr-head@140800', 'agency_head', '140800'));
    expect(idsOf(head)).toEqual([ids['fine']]);

    const all = await get(`/review/stalled?limit=200&${q}`);
    expect(idsOf(all)).not.toContain(ids['closed']);
    expect(idsOf(all)).not.toContain(ids['otherCity']);
    expect(all.body.items).toHaveLength(67);
  });

  it('counts per reason under the same filters', async () => {
    const r = await get(`/review/stalled/counts?${q}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ overdue: 64, no_progress: 2, awaiting_my_approval: 1, total: 67 });
    const fire = await get(`/review/stalled/counts?sector=fire&${q}`);
    expect(fire.body).toMatchObject({ overdue: 1, no_progress: 0, awaiting_my_approval: 0, total: 1 });
  });

  it('filters: sector, jurisdiction, hazard grade, step, assignee, opened and due ranges, literal free text', async () => {
    expect(idsOf(await get(`/review/stalled?sector=fire&${q}`))).toEqual([ids['overdueFire']]);
    expect(idsOf(await get(`/review/stalled?jurisdiction=140803&${q}`))).toEqual([ids['overdueFire']]);
    expect(idsOf(await get(`/review/stalled?hazardGrade=major&${q}`))).toEqual([ids['overdueMajor']]);
    expect(idsOf(await get(`/review/stalled?procedure=closure&step=approve&${q}`))).toEqual([ids['awaiting']]);
    expect(idsOf(await get(`/review/stalled?assigneeId=nobody&${q}`))).toEqual([]);
    const openedFrom = encodeURIComponent(daysAgo(70).toISOString());
    const openedTo = encodeURIComponent(daysAgo(50).toISOString());
    expect(idsOf(await get(`/review/stalled?openedFrom=${openedFrom}&openedTo=${openedTo}&${q}`))).toEqual([ids['stale']]);
    const dueFrom = encodeURIComponent(hoursFromNow(-50).toISOString());
    const dueTo = encodeURIComponent(hoursFromNow(-40).toISOString());
    expect(idsOf(await get(`/review/stalled?dueFrom=${dueFrom}&dueTo=${dueTo}&${q}`))).toEqual([ids['overdueMajor']]);
    // % and _ are matched literally, not as wildcards.
    expect(idsOf(await get(`/review/stalled?q=${encodeURIComponent(`${token}50%_`)}`))).toEqual([ids['wildcard']]);
    expect(idsOf(await get(`/review/stalled?q=${encodeURIComponent(`${token}5_%`)}`))).toEqual([]);
    // A jurisdiction outside the caller's subtree is an empty list, not someone else's cases.
    const outside = await get(`/review/stalled?jurisdiction=141302&${q}`);
    expect(outside.status).toBe(200);
    expect(outside.body.items).toEqual([]);
  });

  it('refuses instants PostgreSQL could not read (year 0000) with the field path', async () => {
    const r = await get(`/review/stalled?dueFrom=0000-01-01T00:00Z&${q}`);
    expect(r.status).toBe(400);
    expect(r.body.errors[0].path).toBe('query.dueFrom');
  });

  it('sorts by a whitelisted column only', async () => {
    const byOpened = await get(`/review/stalled?sort=opened_at&order=asc&limit=1&${q}`);
    expect(idsOf(byOpened)).toEqual([ids['stale']]);
    const bad = await get(`/review/stalled?sort=enterprise_name&${q}`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('query.sort');
  });

  it('keyset pages are stable: no duplicates or gaps, even when a row changes between pages', async () => {
    const whole = idsOf(await get(`/review/stalled?reason=overdue&limit=200&${q}`));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await get(
        `/review/stalled?reason=overdue&limit=10&${q}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...idsOf(page));
      cursor = page.body.nextCursor;
      if (pages++ === 0) {
        // A row already shown moves: it must not reappear, and nothing after it may be skipped.
        await stack.db.query(`UPDATE cases SET updated_at = now() WHERE id = $1`, [page.body.items[0]!.id]);
      }
    } while (cursor);
    expect(pages).toBe(7);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(whole);
  });

  it('a tampered cursor is a 400 on query.cursor: a null key for a column never null, a date that does not exist', async () => {
    for (const sort of ['last_progress_at', 'opened_at']) {
      const first = await get(`/review/stalled?sort=${sort}&limit=1&${q}`);
      expect(first.status).toBe(200);
      const issued = JSON.parse(Buffer.from(first.body.nextCursor as string, 'base64url').toString('utf8')) as Record<string, unknown>;
      expect(typeof issued['k']).toBe('string');
      for (const k of [null, '2026-02-30T00:00:00.000000Z']) {
        const cursor = Buffer.from(JSON.stringify({ ...issued, k })).toString('base64url');
        const r = await get(`/review/stalled?sort=${sort}&limit=1&${q}&cursor=${cursor}`);
        expect([sort, k, r.status, r.body.errors?.[0]?.path]).toEqual([sort, k, 400, 'query.cursor']);
      }
    }
  });

  it('awaiting my approval: what I may decide — a level below mine too, never my own request nor one asked above me', async () => {
    const tag = `审批${randomUUID().slice(0, 8)}`;
    const base = { jurisdiction: '140802', enterpriseName: `${tag}有限公司`, dueAt: hoursFromNow(400) };
    const own = await seedCase(stack.db, base);
    const childLevel = await seedCase(stack.db, base);
    const otherCity = await seedCase(stack.db, base);
    // An extension the province asked for names no level: it is decided at the province or above.
    const askedAbove = await seedCase(stack.db, base);
    await seedUser(stack.db, { id: 'sr-province@140000', role: 'supervisor', jurisdiction: '140000' });
    await stack.db.query(
      `INSERT INTO case_approvals (id, case_id, kind, approver_role, approver_jurisdiction, status, requested_by, requested_at) VALUES
       ('extension-1', $1, 'extension', 'supervisor', NULL, 'pending', 'sr-supervisor@140800', now()),
       ('listing-1', $2, 'listing_level', 'supervisor', '140802', 'pending', 'sr-officer@140802', now()),
       ('listing-1', $3, 'listing_level', 'supervisor', '140900', 'pending', NULL, now()),
       ('extension-1', $4, 'extension', 'supervisor', NULL, 'pending', 'sr-province@140000', now())`,
      [own, childLevel, otherCity, askedAbove],
    );
    const only = `reason=awaiting_my_approval&q=${encodeURIComponent(tag)}`;
    expect(idsOf(await get(`/review/stalled?${only}`))).toEqual([childLevel]);
    expect((await get(`/review/stalled/counts?${only}`)).body).toMatchObject({ awaiting_my_approval: 1, total: 1 });
    // Another supervisor of the city may decide my request.
    const colleague = caller('sr-supervisor2@140800', 'supervisor', '140800');
    expect(new Set(idsOf(await get(`/review/stalled?${only}`, colleague)))).toEqual(new Set([own, childLevel]));
    expect((await get(`/review/stalled/counts?${only}`, colleague)).body).toMatchObject({ awaiting_my_approval: 2 });
  });

  it('is not for officers (403) and needs a token (401)', async () => {
    expect((await get(`/review/stalled?${q}`, caller('sr-officer@140802', 'officer', '140800'))).status).toBe(403);
    expect((await fetch(`${stack.baseUrl}/review/stalled`)).status).toBe(401);
  });

  const download = async (path: string) => {
    const res = await fetch(`${stack.baseUrl}${path}`, { headers: await withBearer(stack.baseUrl, supervisor) });
    return { res, bytes: Buffer.from(await res.arrayBuffer()) };
  };

  it('exports the same rows as CSV: BOM, header, formula cells neutralised, parses back', async () => {
    const { res, bytes } = await download(`/review/stalled.csv?${q}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="stalled-.*\.csv"/);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8').slice(1));
    expect(rows[0]![0]).toBe('案件编号 Case id');
    expect(rows).toHaveLength(1 + 67);
    const byId = new Map(rows.slice(1).map((r) => [r[0], r]));
    expect(byId.get(ids['formula']!)![1]).toBe("'+cmd");
    expect(byId.get(ids['formula']!)![2]).toBe(`'=HYPERLINK("x")${token}`);
    const listed = idsOf(await get(`/review/stalled?limit=200&${q}`));
    expect(rows.slice(1).map((r) => r[0])).toEqual(listed);
  });

  it('exports the same rows as XLSX (streamed workbook) that exceljs reads back', async () => {
    const { res, bytes } = await download(`/review/stalled.xlsx?reason=overdue&${q}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('案件编号 Case id');
    expect(sheet.rowCount).toBe(1 + 64);
    const cellIds: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) cellIds.push(String(row.getCell(1).value));
    });
    expect(cellIds).toEqual(idsOf(await get(`/review/stalled?reason=overdue&limit=200&${q}`)));
    const formulaRow = cellIds.indexOf(ids['formula']!) + 2;
    // A typed string cell is never evaluated: the text stays as typed, no apostrophe shown.
    expect(sheet.getRow(formulaRow).getCell(3).value).toBe(`=HYPERLINK("x")${token}`);
    expect(sheet.getRow(formulaRow).getCell(3).formula).toBeUndefined();
    expect(typeof sheet.getRow(formulaRow).getCell(11).value).toBe('number'); // hours left stays a number
  });

  it('an export with a bad filter is a problem+json 400, not a broken file', async () => {
    const { res } = await download(`/review/stalled.csv?sort=nope`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  });
});

/** RFC 4180 reader (csv-parse is not installed): quoted fields, doubled quotes, CRLF or LF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}
