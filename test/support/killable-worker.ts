import { createDataSource } from '@anjian/persistence';
import { Client, Connection } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { type FaultApi, startFaultApi, testDatabaseUrl, testNamespace, testTemporalAddress, testWorkflowBundle } from './fault-api';
import { WorkerProcessHarness } from './worker-process-handle';

/**
 * The set-up every worker-kill test shares: the case worker in a process of its own (so that the test
 * can SIGKILL it and start another) on a task queue of its own, against the test stack's Temporal
 * server and database; plus, as the test needs, the real API or direct connections to drive workflows.
 */
export async function startKillableWorker(taskQueue: string): Promise<WorkerProcessHarness> {
  const worker = new WorkerProcessHarness({
    databaseUrl: testDatabaseUrl(),
    temporalAddress: testTemporalAddress(),
    namespace: testNamespace(),
    taskQueue,
    workflowBundle: testWorkflowBundle(),
  });
  await worker.start();
  return worker;
}

/** The real API (in this process) on the killable worker's task queue. */
export const startApiFor = (taskQueue: string): Promise<FaultApi> =>
  startFaultApi({ databaseUrl: testDatabaseUrl(), temporalAddress: testTemporalAddress(), namespace: testNamespace(), taskQueue });

export interface DirectConnections {
  temporal: Client;
  db: DataSource;
  close(): Promise<void>;
}

/** A Temporal client and a small pool on the test database, for tests that drive workflows without the API. */
export async function connectDirectly(): Promise<DirectConnections> {
  const connection = await Connection.connect({ address: testTemporalAddress() });
  const db = await createDataSource(testDatabaseUrl(), 3).initialize();
  return {
    temporal: new Client({ connection, namespace: testNamespace() }),
    db,
    async close() {
      await connection.close();
      if (db.isInitialized) await db.destroy();
    },
  };
}
