import { DefaultLogger, makeTelemetryFilterString, Runtime } from '@temporalio/worker';

/** Temporal's core logs retries at ERROR while a test deliberately stops a worker; keep WARN+ only. */
export function installQuietRuntime(): void {
  try {
    Runtime.install({
      logger: new DefaultLogger('WARN'),
      telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN', other: 'ERROR' }), forward: {} } },
    });
  } catch {
    // Already installed in this module registry: keep the existing runtime.
  }
}
