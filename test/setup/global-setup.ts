import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canConnect, dropDatabase, ensureDatabase } from '@anjian/persistence';
import { migrateAndSeed } from '../../tools/migrate';
import { bundleWorkflowCode } from '@temporalio/worker';
import { freePort } from '../../tools/stack/free-port';
import { startTemporal } from '../../tools/stack/temporal';
import { startDevProvider } from '../../tools/oidc-dev/launch';
import { workflowInterceptorModules, workflowPreloadModules, workflowsPath } from '../../apps/worker/src/create-worker';

/**
 * Starts what the integration tests need, once: a real Temporal dev server, a fresh PostgreSQL
 * database (created here, dropped in global-teardown), the development OIDC provider (its accounts
 * are that database's users), and the workflow bundle. If a server cannot
 * start, the run fails here with the reason — tests are never skipped for a missing server.
 */
export default async function globalSetup(): Promise<void> {
  const serverUrl = process.env['TEST_DATABASE_SERVER_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  if (!(await canConnect(serverUrl))) {
    throw new Error(`Integration tests need PostgreSQL: nothing answers at ${serverUrl} (set TEST_DATABASE_SERVER_URL to another server).`);
  }
  const dbUrl = new URL(serverUrl);
  dbUrl.pathname = `/anjian_test_${process.pid}_${Date.now()}`;
  await ensureDatabase(dbUrl.toString());
  try {
    await migrateAndSeed(dbUrl.toString());
  } catch (err) {
    await dropDatabase(dbUrl.toString());
    throw err;
  }

  // The development OpenID Connect provider: tests call the API with its bearer tokens (test/support/http.ts).
  const dir = mkdtempSync(join(tmpdir(), 'anjian-test-'));
  let oidc;
  try {
    oidc = await startDevProvider({ databaseUrl: dbUrl.toString(), port: 0, keysFile: join(dir, 'oidc-jwks.json') });
  } catch (err) {
    await dropDatabase(dbUrl.toString());
    throw err;
  }

  let temporal;
  let code;
  try {
    temporal = await startTemporal({ port: await freePort() });
    ({ code } = await bundleWorkflowCode({
      workflowsPath: workflowsPath(),
      // BENCH_WORKFLOW_TRACING=off: the bundle a worker without a trace exporter runs (benchmarks compare both).
      workflowInterceptorModules: process.env['BENCH_WORKFLOW_TRACING'] === 'off' ? [] : workflowInterceptorModules(),
      preloadModules: workflowPreloadModules(),
      logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error } as never,
    }));
  } catch (err) {
    await temporal?.stop();
    await oidc.stop();
    await dropDatabase(dbUrl.toString());
    throw err;
  }
  const bundlePath = join(dir, 'workflow-bundle.js');
  writeFileSync(bundlePath, code);

  process.env['TEST_DATABASE_URL'] = dbUrl.toString();
  process.env['TEST_TEMPORAL_ADDRESS'] = temporal.address;
  process.env['TEST_TEMPORAL_NAMESPACE'] = temporal.namespace;
  process.env['TEST_WORKFLOW_BUNDLE'] = bundlePath;
  process.env['TEST_OIDC_ISSUER'] = oidc.issuer;
  (globalThis as Record<string, unknown>)['__ANJIAN_STACK__'] = { temporal, oidc, dbUrl: dbUrl.toString() };
  process.stderr.write(
    `\n[integration] Temporal ${temporal.address} (${temporal.source}); PostgreSQL database ${dbUrl.pathname.slice(1)}; OIDC provider ${oidc.issuer}\n`,
  );
}
