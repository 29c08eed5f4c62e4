import { Connection } from '@temporalio/client';

/**
 * Resolves once the worker process `pid` polls `taskQueue` for workflow tasks: before that, an
 * action on a case waits for a worker and the API answers 503 after its deadline. The default
 * worker identity is `<pid>@<host>`; matching the pid ignores a dead worker's poller, which the
 * server keeps listing for a while (after a restart of `npm start` or of the worker).
 */
export async function waitForWorkerPolling(
  opts: { address: string; namespace: string; taskQueue: string; pid: () => number | undefined },
  timeoutMs: number,
): Promise<void> {
  const connection = await Connection.connect({ address: opts.address });
  try {
    const until = Date.now() + timeoutMs;
    let seen: string[] = [];
    while (Date.now() < until) {
      const pid = opts.pid();
      const res = await connection.workflowService
        .describeTaskQueue({ namespace: opts.namespace, taskQueue: { name: opts.taskQueue }, taskQueueType: 1 /* WORKFLOW */ })
        .catch(() => null);
      seen = (res?.pollers ?? []).map((p) => p.identity ?? '?');
      if (pid !== undefined && seen.some((identity) => identity.startsWith(`${pid}@`))) return;
      await new Promise((r) => setTimeout(r, 300));
    }
    throw new Error(
      `the worker did not poll task queue "${opts.taskQueue}" within ${timeoutMs / 1000} s (pollers seen: ${seen.join(', ') || 'none'})`,
    );
  } finally {
    await connection.close();
  }
}
