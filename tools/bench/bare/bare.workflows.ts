import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

/**
 * The bare Temporal limit the API's figures are compared with (benchmarks only, bundled by the bench,
 * never by the product's worker): a workflow that does nothing but answer an update.
 */
export const benchPingUpdate = defineUpdate<number, [number]>('ping');
export const BENCH_BARE_WORKFLOW = 'benchBareWorkflow';

export async function benchBareWorkflow(): Promise<void> {
  setHandler(benchPingUpdate, (n) => n);
  await condition(() => false);
}
