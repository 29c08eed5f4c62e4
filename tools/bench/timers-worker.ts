/**
 * Bench-only worker process for `bench:timers --max-cached N`: the production worker
 * (apps/worker/src/create-worker.ts) with the Temporal SDK's sticky cache bounded to N workflows
 * (Worker.create wrapped here, not in the product), so the bench can show memory and firing lateness
 * with a cache that fits. Environment: BENCH_DATABASE_URL, BENCH_TEMPORAL_ADDRESS, BENCH_NAMESPACE,
 * BENCH_TASK_QUEUE, BENCH_WORKFLOW_BUNDLE, BENCH_MAX_CACHED.
 */
import 'reflect-metadata';
import { createDataSource } from '@anjian/persistence';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { installQuietRuntime } from '../../test/support/quiet-runtime';

function need(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`timers-worker: ${name} is not set`);
  return v;
}

async function main(): Promise<void> {
  installQuietRuntime();
  const maxCachedWorkflows = Number(need('BENCH_MAX_CACHED'));
  const create = Worker.create.bind(Worker);
  Worker.create = (options: WorkerOptions) => create({ ...options, maxCachedWorkflows });
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { createCaseWorker } = require('../../apps/worker/src/create-worker') as typeof import('../../apps/worker/src/create-worker');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const db = await createDataSource(need('BENCH_DATABASE_URL'), 5).initialize();
  const connection = await NativeConnection.connect({ address: need('BENCH_TEMPORAL_ADDRESS') });
  const worker = await createCaseWorker({
    connection,
    namespace: need('BENCH_NAMESPACE'),
    taskQueue: need('BENCH_TASK_QUEUE'),
    db,
    workflowBundle: { codePath: need('BENCH_WORKFLOW_BUNDLE') },
  });
  const running = worker.run();
  process.send?.({ type: 'ready', pid: process.pid });
  process.on('SIGTERM', () => worker.shutdown());
  await running;
  await connection.close();
  await db.destroy();
}

main().catch((err: unknown) => {
  process.stderr.write(`timers-worker failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
