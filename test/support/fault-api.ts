import { loadEnv } from '@anjian/config';
import { createDataSource } from '@anjian/persistence';
import { Client, Connection } from '@temporalio/client';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createApp } from '../../apps/api/src/create-app';
import { registerTestApi, testIdentityEnv } from './test-identity';

export interface FaultApiOptions {
  /** The database as the API sees it (the fault tests may route it through a TCP proxy). */
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  /** Further configuration (any variable of libs/config's schema), e.g. shorter deadlines. */
  env?: Record<string, string>;
}

export interface FaultApi {
  baseUrl: string;
  /** The API's own connections: the fault tests check convergence through separate ones. */
  db: DataSource;
  temporal: Client;
  stop(): Promise<void>;
}

function need(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run integration tests through jest's global setup (npm test)`);
  return v;
}

export const testDatabaseUrl = (): string => need('TEST_DATABASE_URL');
export const testTemporalAddress = (): string => need('TEST_TEMPORAL_ADDRESS');
export const testNamespace = (): string => need('TEST_TEMPORAL_NAMESPACE');
export const testWorkflowBundle = (): string => need('TEST_WORKFLOW_BUNDLE');

/** The real API (in this process) against whatever database and Temporal server a fault test chose. */
export async function startFaultApi(o: FaultApiOptions): Promise<FaultApi> {
  const env = loadEnv({
    NODE_ENV: 'test',
    DATABASE_URL: o.databaseUrl,
    TEMPORAL_ADDRESS: o.temporalAddress,
    TEMPORAL_NAMESPACE: o.namespace,
    TEMPORAL_TASK_QUEUE: o.taskQueue,
    API_PORT: '0',
    ...testIdentityEnv(),
    ...o.env,
  });
  const log = pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' });
  // As apps/api/src/main.ts does: the configured PostgreSQL deadlines.
  const db = await createDataSource(env.DATABASE_URL, 5, {
    statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
    connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
  }).initialize();
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  const app = await createApp({ env, db, temporal, log });
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  registerTestApi(baseUrl, env.DATABASE_URL);
  return {
    baseUrl,
    db,
    temporal,
    async stop() {
      await app.close();
      await connection.close();
      if (db.isInitialized) await db.destroy();
    },
  };
}
