import 'reflect-metadata';
import { loadEnv } from '@anjian/config';
import { createDataSource } from '@anjian/persistence';
import { Client, Connection } from '@temporalio/client';
import pino from 'pino';
import { createApp } from '../../../apps/api/src/create-app';

/**
 * The API as the benchmark measures it, in its own process (so the load generator does not share its
 * event loop): DATABASE_URL and OIDC_ISSUERS from the environment, rate limits off, logs silent.
 * Prints {"url": …} once listening; stops on SIGTERM.
 */
async function main(): Promise<void> {
  const env = loadEnv({ ...process.env, API_PORT: '0', RATE_LIMIT_PER_IP: '0', RATE_LIMIT_PER_USER: '0' });
  const db = await createDataSource(env.DATABASE_URL, env.DATABASE_POOL_SIZE, {
    statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
  }).initialize();
  // The lists never call Temporal: a lazy connection that is never used.
  const temporal = new Client({ connection: Connection.lazy({ address: env.TEMPORAL_ADDRESS }), namespace: env.TEMPORAL_NAMESPACE });
  const app = await createApp({ env, db, temporal, log: pino({ level: 'silent' }) });
  await app.listen(0, '127.0.0.1');
  process.stdout.write(`${JSON.stringify({ url: (await app.getUrl()).replace('[::1]', '127.0.0.1') })}\n`);
  process.once('SIGTERM', () => {
    void app
      .close()
      .then(() => db.destroy())
      .finally(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`bench api failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
