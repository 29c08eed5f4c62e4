import { installWorkerRuntime } from '../../apps/worker/src/runtime';
import { freePort } from '../../tools/stack/free-port';
import { caseBody, eventually } from '../support/fixtures';
import { http } from '../support/http';
import { actionPath, document } from '../api/procedure-support';
import { startTestStack, type TestStack } from '../support/test-stack';
import { uploadFile } from '../support/uploads';

/** The first sample of a metric (any labels) in the Prometheus text format. */
const value = (text: string, name: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.split(' ').pop());
};

/**
 * The worker serves the Temporal SDK's own metrics and the projection-lag histogram at
 * WORKER_METRICS_ADDRESS (its runtime is installed before any connection, as main.ts does).
 */
describe('worker metrics at WORKER_METRICS_ADDRESS', () => {
  let stack: TestStack;
  let address: string;
  beforeAll(async () => {
    address = `127.0.0.1:${await freePort()}`;
    installWorkerRuntime(address);
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('serves workflow-task and local-activity figures and the lag of every projected event', async () => {
    const opened = await http(stack.baseUrl, 'POST', '/cases', caseBody());
    expect(opened.status).toBe(201);
    await uploadFile(stack.baseUrl, opened.body.id, '整改报告.pdf');
    const report = { summary: '已整改', attachments: [document('整改报告.pdf')] };
    expect((await http(stack.baseUrl, 'POST', actionPath(opened.body.id, 'rectification-1', 'submit_report'), report)).status).toBe(200);
    const [{ events }] = await stack.db.query(`SELECT count(*)::int AS events FROM case_events WHERE case_id = $1`, [opened.body.id]);

    // The SDK's exporter publishes on an interval: wait until it shows both actions' events.
    const text = await eventually(
      async () => (await fetch(`http://${address}/metrics`)).text(),
      (t) => (value(t, 'anjian_projection_lag_seconds_count') ?? 0) >= events,
    );
    expect(value(text, 'anjian_projection_lag_seconds_count')).toBe(events);
    expect(value(text, 'anjian_projection_lag_seconds_sum')).toBeGreaterThanOrEqual(0);
    expect(value(text, 'temporal_workflow_task_execution_latency_count')).toBeGreaterThanOrEqual(2);
    // The case and its procedures project through projectProcedure (projectCase is the legacy workflow's).
    expect(text).toMatch(/temporal_local_activity_execution_latency_count\{activity_type="projectProcedure"/);
  });
});
