import 'reflect-metadata';
import { loadEnv } from '@anjian/config';
import { createDataSource } from '@anjian/persistence';
import { NativeConnection } from '@temporalio/worker';
import pino from 'pino';
import { createCaseWorker } from './create-worker';

/** The Temporal worker process: runs case workflows and their activities until SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const env = loadEnv();
  const log = pino({ level: env.LOG_LEVEL, base: { service: 'worker' } });
  const db = await createDataSource(env.DATABASE_URL, env.DATABASE_POOL_SIZE).initialize();
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const worker = await createCaseWorker({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    db,
    chainKey: env.EVENT_CHAIN_KEY,
  });
  log.info({ taskQueue: env.TEMPORAL_TASK_QUEUE, address: env.TEMPORAL_ADDRESS }, 'worker started');
  await worker.run(); // returns after a shutdown signal, once in-flight tasks are done
  await connection.close();
  await db.destroy();
  log.info('worker stopped');
}

main().catch((err: unknown) => {
  process.stderr.write(`worker failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
