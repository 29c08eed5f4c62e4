import 'reflect-metadata';
import { loadEnv } from '@anjian/config';
import { createDataSource } from '@anjian/persistence';
import { Client, Connection } from '@temporalio/client';
import pino from 'pino';
import { createApp } from './create-app';
import { temporalClientInterceptors } from './tracing/temporal-interceptors';
import { installTracing } from './tracing/tracing';
import { LOG_REDACTION } from './access/log-redaction';

async function main(): Promise<void> {
  const env = loadEnv();
  // Redaction is the net under the request serializer: no token or cookie in any log line (docs/access.md).
  const log = pino({ level: env.LOG_LEVEL, base: { service: 'api' }, redact: LOG_REDACTION });
  const stopTracing = installTracing({ endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: env.OTEL_SERVICE_NAME ?? 'anjian-api' });
  const db = await createDataSource(env.DATABASE_URL, env.DATABASE_POOL_SIZE, {
    statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
    connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
  }).initialize();
  // Lazy: the API starts (and /health says 503) even while Temporal is still coming up.
  const connection = Connection.lazy({ address: env.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE, interceptors: temporalClientInterceptors() });
  const app = await createApp({ env, db, temporal, log });
  await app.listen(env.API_PORT, env.API_HOST);
  log.info({ url: `http://127.0.0.1:${env.API_PORT}` }, 'api listening');
  const stop = async () => {
    await app.close();
    await connection.close();
    await db.destroy();
    await stopTracing();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`api failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
