import { Writable } from 'node:stream';
import { loadEnv } from '@anjian/config';
import { createDataSource } from '@anjian/persistence';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client, Connection } from '@temporalio/client';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createApp } from '../../apps/api/src/create-app';
import { http } from '../support/http';
import { registerTestApi, testIdentityEnv, tokenFor } from '../support/test-identity';

const need = (name: string) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run integration tests through jest's global setup`);
  return v;
};
const user = (id: string, role: string, jurisdiction: string, name?: string) => ({
  'x-actor-id': id,
  'x-actor-role': role,
  'x-actor-jurisdiction': jurisdiction,
  ...(name ? { 'x-actor-name': encodeURIComponent(name) } : {}),
});

/**
 * Issue 12 "Protection", through the real HTTP app: rate limits per user and per client address (429
 * problem+json with Retry-After), and logs that carry who/what/why of a denial but never a token or
 * personal data. The API here is built by hand (no worker: nothing below runs a workflow) so that its
 * logger can be read and its limits set low.
 */
describe('protection: rate limits, and logs without tokens or personal data', () => {
  const lines: string[] = [];
  let app: NestExpressApplication;
  let db: DataSource;
  let connection: Connection;
  let baseUrl: string;

  beforeAll(async () => {
    const env = loadEnv({
      NODE_ENV: 'test',
      DATABASE_URL: need('TEST_DATABASE_URL'),
      TEMPORAL_ADDRESS: need('TEST_TEMPORAL_ADDRESS'),
      TEMPORAL_NAMESPACE: need('TEST_TEMPORAL_NAMESPACE'),
      API_PORT: '0',
      ...testIdentityEnv(),
      // Low limits for this API only.
      RATE_LIMIT_PER_USER: '5',
      RATE_LIMIT_PER_IP: '12',
      RATE_LIMIT_WINDOW_S: '60',
    });
    // Everything the app logs, at every level, with no redaction: what the app itself writes must be clean.
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    db = await createDataSource(env.DATABASE_URL, 3, { statementTimeoutMs: 10_000, connectTimeoutMs: 5_000 }).initialize();
    connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
    const temporal = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
    app = await createApp({ env, db, temporal, log: pino({ level: 'trace' }, sink) });
    await app.listen(0, '127.0.0.1');
    baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    registerTestApi(baseUrl, env.DATABASE_URL);
  });
  afterAll(async () => {
    await app?.close();
    await connection?.close();
    await db?.destroy();
  });

  it('logs a denial with who, what and why, and no token, name or body anywhere', async () => {
    const admin = user('prot-admin@140000', 'administrator', '140000', '张保密');
    const supervisor = user('prot-supervisor@140100', 'supervisor', '140100', '王保密');
    const outsider = 'prot-outsider@650101';
    expect((await http(baseUrl, 'GET', '/catalog/sectors', undefined, user(outsider, 'officer', '650101', '赵保密'))).status).toBe(200);
    // A user outside the administrator's subtree does not exist for them; a supervisor may not manage users.
    const hidden = await http(baseUrl, 'PATCH', `/admin/users/${outsider}`, { name: '李秘密', reason: '改名' }, admin);
    expect(hidden.status).toBe(404);
    expect((await http(baseUrl, 'GET', '/admin/users', undefined, supervisor)).status).toBe(403);
    const forged = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbkAwMDAwMDAifQ.Zm9yZ2VkLXNpZ25hdHVyZQ';
    expect((await http(baseUrl, 'GET', '/catalog/sectors', undefined, { authorization: `Bearer ${forged}` })).status).toBe(401);

    const all = lines.join('');
    for (const secret of [await tokenFor('prot-admin@140000'), await tokenFor('prot-supervisor@140100'), forged])
      expect(all).not.toContain(secret.split('.')[1]); // a JWT's payload segment
    expect(all).not.toMatch(/bearer\s+ey/i);
    for (const name of ['张保密', '王保密', '赵保密', '李秘密', encodeURIComponent('张保密')]) expect(all).not.toContain(name);

    const denials = lines
      .map((l) => JSON.parse(l) as { msg?: string; access?: Record<string, unknown> })
      .filter((l) => l.msg === 'access denied');
    expect(denials.map((d) => d.access)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          user: 'prot-admin@140000',
          role: 'administrator',
          jurisdiction: '140000',
          operation: 'configure_users',
          status: 404,
          resource: `user:${outsider}`,
          reason: expect.stringContaining('650101'),
        }),
        expect.objectContaining({
          user: 'prot-supervisor@140100',
          operation: 'configure_users',
          status: 403,
          reason: expect.stringContaining('supervisor'),
        }),
      ]),
    );
    const audit = (await db.query(
      `SELECT entity_id, action, actor_id, reason FROM admin_changes WHERE entity = 'access_denial' AND actor_id LIKE 'prot-%'`,
    )) as {
      entity_id: string;
      action: string;
    }[];
    expect(audit.map((a) => [a.entity_id, a.action])).toEqual(
      expect.arrayContaining([
        [`user:${outsider}`, 'configure_users'],
        ['/admin/users', 'configure_users'],
      ]),
    );
  });

  it('limits each user, then the address, with 429 problem+json and Retry-After', async () => {
    const a = user('prot-rate-a@140105', 'officer', '140105');
    const b = user('prot-rate-b@140105', 'officer', '140105');
    const c = user('prot-rate-c@140105', 'officer', '140105');
    // The first test made 4 requests from this address; this one starts from there.
    const statuses = async (who: Record<string, string>, n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push((await http(baseUrl, 'GET', '/catalog/sectors', undefined, who)).status);
      return out;
    };
    expect(await statuses(a, 5)).toEqual([200, 200, 200, 200, 200]);
    const limited = await http(baseUrl, 'GET', '/catalog/sectors', undefined, a);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(limited.body).toMatchObject({ status: 429, type: '/problems/rate-limited', per: 'user', limit: 5 });
    // Another user is not limited by the first one's count (address count so far: 4 + 6 = 10).
    expect(await statuses(b, 2)).toEqual([200, 200]);
    // The address's 13th request is refused whoever sends it — even one with no token (before authentication).
    const byAddress = await http(baseUrl, 'GET', '/catalog/sectors', undefined, c);
    expect(byAddress.status).toBe(429);
    expect(byAddress.body).toMatchObject({ per: 'ip', limit: 12 });
    expect((await http(baseUrl, 'GET', '/catalog/sectors', undefined, {})).status).toBe(429);
    // Security headers ride on refusals too.
    expect(byAddress.headers.get('x-frame-options')).toBe('DENY');
    expect(byAddress.headers.get('cache-control')).toBe('no-store');
  });
});
