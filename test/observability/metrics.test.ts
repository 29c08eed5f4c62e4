import { caseBody } from '../support/fixtures';
import { http } from '../support/http';
import { actionPath, document } from '../api/procedure-support';
import { startTestStack, type TestStack } from '../support/test-stack';
import { uploadFile } from '../support/uploads';

/** Reads one sample of the Prometheus text format: `name{labels} value`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

describe('GET /metrics (Prometheus)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('times requests by route template and status, and counts open and overdue cases as the database does', async () => {
    const a = await http(stack.baseUrl, 'POST', '/cases', caseBody());
    const b = await http(stack.baseUrl, 'POST', '/cases', caseBody());
    expect([a.status, b.status]).toEqual([201, 201]);
    await uploadFile(stack.baseUrl, a.body.id, '整改报告.pdf');
    const report = { summary: '已整改', attachments: [document('整改报告.pdf')] };
    expect((await http(stack.baseUrl, 'POST', actionPath(a.body.id, 'rectification-1', 'submit_report'), report)).status).toBe(200);
    expect((await http(stack.baseUrl, 'POST', '/cases', { title: '' })).status).toBe(400);
    expect((await http(stack.baseUrl, 'GET', `/cases/${b.body.id}`)).status).toBe(200);
    expect((await http(stack.baseUrl, 'GET', '/no-such-path/12345')).status).toBe(404);
    // Case b's deadline has passed (as if months went by): it is overdue until someone acts.
    await stack.db.query(`UPDATE cases SET due_at = now() - interval '1 day' WHERE id = $1`, [b.body.id]);
    // Case a missed a deadline still awaited while the next one (the row's due_at) lies ahead: overdue too.
    await stack.db.query(`UPDATE cases SET overdue = true, due_at = now() + interval '9 days' WHERE id = $1`, [a.body.id]);

    const res = await fetch(`${stack.baseUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();

    const count = (route: string, status: string, method = 'POST') =>
      sample(text, 'anjian_http_request_duration_seconds_count', { method, route, status });
    expect(count('/cases', '201')).toBe(2);
    expect(count('/cases', '400')).toBe(1);
    expect(count('/cases/:id/procedures/:procedureId/actions/:action', '200')).toBe(1);
    expect(count('/cases/:id', '200', 'GET')).toBe(1);
    expect(count('unmatched', '404', 'GET')).toBe(1);
    // Raw URLs never become labels.
    expect(text).not.toContain(a.body.id);
    expect(text).not.toContain('no-such-path');
    expect(text).not.toContain('submit_report');

    // Overdue as the lists count it: the projection's missed-deadline flag, or due_at passed.
    const [db] = await stack.db.query(
      `SELECT count(*) FILTER (WHERE status = 'open')::int AS open,
              count(*) FILTER (WHERE status = 'open' AND (overdue OR due_at < now()))::int AS overdue FROM cases`,
    );
    expect(sample(text, 'anjian_cases_open')).toBe(db.open);
    expect(sample(text, 'anjian_cases_overdue')).toBe(db.overdue);
    expect(db.overdue).toBeGreaterThanOrEqual(2);
    const listed = await http(stack.baseUrl, 'GET', '/cases?due=overdue&limit=200');
    expect(listed.body.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([a.body.id, b.body.id]));
    expect(sample(text, 'anjian_projection_lag_last_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'anjian_api_process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('is listed in the OpenAPI document with a text/plain answer and no identity headers', async () => {
    const doc = (await http(stack.baseUrl, 'GET', '/openapi.json')).body;
    const op = doc.paths['/metrics'].get;
    expect(Object.keys(op.responses['200'].content)).toEqual(['text/plain; version=0.0.4; charset=utf-8']);
    expect(op.parameters ?? []).toEqual([]);
    expect((await http(stack.baseUrl, 'GET', '/metrics', undefined, {})).status).toBe(200);
  });
});
