import { randomUUID } from 'node:crypto';
import { caseBody } from '../support/fixtures';
import { http, officerIn } from '../support/http';
import { startTestStack, type TestStack } from '../support/test-stack';
import { NATIONAL_ADMIN } from '../admin/admin-headers';

/**
 * Free text that PostgreSQL cannot store (NUL; an unpaired surrogate, which jsonb refuses) once passed
 * validation and wedged the case: the projection retried forever and the workflow history grew. Now
 * it is refused at the edge with 400 and the field's path, and nothing changes. Bodies are written as
 * JSON text, so the server really receives the escapes \u0000 and \ud800. Cases live in 140110 (晋源区).
 */
describe('free text at the edge', () => {
  let stack: TestStack;
  const OFFICER = officerIn('140110');
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const BAD = [
    ['NUL', '\\u0000', 'must not contain NUL characters'],
    ['a lone surrogate', '\\ud800', 'unpaired surrogate'],
  ] as const;

  /** A JSON body in which `field` (a dotted path) holds text with the raw escape `escape` in it. */
  function bodyWith(base: Record<string, unknown>, field: string, escape: string): string {
    const marker = `__BAD_${randomUUID()}__`;
    const copy = structuredClone(base);
    const keys = field.split('.');
    let at: Record<string, unknown> = copy;
    for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
    at[keys.at(-1)!] = `前${marker}后`;
    const text = JSON.stringify(copy).replace(marker, escape);
    expect(text).toContain(escape);
    return text;
  }

  const pathsOf = (body: { errors?: { path: string; message: string }[] }) => (body.errors ?? []).map((e) => e.path);
  const historyLength = async (workflowId: string) =>
    (await stack.temporal.workflow.getHandle(workflowId).fetchHistory()).events?.length ?? 0;

  describe.each(BAD)('%s', (_label, escape, message) => {
    it.each(['title', 'description', 'enterprise.name'])('in %s of a new case: 400 naming the field, no case opened', async (field) => {
      const casesHere = async () =>
        ((await stack.db.query("SELECT count(*)::int AS n FROM cases WHERE jurisdiction = '140110'")) as { n: number }[])[0]!.n;
      const before = await casesHere();
      const res = await http(stack.baseUrl, 'POST', '/cases', bodyWith(caseBody({ jurisdiction: '140110' }), field, escape), OFFICER);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(pathsOf(res.body)).toEqual([`body.${field}`]);
      expect(res.body.errors[0].message).toContain(message);
      expect(await casesHere()).toBe(before);
    });

    it('in a report summary, verification findings or inspector name: 400 naming the field; the case and its history stay as they were', async () => {
      const opened = await http(stack.baseUrl, 'POST', '/cases', caseBody({ jurisdiction: '140110' }), OFFICER);
      expect(opened.status).toBe(201);
      const { id, workflowId } = opened.body as { id: string; workflowId: string };

      const historyBefore = await historyLength(workflowId);
      const report = await http(stack.baseUrl, 'POST', `/cases/${id}/report`, bodyWith({ summary: 'x' }, 'summary', escape), OFFICER);
      expect(report.status).toBe(400);
      expect(pathsOf(report.body)).toEqual(['body.summary']);
      const afterReport = await http(stack.baseUrl, 'GET', `/cases/${id}`, undefined, OFFICER);
      expect(afterReport.body).toMatchObject({ step: 'awaiting_report', lastSeq: opened.body.lastSeq });
      expect(await historyLength(workflowId)).toBe(historyBefore);

      const reported = await http(stack.baseUrl, 'POST', `/cases/${id}/report`, { summary: '已整改' }, OFFICER);
      expect(reported.body.step).toBe('awaiting_recheck');
      const verification = { result: 'passed', inspector: { id: 'officer-140110-002', name: '李复查' }, findings: '复查合格' };
      const historyAtRecheck = await historyLength(workflowId);
      for (const field of ['findings', 'inspector.name']) {
        const res = await http(stack.baseUrl, 'POST', `/cases/${id}/verification`, bodyWith(verification, field, escape), OFFICER);
        expect(res.status).toBe(400);
        expect(pathsOf(res.body)).toEqual([`body.${field}`]);
      }
      const after = await http(stack.baseUrl, 'GET', `/cases/${id}`, undefined, OFFICER);
      expect(after.body).toMatchObject({ step: 'awaiting_recheck', lastSeq: reported.body.lastSeq, status: 'open' });
      expect(await historyLength(workflowId)).toBe(historyAtRecheck);

      // The case still moves: nothing is queued behind a refused action.
      const closed = await http(stack.baseUrl, 'POST', `/cases/${id}/verification`, verification, OFFICER);
      expect(closed.status).toBe(200);
      expect(closed.body.step).toBe('closed');
    });

    it('in an administrator reason: 400 naming body.reason, no draft created', async () => {
      const before = await http(stack.baseUrl, 'GET', '/admin/policies', undefined, NATIONAL_ADMIN);
      const res = await http(
        stack.baseUrl,
        'POST',
        '/admin/policies',
        bodyWith({ label: `free-text ${randomUUID()}`, basedOn: 1, reason: 'x' }, 'reason', escape),
        NATIONAL_ADMIN,
      );
      expect(res.status).toBe(400);
      expect(pathsOf(res.body)).toEqual(['body.reason']);
      const after = await http(stack.baseUrl, 'GET', '/admin/policies', undefined, NATIONAL_ADMIN);
      expect(after.body.length).toBe(before.body.length);
    });
  });

  it('stores a title typed in decomposed form (NFD) in composed form (NFC)', async () => {
    const nfd = `Cafe\u0301 整改 ${randomUUID()}`;
    expect(nfd.normalize('NFC')).not.toBe(nfd);
    const opened = await http(stack.baseUrl, 'POST', '/cases', caseBody({ jurisdiction: '140110', title: nfd }), OFFICER);
    expect(opened.status).toBe(201);
    expect(opened.body.title).toBe(nfd.normalize('NFC'));
    const stored = (await stack.db.query('SELECT title FROM cases WHERE id = $1', [opened.body.id])) as { title: string }[];
    expect(stored[0]!.title).toBe(nfd.normalize('NFC'));
  });

  it('counts length in characters as PostgreSQL does: 200 CJK extension characters (400 UTF-16 units) are a valid title', async () => {
    const title = '𠀀'.repeat(200);
    const ok = await http(stack.baseUrl, 'POST', '/cases', caseBody({ jurisdiction: '140110', title }), OFFICER);
    expect(ok.status).toBe(201);
    const stored = (await stack.db.query('SELECT char_length(title) AS n FROM cases WHERE id = $1', [ok.body.id])) as { n: number }[];
    expect(stored[0]!.n).toBe(200);
    const tooLong = await http(stack.baseUrl, 'POST', '/cases', caseBody({ jurisdiction: '140110', title: title + 'x' }), OFFICER);
    expect(tooLong.status).toBe(400);
    expect(pathsOf(tooLong.body)).toEqual(['body.title']);
  });
});
