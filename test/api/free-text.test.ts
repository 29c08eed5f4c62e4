import { randomUUID } from 'node:crypto';
import { caseBody } from '../support/fixtures';
import { http, officerIn } from '../support/http';
import { startTestStack, type TestStack } from '../support/test-stack';
import { NATIONAL_ADMIN } from '../admin/admin-headers';
import { actionPath, document } from './procedure-support';
import { uploadFile } from '../support/uploads';

/** The enterprise's report as the rectification's submit_report takes it (at least one attachment). */
const REPORT = { summary: '已整改', attachments: [document('整改报告.pdf')] };

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
  const eventCount = async (caseId: string) =>
    ((await stack.db.query('SELECT count(*)::int AS n FROM case_events WHERE case_id = $1', [caseId])) as { n: number }[])[0]!.n;
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

    it('in a report summary or attachment name, re-check findings or inspector name: 400 naming the field; the case and its histories stay as they were', async () => {
      const opened = await http(stack.baseUrl, 'POST', '/cases', caseBody({ jurisdiction: '140110' }), OFFICER);
      expect(opened.status).toBe(201);
      const id = opened.body.id as string;
      await uploadFile(stack.baseUrl, id, '整改报告.pdf', '整改报告.pdf', OFFICER);
      const rectification = (opened.body.procedures as { procedureId: string; workflowId: string }[])[0]!;
      const act = (action: string) => actionPath(id, rectification.procedureId, action);
      // What must not move: the rectification's step, the case's events, and both workflows' histories.
      const snapshot = async () => {
        const detail = await http(stack.baseUrl, 'GET', `/cases/${id}`, undefined, OFFICER);
        return {
          status: detail.body.status as string,
          step: (detail.body.procedures as { procedureId: string; step: string }[]).find(
            (p) => p.procedureId === rectification.procedureId,
          )!.step,
          events: await eventCount(id),
          caseHistory: await historyLength(opened.body.workflowId),
          procedureHistory: await historyLength(rectification.workflowId),
        };
      };

      // After an answered action the child's report still travels to the case workflow by signal, which
      // grows both histories a moment later: the baseline is taken once two reads in a row agree.
      const settled = async () => {
        let last = await snapshot();
        for (let i = 0; i < 40; i++) {
          await new Promise((r) => setTimeout(r, 250));
          const now = await snapshot();
          if (JSON.stringify(now) === JSON.stringify(last)) return now;
          last = now;
        }
        throw new Error(`the case did not settle: ${JSON.stringify(last)}`);
      };

      const atReport = await settled();
      expect(atReport).toMatchObject({ status: 'open', step: 'report' });
      for (const field of ['summary', 'attachments.0.name']) {
        const report = await http(stack.baseUrl, 'POST', act('submit_report'), bodyWith(REPORT, field, escape), OFFICER);
        expect(report.status).toBe(400);
        expect(pathsOf(report.body)).toEqual([`body.${field}`]);
      }
      expect(await snapshot()).toEqual(atReport);

      const reported = await http(stack.baseUrl, 'POST', act('submit_report'), REPORT, OFFICER);
      expect(reported.status).toBe(200);
      const verification = { result: 'passed', inspector: { id: 'officer-140110-002', name: '李复查' }, findings: '复查合格' };
      const atRecheck = await settled();
      expect(atRecheck).toMatchObject({ status: 'open', step: 'recheck' });
      for (const field of ['findings', 'inspector.name']) {
        const res = await http(stack.baseUrl, 'POST', act('record_recheck'), bodyWith(verification, field, escape), OFFICER);
        expect(res.status).toBe(400);
        expect(pathsOf(res.body)).toEqual([`body.${field}`]);
      }
      expect(await snapshot()).toEqual(atRecheck);

      // The case still moves: nothing is queued behind a refused action.
      const closed = await http(stack.baseUrl, 'POST', act('record_recheck'), verification, OFFICER);
      expect(closed.status).toBe(200);
      expect(closed.body.procedures).toEqual([expect.objectContaining({ procedureId: rectification.procedureId, status: 'completed' })]);
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
