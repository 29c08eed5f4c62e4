import { loadEnv } from '@anjian/config';
import { createDataSource } from '@anjian/persistence';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client, Connection } from '@temporalio/client';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createApp } from '../../apps/api/src/create-app';
import { testIdentityEnv } from '../support/test-identity';

const need = (name: string) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run integration tests through jest's global setup`);
  return v;
};

/** An API with a per-address limit of 2 requests a minute, trusting the given proxies (or none). */
async function apiWith(trustProxy: string | undefined) {
  const env = loadEnv({
    NODE_ENV: 'test',
    DATABASE_URL: need('TEST_DATABASE_URL'),
    TEMPORAL_ADDRESS: need('TEST_TEMPORAL_ADDRESS'),
    TEMPORAL_NAMESPACE: need('TEST_TEMPORAL_NAMESPACE'),
    API_PORT: '0',
    ...testIdentityEnv(),
    RATE_LIMIT_PER_IP: '2',
    RATE_LIMIT_WINDOW_S: '60',
    ...(trustProxy === undefined ? {} : { API_TRUST_PROXY: trustProxy }),
  });
  const db: DataSource = await createDataSource(env.DATABASE_URL, 2, { statementTimeoutMs: 10_000, connectTimeoutMs: 5_000 }).initialize();
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const app: NestExpressApplication = await createApp({
    env,
    db,
    temporal: new Client({ connection, namespace: env.TEMPORAL_NAMESPACE }),
    log: pino({ level: 'silent' }),
  });
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  // No token: the per-address limit runs before authentication, so an allowed request is a 401, a refused one 429.
  const statusFrom = async (forwardedFor: string) =>
    (await fetch(`${baseUrl}/catalog/sectors`, { headers: { 'x-forwarded-for': forwardedFor } })).status;
  const stop = async () => {
    await app.close();
    await connection.close();
    await db.destroy();
  };
  return { statusFrom, stop };
}

/** API_TRUST_PROXY: whose X-Forwarded-For decides the client address the per-address rate limit counts. */
describe('trusted proxies (API_TRUST_PROXY)', () => {
  it('unset: X-Forwarded-For is ignored, so a client cannot escape its limit by forging it', async () => {
    const api = await apiWith(undefined);
    try {
      expect([await api.statusFrom('203.0.113.1'), await api.statusFrom('203.0.113.2'), await api.statusFrom('203.0.113.3')]).toEqual([
        401, 401, 429,
      ]);
    } finally {
      await api.stop();
    }
  });

  it('a trusted load balancer: each client behind it has its own limit', async () => {
    const api = await apiWith('loopback');
    try {
      expect([await api.statusFrom('203.0.113.1'), await api.statusFrom('203.0.113.1'), await api.statusFrom('203.0.113.1')]).toEqual([
        401, 401, 429,
      ]);
      expect(await api.statusFrom('203.0.113.2')).toBe(401);
    } finally {
      await api.stop();
    }
  });
});
