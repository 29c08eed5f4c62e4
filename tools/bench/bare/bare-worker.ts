import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { BENCH_BARE_WORKFLOW, benchPingUpdate } from './bare.workflows';

/**
 * A worker for the trivial workflow on its own task queue, in the same process (and so on the same
 * CPU) as the case worker the API uses, so both sides of a comparison share the machine alike.
 */
export async function startBareWorker(address: string, namespace: string) {
  const taskQueue = `bench-bare-${randomUUID()}`;
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('./bare.workflows'), logger: quietLogger });
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({ connection, namespace, taskQueue, workflowBundle: { code } });
  const running = worker.run();
  return {
    taskQueue,
    /** Starts a trivial workflow; resolves when the server accepted it (no worker involved yet). */
    start: (client: Client) =>
      client.workflow.start(BENCH_BARE_WORKFLOW, { workflowId: `bench-bare-${randomUUID()}`, taskQueue }).then((h) => h.workflowId),
    /** Starts one and waits for its first update's answer: started, first workflow task run, answered. */
    startAndAnswer: async (client: Client) => {
      const workflowId = `bench-bare-${randomUUID()}`;
      const op = new WithStartWorkflowOperation(BENCH_BARE_WORKFLOW, { workflowId, taskQueue, workflowIdConflictPolicy: 'FAIL' });
      await client.workflow.executeUpdateWithStart(benchPingUpdate, { args: [0], startWorkflowOperation: op });
      return workflowId;
    },
    /** One update round trip on a running trivial workflow. */
    ping: (client: Client, workflowId: string) => client.workflow.getHandle(workflowId).executeUpdate(benchPingUpdate, { args: [1] }),
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

const quietLogger = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };
