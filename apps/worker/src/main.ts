import 'reflect-metadata';
import { loadEnv } from '@anjian/config';
import { createDataSource } from '@anjian/persistence';
import { NativeConnection } from '@temporalio/worker';
import pino from 'pino';
import { createCaseWorker } from './create-worker';
import { installWorkerRuntime } from './runtime';
import { installTracing } from './tracing';
import { workerTuning } from './worker-tuning';

/** The Temporal worker process: runs case workflows and their activities until SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const env = loadEnv();
  const tuning = workerTuning(process.env);
  const log = pino({ level: env.LOG_LEVEL, base: { service: 'worker' } });
  // Before any connection: the runtime's telemetry is fixed once a connection exists.
  installWorkerRuntime(env.WORKER_METRICS_ADDRESS);
  const serviceName = env.OTEL_SERVICE_NAME ?? 'anjian-worker';
  const stopTracing = installTracing({ endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName });
  const db = await createDataSource(env.DATABASE_URL, env.DATABASE_POOL_SIZE).initialize();
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const worker = await createCaseWorker({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    db,
    serviceName,
    chainKey: env.EVENT_CHAIN_KEY,
    // Workflow spans only when they are exported (create-worker.ts).
    workflowTracing: env.OTEL_EXPORTER_OTLP_ENDPOINT !== undefined,
    ...tuning,
  });
  log.info(
    {
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      address: env.TEMPORAL_ADDRESS,
      metrics: env.WORKER_METRICS_ADDRESS ? `http://${env.WORKER_METRICS_ADDRESS}/metrics` : 'off',
      traces: env.OTEL_EXPORTER_OTLP_ENDPOINT ?? 'off',
      maxCachedWorkflows: tuning.maxCachedWorkflows ?? 'SDK default',
    },
    'worker started',
  );
  await worker.run(); // returns after a shutdown signal, once in-flight tasks are done
  await connection.close();
  await db.destroy();
  await stopTracing();
  log.info('worker stopped');
}

main().catch((err: unknown) => {
  process.stderr.write(`worker failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
