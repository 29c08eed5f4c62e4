import { loadEnv } from '@anjian/config';
import { createDataSource } from '@anjian/persistence';
import { Client } from '@temporalio/client';
import pino from 'pino';
import { createApp } from '../../apps/api/src/create-app';
import { http } from '../support/http';
import { startTestStack, type TestStack } from '../support/test-stack';
import { unreachableTemporal } from '../support/unreachable-temporal';

describe('health, OpenAPI and errors', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('reports ready when Temporal and PostgreSQL answer', async () => {
    const res = await http(stack.baseUrl, 'GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', ready: true, down: [], checks: { postgres: { ok: true }, temporal: { ok: true } } });
  });

  it('answers 503 naming the dependency that is down', async () => {
    const env = loadEnv({ DATABASE_URL: process.env['TEST_DATABASE_URL'], API_PORT: '0' });
    const db = await createDataSource(env.DATABASE_URL, 1).initialize();
    // Nothing listens on port 1: Temporal is "down" for this app.
    const unreachable = unreachableTemporal();
    const { connection } = unreachable;
    const app = await createApp({ env, db, temporal: new Client({ connection }), log: pino({ level: 'silent' }) });
    await app.listen(0, '127.0.0.1');
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    try {
      const temporalDown = await http(url, 'GET', '/health');
      expect(temporalDown.status).toBe(503);
      expect(temporalDown.body.down).toEqual(['temporal']);
      await db.destroy();
      const bothDown = await http(url, 'GET', '/health');
      expect(bothDown.body.down).toEqual(['postgres', 'temporal']);
    } finally {
      await app.close();
      await unreachable.close();
      if (db.isInitialized) await db.destroy();
    }
  });

  it('states in the document what validation accepts where fuzzing found it looser (fuzz finding F5)', async () => {
    const { body: doc } = await http(stack.baseUrl, 'GET', '/openapi.json');
    const schemas = doc.components.schemas;

    // Identity is a bearer token (docs/identity.md): no X-Actor-* header is declared any more; every
    // operation but the public ones requires the bearer scheme and documents 401.
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    const post = doc.paths['/cases'].post;
    expect((post.parameters ?? []).filter((p: { name: string }) => /^x-actor-/i.test(p.name))).toEqual([]);
    expect(post.security).toEqual([{ bearer: [] }]);
    expect(post.responses['401']).toBeDefined();
    expect(doc.paths['/health'].get.security).toBeUndefined();

    // Instants and dates carry patterns with real field ranges; sectors and steps are the catalog's.
    const byPolicy = schemas.CalculateDeadlineByPolicy.properties;
    expect(new RegExp(byPolicy.start.pattern).test('2026-02-13T10:00+08:00')).toBe(true);
    expect(new RegExp(byPolicy.start.pattern).test('2026-13-01T10:00+08:00')).toBe(false);
    expect(new RegExp(schemas.CalendarEntry.properties.date.pattern).test('2026-02-13')).toBe(true);
    expect(new RegExp(schemas.CalendarEntry.properties.date.pattern).test('2026-00-13')).toBe(false);
    const sectors = await http(stack.baseUrl, 'GET', '/catalog/sectors');
    const sectorIds = (sectors.body as { id: string }[]).map((s) => s.id).sort();
    expect([...byPolicy.sector.enum].sort()).toEqual(sectorIds);
    expect([...schemas.OpenRectificationCase.properties.sector.enum].sort()).toEqual(sectorIds);
    expect(byPolicy.step.enum).toEqual(expect.arrayContaining(['report', 'recheck']));
    const creditCode = schemas.OpenRectificationCase.properties.enterprise.properties.creditCode;
    expect(creditCode.pattern).toBe('^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$');
    expect(creditCode.description).toMatch(/check character/);
    // Conditional rules: a failed re-check names the new deadline; deadlines must lie ahead.
    expect(schemas.RecordVerification.anyOf).toEqual([{ properties: { result: { const: 'passed' } } }, { required: ['newReportDueAt'] }]);
    expect(schemas.RecordVerification.properties.newReportDueAt.description).toMatch(/future/);
    expect(schemas.OpenRectificationCase.properties.reportDueAt.description).toMatch(/future/);

    // A start the document allows whose period runs past the calendars' range is the 400 the description
    // promises, not a 500 (the fuzz run found it once starts were drawn from 1992–2099).
    const pastRange = await http(stack.baseUrl, 'POST', '/deadlines/calculate', {
      duration: { amount: 3339, unit: 'workingDays' },
      start: '2096-10-08T22:37Z',
    });
    expect({ status: pastRange.status, path: pastRange.body.errors?.[0]?.path }).toEqual({ status: 400, path: 'body.start' });
  });

  it('serves an OpenAPI 3.1 document generated from the zod schemas, and a browsable UI', async () => {
    const doc = await http(stack.baseUrl, 'GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/health', '/cases', '/cases/{id}', '/cases/{id}/report', '/cases/{id}/verification']),
    );
    const open = doc.body.components.schemas.OpenRectificationCase;
    expect(open.properties.jurisdiction.pattern).toBe('^\\d{6}$');
    expect(open.required).toEqual(expect.arrayContaining(['title', 'sector', 'jurisdiction', 'enterprise']));
    expect(doc.body.paths['/cases/{id}/report'].post.responses['409'].content['application/problem+json']).toBeDefined();
    // The main path: one documented route per procedure action, answering 409 for a step that does not allow it.
    const submitReport = doc.body.paths['/cases/{id}/procedures/{procedureId}/actions/submit_report'];
    expect(submitReport.post.responses['409'].content['application/problem+json']).toBeDefined();
    // The rule: every POST and PATCH (and nothing else) declares Idempotency-Key with its 409/422 answers
    // (the interceptor keys both methods; PATCH /admin/users/{id} is a PATCH, so both halves are exercised).
    const unsafeSeen = new Set<string>();
    for (const [path, item] of Object.entries<Record<string, { parameters?: { name: string }[]; responses: object }>>(doc.body.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const declares = (op.parameters ?? []).some((p) => p.name.toLowerCase() === 'idempotency-key');
        const unsafe = method === 'post' || method === 'patch';
        expect({ method, path, declares }).toEqual({ method, path, declares: unsafe });
        if (unsafe) {
          unsafeSeen.add(method);
          expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['409', '422']));
        }
      }
    }
    expect([...unsafeSeen].sort()).toEqual(['patch', 'post']);
    const ui = await http(stack.baseUrl, 'GET', '/docs');
    expect(ui.status).toBe(200);
    expect(String(ui.body)).toContain('/openapi.json');
    const asset = await fetch(`${stack.baseUrl}/docs/assets/swagger-ui-bundle.js`);
    expect(asset.status).toBe(200);
  });

  it('answers an unknown route as problem+json', async () => {
    const res = await http(stack.baseUrl, 'GET', '/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, instance: '/nope' });
  });
});
