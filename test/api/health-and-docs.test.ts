import { loadEnv } from '@anjian/config';
import { createDataSource } from '@anjian/persistence';
import { Client, Connection } from '@temporalio/client';
import pino from 'pino';
import { createApp } from '../../apps/api/src/create-app';
import { http } from '../support/http';
import { startTestStack, type TestStack } from '../support/test-stack';

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
    const connection = Connection.lazy({ address: '127.0.0.1:1', connectTimeout: 500 });
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
      await connection.close();
      if (db.isInitialized) await db.destroy();
    }
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
    // Every POST (and only a POST) declares Idempotency-Key with its 409/422 answers.
    for (const [path, item] of Object.entries<Record<string, { parameters?: { name: string }[]; responses: object }>>(doc.body.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const declares = (op.parameters ?? []).some((p) => p.name.toLowerCase() === 'idempotency-key');
        expect({ method, path, declares }).toEqual({ method, path, declares: method === 'post' });
        if (method === 'post') expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['409', '422']));
      }
    }
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
