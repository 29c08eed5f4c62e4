import { Runtime } from '@temporalio/worker';

/**
 * Installs the Temporal runtime once per process. With an address, the SDK's own worker metrics
 * (task latencies, slots, poll results, sticky cache…) and ours (projection lag) are served for
 * Prometheus at http://<address>/metrics by the SDK's core; without one, metrics are not exported.
 */
export function installWorkerRuntime(metricsAddress: string | undefined): void {
  if (!metricsAddress) return;
  Runtime.install({
    telemetryOptions: {
      metrics: {
        prometheus: {
          bindAddress: metricsAddress,
          useSecondsForDurations: true,
          countersTotalSuffix: true,
          histogramBucketOverrides: { anjian_projection_lag_seconds: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] },
        },
      },
    },
  });
}
