import { SEARCH_ATTRIBUTES } from '@anjian/contracts';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { resolveTemporalCli } from './temporal-cli';
import { devServerDynamicConfigArgs } from './temporal-tuning';

export interface RunningTemporal {
  address: string;
  namespace: string;
  uiUrl: string | null;
  source: string;
  stop(): Promise<void>;
}

export interface TemporalOptions {
  /** SQLite file that keeps workflows across restarts; omitted = in memory (tests). */
  dbFilename?: string;
  port: number;
  uiPort?: number;
  namespace?: string;
}

/**
 * Starts the Temporal CLI dev server (a real server, SQLite-backed) with the project's search
 * attributes registered and its dynamic configuration (temporal-tuning.ts), unless TEMPORAL_ADDRESS points at one already running.
 */
export async function startTemporal(opts: TemporalOptions): Promise<RunningTemporal> {
  const namespace = opts.namespace ?? process.env['TEMPORAL_NAMESPACE'] ?? 'default';
  const existing = process.env['TEMPORAL_ADDRESS'];
  if (existing) {
    return { address: existing, namespace, uiUrl: null, source: 'TEMPORAL_ADDRESS (existing server)', stop: async () => undefined };
  }
  const { executable, source } = resolveTemporalCli();
  let env: TestWorkflowEnvironment;
  try {
    env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable,
        ip: '127.0.0.1',
        port: opts.port,
        namespace,
        dbFilename: opts.dbFilename,
        ui: opts.uiPort !== undefined,
        uiPort: opts.uiPort,
        searchAttributes: SEARCH_ATTRIBUTES,
        log: { format: 'pretty', level: 'error' },
        // Queue read rates: see temporal-tuning.ts (the dev server has a single history shard).
        extraArgs: devServerDynamicConfigArgs(),
      },
    });
  } catch (err) {
    throw new Error(`Temporal dev server could not start (binary from ${source}): ${(err as Error).message}`);
  }
  return {
    address: env.address,
    namespace,
    uiUrl: opts.uiPort !== undefined ? `http://127.0.0.1:${opts.uiPort}` : null,
    source,
    stop: () => env.teardown(),
  };
}
