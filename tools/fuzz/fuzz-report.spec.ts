import { addEvent, distinctFailures, emptySummary, statusTable, verdict } from './fuzz-report';

const b64 = (s: string) => ({ $base64: Buffer.from(s).toString('base64') });

function scenario(label: string, cases: Array<{ method: string; path: string; status?: number; failed?: string[] }>): string {
  const entries = cases.map((c, i) => [`c${i}`, c] as const);
  return JSON.stringify({
    ScenarioFinished: {
      recorder: {
        label,
        cases: Object.fromEntries(entries.map(([id, c]) => [id, { value: { method: c.method, path: c.path } }])),
        checks: Object.fromEntries(
          entries.map(([id, c]) => [
            id,
            [
              { name: 'not_a_server_error', status: c.failed?.includes('not_a_server_error') ? 'failure' : 'success' },
              {
                name: 'status_code_conformance',
                status: c.failed?.includes('status_code_conformance') ? 'failure' : 'success',
                failure_info: { failure: { code: 'ST103', title: 'Undocumented status code', message: `Received: ${c.status}` } },
              },
            ],
          ]),
        ),
        interactions: Object.fromEntries(
          entries.map(([id, c]) => [
            id,
            {
              request: { method: c.method, uri: `http://api${c.path}`, body: b64('{"a":1}') },
              response: c.status === undefined ? null : { status_code: c.status, content: b64('{"status":500}') },
            },
          ]),
        ),
      },
    },
  });
}

describe('fuzz report', () => {
  it('counts requests by operation and status, stateful steps under their own operation', () => {
    const s = emptySummary();
    addEvent(
      s,
      'officer',
      scenario('GET /cases/{id}', [
        { method: 'GET', path: '/cases/{id}', status: 200 },
        { method: 'GET', path: '/cases/{id}', status: 404 },
      ]),
    );
    addEvent(
      s,
      'officer',
      scenario('Stateful tests', [
        { method: 'POST', path: '/cases', status: 201 },
        { method: 'GET', path: '/cases/{id}', status: 200 },
      ]),
    );
    addEvent(s, 'officer', '{"ScenarioStarted":{}}');
    expect(s.requests).toBe(4);
    expect(Object.fromEntries(s.byOperation.get('GET /cases/{id}')!)).toEqual({ '200': 2, '404': 1 });
    expect(Object.fromEntries(s.byOperation.get('POST /cases')!)).toEqual({ '201': 1 });
    expect(verdict(s).ok).toBe(true);
    const table = statusTable(s, ['GET /health', 'GET /cases/{id}']);
    expect(table).toMatch(/GET \/health\s+·\s+·\s+·\s+0/);
    expect(table).toMatch(/GET \/cases\/\{id\}\s+2\s+·\s+1\s+3/);
    expect(table).toMatch(/other methods on documented paths\s+·\s+1\s+·\s+1/);
    expect(table).toMatch(/all requests\s+2\s+1\s+1\s+4/);
  });

  it('fails on a 5xx, a non-conforming response and a request the API never answered', () => {
    const s = emptySummary();
    addEvent(
      s,
      'anonymous',
      scenario('POST /admin/policies/{version}/migrations', [
        {
          method: 'POST',
          path: '/admin/policies/{version}/migrations',
          status: 500,
          failed: ['not_a_server_error', 'status_code_conformance'],
        },
        {
          method: 'POST',
          path: '/admin/policies/{version}/migrations',
          status: 500,
          failed: ['not_a_server_error', 'status_code_conformance'],
        },
      ]),
    );
    addEvent(
      s,
      'anonymous',
      JSON.stringify({
        NonFatalError: { value: { type: 'ReadTimeout', message: 'Read timed out after 45 seconds' }, label: 'POST /cases' },
      }),
    );
    addEvent(
      s,
      'anonymous',
      JSON.stringify({
        NonFatalError: { value: { type: 'SystemError', message: 'AST constructor recursion depth mismatch' }, label: 'GET /cases' },
      }),
    );
    expect(verdict(s)).toEqual({ serverErrors: 2, nonConforming: 2, unknownHeadersAccepted: 0, hangs: 1, incompleteRuns: 0, ok: false });
    const [first, ...rest] = distinctFailures(s);
    expect(rest.map((f) => f.check)).toEqual(['status_code_conformance']);
    expect(first).toMatchObject({
      operation: 'POST /admin/policies/{version}/migrations',
      status: 500,
      count: 2,
      response: '{"status":500}',
    });
    expect(first!.request.body).toBe('{"a":1}');
  });

  it('does not count an undeclared request header that was answered normally (RFC 9110 §5.1); any other invalid part still fails', () => {
    const negative = (component: string) =>
      JSON.stringify({
        ScenarioFinished: {
          recorder: {
            label: 'POST /me/notifications/{id}/read',
            cases: { c0: { value: { method: 'POST', path: '/me/notifications/1/read' } } },
            checks: {
              c0: [
                {
                  name: 'negative_data_rejection',
                  status: 'failure',
                  failure_info: {
                    failure: {
                      code: 'ST201',
                      title: 'Schema-violating request accepted',
                      message: `Invalid data should have been rejected\nExpected: 400, 5xx\nInvalid component: ${component}`,
                    },
                  },
                },
              ],
            },
            interactions: {
              c0: { request: { method: 'POST', uri: 'http://api/me/notifications/1/read' }, response: { status_code: 200 } },
            },
          },
        },
      });
    const s = emptySummary();
    addEvent(s, 'supervisor', negative('in header - object with unexpected properties'));
    expect(verdict(s)).toMatchObject({ nonConforming: 0, unknownHeadersAccepted: 1, ok: true });
    expect(distinctFailures(s)).toEqual([]);

    addEvent(s, 'supervisor', negative('in body - object with unexpected properties'));
    expect(verdict(s)).toMatchObject({ nonConforming: 1, unknownHeadersAccepted: 1, ok: false });
    expect(distinctFailures(s).map((f) => f.message)).toEqual([expect.stringMatching(/in body/)]);
  });
});
