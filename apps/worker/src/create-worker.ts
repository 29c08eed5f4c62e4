import { createCaseActivities, DeadlineService } from '@anjian/activities';
import { CalendarRepository, CaseRepository, PolicyVersionRepository } from '@anjian/persistence';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { DataSource } from 'typeorm';

export interface CaseWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: DataSource;
  /** A prebuilt bundle (tests build it once); otherwise the worker bundles `@anjian/workflows`. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** HMAC key of the case event chain (EVENT_CHAIN_KEY); the development default when absent. */
  chainKey?: string;
}

export function workflowsPath(): string {
  return require.resolve('@anjian/workflows');
}

export async function createCaseWorker(o: CaseWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: o.connection,
    namespace: o.namespace,
    taskQueue: o.taskQueue,
    ...(o.workflowBundle ? { workflowBundle: o.workflowBundle } : { workflowsPath: workflowsPath() }),
    activities: createCaseActivities({
      cases: new CaseRepository(o.db, o.chainKey),
      deadlines: new DeadlineService(new PolicyVersionRepository(o.db), new CalendarRepository(o.db)),
    }),
  });
}
