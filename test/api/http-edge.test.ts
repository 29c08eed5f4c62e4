import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { caseBody, openCaseAsLocalOfficer } from '../support/fixtures';
import { http, officerIn } from '../support/http';
import { startTestStack, type TestStack } from '../support/test-stack';
import { NATIONAL_ADMIN } from '../admin/admin-headers';
import { tokenFor, withBearer } from '../support/test-identity';
import { uploadFile } from '../support/uploads';
import { rawRequest } from './raw-request';

/**
 * The HTTP edge (docs/http-edge.md): what reaches a use case is UTF-8 JSON within the size limit,
 * from a method the path has, from a caller with a bearer token; everything else is a 4xx problem+json
 * answered before any route runs. Each case here answered 500, 404, or worse (a form-encoded POST
 * opened a real case) before. Cases of this file live in 140109 (万柏林区).
 */
describe('HTTP edge', () => {
  let stack: TestStack;
  const OFFICER = officerIn('140109');
  // Short receive deadlines, so that a request that never arrives whole is answered within the test.
  const REQUEST_TIMEOUT_MS = 3000;
  const HEADERS_TIMEOUT_MS = 2000;
  beforeAll(async () => {
    stack = await startTestStack({
      env: { API_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS), API_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS) },
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const casesTitled = async (title: string) =>
    Number(((await stack.db.query('SELECT count(*)::int AS n FROM cases WHERE title = $1', [title])) as { n: number }[])[0]!.n);

  const expectProblem = (res: { status: number; headers: Headers | Record<string, unknown> }, status: number) => {
    expect(res.status).toBe(status);
    const type = res.headers instanceof Headers ? res.headers.get('content-type') : res.headers['content-type'];
    expect(type).toMatch(/^application\/problem\+json/);
  };

  describe('requests Node refuses before Express', () => {
    it('answers headers over 16 KiB with a 431 problem, not an empty body', async () => {
      const res = await rawRequest(stack.baseUrl, 'GET', '/health', { ...OFFICER, 'x-padding': 'a'.repeat(20_000) });
      expectProblem(res, 431);
      expect(res.body).toMatchObject({ status: 431, title: '请求头过大' });
    });

    /** Writes `bytes` on a bare connection and waits (10 s at most) for the API to close it. */
    const sendAndWait = (bytes: string) =>
      new Promise<{ text: string; ms: number }>((resolve, reject) => {
        const url = new URL(stack.baseUrl);
        const started = Date.now();
        let text = '';
        const socket = connect(Number(url.port), url.hostname, () => socket.write(bytes));
        const timer = setTimeout(() => {
          socket.destroy();
          reject(new Error(`the connection was still open after 10 s; received ${JSON.stringify(text)}`));
        }, 10_000);
        socket.on('data', (d: Buffer) => (text += d.toString('utf8')));
        socket.on('error', () => undefined);
        socket.on('close', () => {
          clearTimeout(timer);
          resolve({ text, ms: Date.now() - started });
        });
      });

    it('answers a body shorter than its Content-Length with 408 and closes the connection, within the request timeout', async () => {
      const { authorization } = await withBearer(stack.baseUrl, OFFICER);
      const { text, ms } = await sendAndWait(
        `POST /cases HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${authorization}\r\nContent-Type: application/json\r\n` +
          `Content-Length: 100\r\n\r\n{"title":`,
      );
      expect(text).toMatch(/^HTTP\/1\.1 408 /);
      expect(text).toMatch(/\r\nContent-Type: application\/problem\+json\r\n/);
      expect(text).toMatch(/\r\nConnection: close\r\n/);
      expect(ms).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
      expect(ms).toBeLessThan(REQUEST_TIMEOUT_MS + 3000);
    });

    it('answers headers that never end with 408 within the headers timeout', async () => {
      const { text, ms } = await sendAndWait('GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
      expect(text).toMatch(/^HTTP\/1\.1 408 /);
      expect(ms).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 100);
      expect(ms).toBeLessThan(HEADERS_TIMEOUT_MS + 3000);
    });
  });

  describe('bodies', () => {
    it('refuses a JSON body over 256 kB with 413 and opens nothing', async () => {
      const title = `oversized ${randomUUID()}`;
      const res = await http(
        stack.baseUrl,
        'POST',
        '/cases',
        caseBody({ title, jurisdiction: '140109', description: 'x'.repeat(300_000) }),
        OFFICER,
      );
      expectProblem(res, 413);
      expect(res.body).toMatchObject({ status: 413, limitBytes: 262144 });
      expect(await casesTitled(title)).toBe(0);
    });

    it('refuses a form-encoded POST /cases with 415 and opens no case', async () => {
      const title = `form ${randomUUID()}`;
      const form = new URLSearchParams({
        title,
        source: 'inspection',
        sector: 'industry_trade',
        jurisdiction: '140109',
        hazardGrade: 'major',
        'enterprise[name]': '太原某机械加工有限公司',
        'enterprise[creditCode]': '91350100M000100Y43',
      }).toString();
      const res = await http(stack.baseUrl, 'POST', '/cases', form, { ...OFFICER, 'content-type': 'application/x-www-form-urlencoded' });
      expectProblem(res, 415);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'headers.content-type' })]);
      expect(await casesTitled(title)).toBe(0);
    });

    it.each([
      ['text/plain', 'text/plain'],
      ['no Content-Type', undefined],
      ['multipart', 'multipart/form-data; boundary=x'],
    ])('refuses a JSON text sent as %s with 415', async (_label, contentType) => {
      const body = JSON.stringify(caseBody({ jurisdiction: '140109' }));
      const headers: Record<string, string> = { ...OFFICER, 'content-length': String(Buffer.byteLength(body)) };
      if (contentType) headers['content-type'] = contentType;
      const res = await rawRequest(stack.baseUrl, 'POST', '/cases', headers, body);
      expectProblem(res, 415);
    });

    it('refuses a charset other than UTF-8 with 415', async () => {
      const res = await http(stack.baseUrl, 'POST', '/cases', caseBody({ jurisdiction: '140109' }), {
        ...OFFICER,
        'content-type': 'application/json; charset=iso-8859-1',
      });
      expectProblem(res, 415);
      expect(res.body.detail).toMatch(/UTF-8/);
    });

    it('refuses an unknown Content-Encoding with 415 naming the header', async () => {
      const res = await rawRequest(
        stack.baseUrl,
        'POST',
        '/deadlines/calculate',
        { ...OFFICER, 'content-type': 'application/json', 'content-encoding': 'compress' },
        '{}',
      );
      expectProblem(res, 415);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'headers.content-encoding' })]);
    });

    it('still reads a gzip-compressed JSON body, and a corrupt one is a 400', async () => {
      const body = JSON.stringify({ start: '2026-02-13T10:00:00+08:00', duration: { amount: 3, unit: 'workingDays' } });
      const headers = { ...OFFICER, 'content-type': 'application/json', 'content-encoding': 'gzip' };
      const ok = await rawRequest(stack.baseUrl, 'POST', '/deadlines/calculate', headers, gzipSync(body));
      expect(ok.status).toBe(200);
      const corrupt = await rawRequest(stack.baseUrl, 'POST', '/deadlines/calculate', headers, Buffer.from('not gzip at all'));
      expectProblem(corrupt, 400);
    });

    it('answers malformed JSON with 400', async () => {
      const res = await http(stack.baseUrl, 'POST', '/cases', '{"title":', OFFICER);
      expectProblem(res, 400);
    });

    it('says a valid JSON body that is not an object (null, 1e999) is not an object, not that it is malformed', async () => {
      for (const [text, kind] of [
        ['null', 'null'],
        ['1e999', 'a number'],
      ]) {
        const res = await http(stack.baseUrl, 'POST', '/deadlines/calculate', text, OFFICER);
        expectProblem(res, 400);
        expect(res.body.errors).toEqual([{ path: 'body', message: `expected a JSON object; the body is valid JSON, but ${kind}` }]);
      }
    });

    describe('nesting (at most 32 levels of objects and arrays, the body being level 1)', () => {
      /** An interview case in 140109 where the officer may start a rectification, whose start input carries free-form data. */
      const interviewCase = async () => {
        const opened = await http(
          stack.baseUrl,
          'POST',
          '/cases',
          caseBody({
            jurisdiction: '140109',
            title: `nesting ${randomUUID()}`,
            procedure: 'interview',
            input: { reason: '整改逾期未报告' },
          }),
          OFFICER,
        );
        expect(opened.status).toBe(201);
        return opened.body.id as string;
      };
      /**
       * POST /cases/{id}/procedures starting a rectification with `data` (level 6 of the body) set to `data`, written
       * as text: JSON.stringify itself recurses and would overflow on the deepest values.
       */
      const startRectification = (id: string, data: string) =>
        http(
          stack.baseUrl,
          'POST',
          `/cases/${id}/procedures`,
          `{"procedure":"rectification","reason":"整改","input":{"summary":"限期整改","escalations":[{"failures":2,"request":` +
            `{"kind":"approval","approval":"closure","approverRole":"supervisor","summary":"复查两次不合格","data":${data}}}]}}`,
          OFFICER,
        );
      const objects = (levels: number) => '{"a":'.repeat(levels - 1) + '{}' + '}'.repeat(levels - 1);
      const arrays = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
      const PREFIX = 'body.input.escalations.0.request.data';

      it('refuses an object 20 000 levels deep in a free-form field with 400 naming the first too-deep value, not a 500', async () => {
        const id = await interviewCase();
        const res = await startRectification(id, objects(20_000));
        expectProblem(res, 400);
        expect(res.body).toMatchObject({ type: '/problems/validation', maxDepth: 32 });
        expect(res.body.errors).toEqual([{ path: `${PREFIX}${'.a'.repeat(27)}`, message: expect.stringMatching(/at most 32 levels/) }]);
        expect((await http(stack.baseUrl, 'GET', `/cases/${id}`, undefined, OFFICER)).body.procedures).toHaveLength(1);
      });

      it('refuses arrays 20 000 levels deep the same way', async () => {
        const res = await startRectification(await interviewCase(), `{"list":${arrays(20_000)}}`);
        expectProblem(res, 400);
        expect(res.body.errors).toEqual([
          { path: `${PREFIX}.list${'.0'.repeat(26)}`, message: expect.stringMatching(/at most 32 levels/) },
        ]);
      });

      it('lets a body nested exactly 32 levels through to the route, and refuses 33', async () => {
        const id = await interviewCase();
        // data is level 6: 27 more objects reach level 32.
        const over = await startRectification(id, objects(28));
        expectProblem(over, 400);
        expect(over.body.errors.map((e: { path: string }) => e.path)).toEqual([`${PREFIX}${'.a'.repeat(27)}`]);
        // At the limit the route answers for itself: `escalations` is the workflow's own (set by the policy).
        const atLimit = await startRectification(id, objects(27));
        expectProblem(atLimit, 400);
        expect(atLimit.body.maxDepth).toBeUndefined();
        expect(atLimit.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.input.escalations']);
      });
    });
  });

  describe('numbers and ids in paths and queries', () => {
    it('answers a policy version above 2^31 with 400 naming path.version', async () => {
      const res = await http(stack.baseUrl, 'GET', '/admin/policies/99999999999', undefined, NATIONAL_ADMIN);
      expectProblem(res, 400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['path.version']);
      const changes = await http(stack.baseUrl, 'GET', '/admin/policies/2147483648/changes', undefined, NATIONAL_ADMIN);
      expectProblem(changes, 400);
    });

    it('answers a calendar version above 2^31 and a huge policyVersion query with 400', async () => {
      const cal = await http(stack.baseUrl, 'GET', '/admin/calendars/CN?version=99999999999', undefined, NATIONAL_ADMIN);
      expectProblem(cal, 400);
      expect(cal.body.errors.map((e: { path: string }) => e.path)).toEqual(['query.version']);
      const resolve = await http(
        stack.baseUrl,
        'GET',
        '/policies/resolve?sector=mining&procedure=rectification&step=report&policyVersion=99999999999',
        undefined,
        OFFICER,
      );
      expectProblem(resolve, 400);
      expect(resolve.body.errors.map((e: { path: string }) => e.path)).toEqual(['query.policyVersion']);
    });

    it('refuses unknown query parameters with 400 naming them, as the lists do, instead of ignoring them', async () => {
      // `version` is not a parameter of the lookup (`policyVersion` is): ignored, it answered from another version.
      const resolve = await http(
        stack.baseUrl,
        'GET',
        '/policies/resolve?sector=mining&procedure=rectification&step=report&version=0',
        undefined,
        OFFICER,
      );
      expectProblem(resolve, 400);
      expect(resolve.body).toMatchObject({
        type: '/problems/validation',
        errors: [{ path: 'query', message: expect.stringContaining('"version"') }],
      });
      for (const [path, caller] of [
        ['/catalog/sectors?bogus=1', OFFICER],
        ['/catalog/procedures?bogus=1', OFFICER],
        ['/admin/policies?bogus=1', NATIONAL_ADMIN],
        ['/admin/policies/1?bogus=1', NATIONAL_ADMIN],
        ['/admin/calendars?bogus=1', NATIONAL_ADMIN],
        ['/admin/calendars/CN?bogus=1', NATIONAL_ADMIN],
        ['/admin/jurisdictions?bogus=1', NATIONAL_ADMIN],
        ['/admin/migrations?bogus=1', NATIONAL_ADMIN],
        ['/me/notifications?bogus=1', OFFICER],
      ] as const) {
        const res = await http(stack.baseUrl, 'GET', path, undefined, caller);
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
        expect(res.body.errors).toEqual([{ path: 'query', message: 'Unrecognized key: "bogus"' }]);
        // Without the parameter the same route answers.
        expect((await http(stack.baseUrl, 'GET', path.replace('?bogus=1', ''), undefined, caller)).status).toBe(200);
      }
    });

    it('refuses unknown query parameters on the case reads, attachment downloads and draft deletion', async () => {
      const opened = await http(stack.baseUrl, 'POST', '/cases', caseBody({ jurisdiction: '140109' }), OFFICER);
      expect(opened.status).toBe(201);
      const id: string = opened.body.id;
      const file = await uploadFile(stack.baseUrl, id, 'query-edge.txt', 'query-edge', OFFICER);
      const attachments = await http(stack.baseUrl, 'GET', `/cases/${id}/attachments`, undefined, OFFICER);
      const attachmentId = attachments.body.find((a: { sha256: string }) => a.sha256 === file.sha256).id as string;
      for (const path of [
        `/cases/${id}?bogus=1`,
        `/cases/${id}/events?bogus=1`,
        `/cases/${id}/policy?bogus=1`,
        `/cases/${id}/integrity?bogus=1`,
        `/cases/${id}/attachments/${attachmentId}?bogus=1`,
      ]) {
        const res = await http(stack.baseUrl, 'GET', path, undefined, OFFICER);
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
        expect(res.body.errors).toEqual([{ path: 'query', message: 'Unrecognized key: "bogus"' }]);
        expect((await http(stack.baseUrl, 'GET', path.replace('?bogus=1', ''), undefined, OFFICER)).status).toBe(200);
      }

      // DELETE /admin/policies/{v} reads ?reason= (for clients that cannot send a body with DELETE), nothing else.
      const draft = await http(
        stack.baseUrl,
        'POST',
        '/admin/policies',
        { label: 'query edge', basedOn: 1, reason: 'test' },
        NATIONAL_ADMIN,
      );
      expect(draft.status).toBe(201);
      const path = `/admin/policies/${draft.body.version}`;
      for (const query of ['?reason=obsolete&bogus=1', '?bogus=1']) {
        const res = await http(stack.baseUrl, 'DELETE', `${path}${query}`, undefined, NATIONAL_ADMIN);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expect(res.body.errors).toEqual([{ path: 'query', message: 'Unrecognized key: "bogus"' }]);
      }
      const withBody = await http(stack.baseUrl, 'DELETE', `${path}?bogus=1`, { reason: 'obsolete' }, NATIONAL_ADMIN);
      expect(withBody.status).toBe(400);
      expect(withBody.body.errors).toEqual([{ path: 'query', message: 'Unrecognized key: "bogus"' }]);
      // Nor does a body carry anything but the reason.
      const extraField = await http(stack.baseUrl, 'DELETE', path, { reason: 'obsolete', bogus: 1 }, NATIONAL_ADMIN);
      expect(extraField.status).toBe(400);
      expect(extraField.body.errors).toEqual([{ path: 'body', message: 'Unrecognized key: "bogus"' }]);
      expect((await http(stack.baseUrl, 'GET', path, undefined, NATIONAL_ADMIN)).status).toBe(200);
      expect((await http(stack.baseUrl, 'DELETE', `${path}?reason=obsolete`, undefined, NATIONAL_ADMIN)).status).toBe(204);
    });

    it('answers malformed percent-encoding in a path with 400 problem+json', async () => {
      expectProblem(await http(stack.baseUrl, 'GET', '/cases/%E0%A4%A', undefined, OFFICER), 400);
      expectProblem(await http(stack.baseUrl, 'GET', '/admin/calendars/%FF', undefined, NATIONAL_ADMIN), 400);
    });

    it('answers calendar id CN-000000 with 400, and a well-formed unknown one with 404', async () => {
      const bad = await http(stack.baseUrl, 'GET', '/admin/calendars/CN-000000', undefined, NATIONAL_ADMIN);
      expectProblem(bad, 400);
      expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['path.id']);
      const history = await http(stack.baseUrl, 'GET', '/admin/calendars/CN-000000/history', undefined, NATIONAL_ADMIN);
      expectProblem(history, 400);
      const unknown = await http(stack.baseUrl, 'GET', '/admin/calendars/CN-659000', undefined, NATIONAL_ADMIN);
      expectProblem(unknown, 404);
    });
  });

  describe('identity', () => {
    it('answers a request without bearer credentials (none, or another scheme) with 401 and WWW-Authenticate', async () => {
      for (const authorization of [undefined, 'Basic b2ZmaWNlcjpzZWNyZXQ=']) {
        const res = await rawRequest(stack.baseUrl, 'GET', `/cases/${randomUUID()}`, authorization ? { authorization } : {});
        expectProblem(res, 401);
        expect(res.headers['www-authenticate']).toBe('Bearer realm="anjian"');
      }
    });

    it('answers a token with characters no bearer token has with 401 invalid_token, before any route runs', async () => {
      const res = await rawRequest(
        stack.baseUrl,
        'POST',
        '/cases',
        { authorization: 'Bearer not a token', 'content-type': 'application/json' },
        '{}',
      );
      expectProblem(res, 401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="anjian", error="invalid_token", error_description="[^"]+"$/);
    });

    it('ignores X-Actor-* headers: who acts, with what role and where, is the token plus the directory', async () => {
      const title = `forged headers ${randomUUID()}`;
      const body = JSON.stringify(caseBody({ title, jurisdiction: '140109' }));
      // The directory user behind OFFICER gets the Chinese name 李复查 (test-identity: x-actor-name).
      await http(stack.baseUrl, 'GET', '/cases/00000000-0000-4000-8000-000000000000', undefined, { ...OFFICER, 'x-actor-name': '李复查' });
      const res = await rawRequest(
        stack.baseUrl,
        'POST',
        '/cases',
        {
          authorization: `Bearer ${await tokenFor(OFFICER['x-actor-id'])}`,
          'x-actor-role': 'administrator',
          'x-actor-jurisdiction': '000000',
          'x-actor-name': 'forged',
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
        },
        body,
      );
      expect(res.status).toBe(201);
      // The open command (with the actor) is the workflow's start input: read it back from Temporal.
      const history = await stack.temporal.workflow.getHandle(res.body.workflowId).fetchHistory();
      const started = history.events?.find((e) => e.workflowExecutionStartedEventAttributes)?.workflowExecutionStartedEventAttributes;
      const input = (started?.input?.payloads ?? []).map((p) => new TextDecoder().decode(p.data ?? new Uint8Array())).join('');
      expect(JSON.parse(input).actor).toEqual({ id: OFFICER['x-actor-id'], name: '李复查', role: 'officer', jurisdiction: '140109' });
    });
  });

  describe('methods', () => {
    it('answers an unknown method on a known path with 405 and Allow', async () => {
      const opened = await openCaseAsLocalOfficer(stack.baseUrl, { jurisdiction: '140109', title: `405 ${randomUUID()}` });
      expect(opened.status).toBe(201);
      const del = await http(stack.baseUrl, 'DELETE', `/cases/${opened.body.id}`, undefined, OFFICER);
      expectProblem(del, 405);
      expect(del.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
      const put = await http(stack.baseUrl, 'PUT', '/health', undefined, OFFICER);
      expectProblem(put, 405);
      expect(put.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
      const getReport = await http(stack.baseUrl, 'GET', `/cases/${opened.body.id}/report`, undefined, OFFICER);
      expectProblem(getReport, 405);
      expect(getReport.headers.get('allow')).toBe('POST, OPTIONS');
      // A path the API names literally is not a case id: GET /cases/reassignments is 405, not 400 on path.id.
      const getReassignments = await http(stack.baseUrl, 'GET', '/cases/reassignments', undefined, OFFICER);
      expectProblem(getReassignments, 405);
      expect(getReassignments.headers.get('allow')).toBe('POST, OPTIONS');
      // An unknown path stays a 404.
      expectProblem(await http(stack.baseUrl, 'DELETE', '/nowhere', undefined, OFFICER), 404);
    });
  });

  describe('response headers', () => {
    it('sends no X-Powered-By, and no-store plus nosniff on case, admin and problem answers', async () => {
      const opened = await openCaseAsLocalOfficer(stack.baseUrl, { jurisdiction: '140109', title: `headers ${randomUUID()}` });
      const answers = [
        opened,
        await http(stack.baseUrl, 'GET', `/cases/${opened.body.id}`, undefined, OFFICER),
        await http(stack.baseUrl, 'GET', `/cases/${opened.body.id}/events`, undefined, OFFICER),
        await http(stack.baseUrl, 'GET', '/admin/policies', undefined, NATIONAL_ADMIN),
        await http(stack.baseUrl, 'GET', `/cases/${randomUUID()}`, undefined, OFFICER),
        await http(stack.baseUrl, 'GET', '/health'),
      ];
      for (const res of answers) {
        expect(res.headers.get('x-powered-by')).toBeNull();
        expect(res.headers.get('cache-control')).toBe('no-store');
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      }
    });

    it('keeps Swagger UI working: the page and its assets load under their own policy', async () => {
      const page = await fetch(`${stack.baseUrl}/docs`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self';");
      const html = await page.text();
      expect(html).not.toMatch(/<script>/); // no inline script: the policy would block it
      for (const src of [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!)) {
        expect((await fetch(`${stack.baseUrl}${src}`)).status).toBe(200);
      }
      const asset = await fetch(`${stack.baseUrl}/docs/assets/swagger-ui-bundle.js`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).not.toBe('no-store');
      expect(asset.headers.get('x-powered-by')).toBeNull();
    });
  });
});
