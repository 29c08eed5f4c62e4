/**
 * Temporal server dynamic configuration the project runs with: on the CLI dev server (`npm start`,
 * tests, benchmarks: tools/stack/temporal.ts) and in the production-style stack
 * (deploy/temporal/dynamicconfig.yaml, checked against this list by tools/deployment/compose.spec.ts).
 *
 * Why: every hop between workflows (a child started, a signal to the case workflow, a workflow task
 * after a signal or a timer) is a task the history service reads from its shard's transfer or timer
 * queue, and each shard reads those queues at most `…MaxPollRPS` times a second (default 20). The dev
 * server has one shard, so under steady work every hop waited for the next of 20 reads a second:
 * workflow-task schedule-to-start was ≈ 40 ms on average and opening a case (two workflows, a child
 * start and a signal back) ≈ 300 ms. With 1,000 reads a second both fall to ≈ 3 ms and ≈ 120 ms
 * (docs/benchmarks-transitions.md, "The server's queue reads"). A read is one indexed range query of
 * the shard's queue; reading more often costs the server CPU only when there is work to read.
 */
export const TEMPORAL_DYNAMIC_CONFIG: Readonly<Record<string, number>> = {
  /** Child starts, signals between workflows, workflow tasks they schedule. */
  'history.transferProcessorMaxPollRPS': 1000,
  /** Timers: reminders, due instants and escalation rungs fire this much sooner after their instant. */
  'history.timerProcessorMaxPollRPS': 1000,
  /** Visibility (search attributes, the Web UI's lists). */
  'history.visibilityProcessorMaxPollRPS': 1000,
};

/** The dev server's command-line form: `--dynamic-config-value KEY=JSON` for each entry. */
export function devServerDynamicConfigArgs(config: Readonly<Record<string, number>> = TEMPORAL_DYNAMIC_CONFIG): string[] {
  return Object.entries(config).flatMap(([key, value]) => ['--dynamic-config-value', `${key}=${JSON.stringify(value)}`]);
}
