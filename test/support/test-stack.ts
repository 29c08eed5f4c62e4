import { randomUUID } from 'node:crypto';
import { loadEnv } from '@anjian/config';
import { createDataSource } from '@anjian/persistence';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createApp } from '../../apps/api/src/create-app';
import { temporalClientInterceptors } from '../../apps/api/src/tracing/temporal-interceptors';
import { createCaseWorker } from '../../apps/worker/src/create-worker';
import { installQuietRuntime } from './quiet-runtime';
import { registerTestApi, testIdentityEnv } from './test-identity';

export interface TestStack {
  baseUrl: string;
  db: DataSource;
  temporal: Client;
  taskQueue: string;
  /** Stops the worker (as a crash would, mid-case) and starts a fresh one on the same queue. */
  restartWorker(): Promise<void>;
  /** Stops the worker and leaves the queue without one (updates then wait for a worker). */
  stopWorker(): Promise<void>;
  /** Starts a worker again after stopWorker(). */
  startWorker(): Promise<void>;
  stop(): Promise<void>;
}

function need(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run integration tests through jest's global setup (npm test)`);
  return v;
}

/**
 * The real API and a real worker against the servers global-setup started. Each test file gets its
 * own task queue so files never steal each other's tasks.
 */
export async function startTestStack(options: { env?: Record<string, string> } = {}): Promise<TestStack> {
  installQuietRuntime();
  const taskQueue = `test-${randomUUID()}`;
  const env = loadEnv({
    NODE_ENV: 'test',
    DATABASE_URL: need('TEST_DATABASE_URL'),
    TEMPORAL_ADDRESS: need('TEST_TEMPORAL_ADDRESS'),
    TEMPORAL_NAMESPACE: need('TEST_TEMPORAL_NAMESPACE'),
    TEMPORAL_TASK_QUEUE: taskQueue,
    API_PORT: '0',
    ...testIdentityEnv(),
    ...options.env,
  });
  const log = pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' });
  const db = await createDataSource(env.DATABASE_URL, 5, {
    statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
    connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
  }).initialize();
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE, interceptors: temporalClientInterceptors() });
  const nativeConnection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });

  let worker: Worker;
  let running: Promise<void>;
  const startWorker = async () => {
    worker = await createCaseWorker({
      connection: nativeConnection,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue,
      db,
      workflowBundle: { codePath: need('TEST_WORKFLOW_BUNDLE') },
    });
    running = worker.run();
  };
  await startWorker();

  const app = await createApp({ env, db, temporal, log });
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  registerTestApi(baseUrl, env.DATABASE_URL);

  return {
    baseUrl,
    db,
    temporal,
    taskQueue,
    async stopWorker() {
      worker.shutdown();
      await running;
    },
    startWorker,
    async restartWorker() {
      worker.shutdown();
      await running;
      await startWorker();
    },
    async stop() {
      await app.close();
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await nativeConnection.close();
      await connection.close();
      await db.destroy();
    },
  };
}
