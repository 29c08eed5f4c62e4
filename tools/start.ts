import 'reflect-metadata';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadEnv } from '@anjian/config';
import { migrateAndSeed } from './migrate';
import { devProviderEnv, PROVIDER_ENTRY } from './oidc-dev/launch';
import { portIsFree } from './stack/free-port';
import { startPostgres } from './stack/postgres';
import { nextAttempt, restartDelayMs } from './stack/restart-backoff';
import { startTemporal } from './stack/temporal';
import { waitForWorkerPolling } from './stack/worker-ready';
import { ROOT } from './stack/temporal-cli';

/**
 * `npm start`: PostgreSQL (local server, DATABASE_URL, or embedded) → migrations and seeds →
 * Temporal dev server (SQLite file under data/, so cases survive a restart) → the development OIDC
 * provider (tools/oidc-dev; `npm run -s token -- <user>`), worker and API as child processes,
 * restarted with backoff when they die. Ctrl-C (or SIGTERM) stops everything this
 * script started, in reverse order.
 */
const DATA_DIR = process.env['DATA_DIR'] ?? join(ROOT, 'data');
const TEMPORAL_PORT = Number(process.env['TEMPORAL_PORT'] ?? 7233);
const TEMPORAL_UI_PORT = Number(process.env['TEMPORAL_UI_PORT'] ?? 8233);

const say = (msg: string) => process.stdout.write(`[start] ${msg}\n`);
const stops: Array<() => Promise<void>> = [];
/** The running process of each supervised child; replaced when it is restarted. */
const children = new Map<string, ChildProcess>();
const restartTimers = new Set<NodeJS.Timeout>();
let stopping = false;

/**
 * Runs the worker or the API and restarts it when it dies (crash, OOM kill, SIGKILL) with growing
 * delays (tools/stack/restart-backoff.ts): one crashing child must not take the others down, and
 * only Ctrl-C or SIGTERM stops `npm start`. Workflows lose nothing meanwhile: Temporal keeps them and
 * hands their tasks to the restarted worker.
 */
function supervise(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  whenUp?: (pid: number) => Promise<string>,
  // TypeScript entries run through @swc-node/register; the OIDC provider is plain ESM (.mjs).
  nodeArgs: string[] = ['-r', '@swc-node/register'],
): void {
  let attempt = 0;
  let launches = 0;
  const launch = () => {
    launches += 1;
    const startedAt = Date.now();
    const child = spawn(process.execPath, [...nodeArgs, entry], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
    children.set(name, child);
    say(`${name} started (pid ${child.pid})`);
    // After a restart, say when the child is serving again (the first start is awaited in main()).
    if (launches > 1 && whenUp && child.pid !== undefined)
      whenUp(child.pid).then(
        (what) => say(`${name} is back (pid ${child.pid}): ${what}`),
        // Silent when this child died meanwhile: its exit (and the next restart) is already logged.
        (e: Error) =>
          children.get(name) === child &&
          child.exitCode === null &&
          child.signalCode === null &&
          !stopping &&
          say(`${name} (pid ${child.pid}) is not back: ${e.message}`),
      );
    child.on('exit', (code, signal) => {
      if (stopping) return;
      attempt = nextAttempt(attempt, Date.now() - startedAt);
      const delay = restartDelayMs(attempt);
      say(`${name} exited (${signal ?? code}); restarting in ${delay / 1000} s (attempt ${attempt})`);
      const timer = setTimeout(() => {
        restartTimers.delete(timer);
        if (!stopping) launch();
      }, delay);
      restartTimers.add(timer);
    });
  };
  launch();
}

/** Resolves once `url` answers 2xx; `what` names the server in the error. */
async function waitForHealth(url: string, timeoutMs: number, what = 'API'): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${what} did not become healthy within ${timeoutMs / 1000} s: ${last}`);
}

async function shutdown(code: number): Promise<never> {
  if (stopping) return new Promise<never>(() => undefined);
  stopping = true;
  say('stopping…');
  for (const timer of restartTimers) clearTimeout(timer);
  await Promise.all(
    [...children.values()].map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          c.once('exit', () => resolve());
          c.kill('SIGTERM');
          setTimeout(() => c.kill('SIGKILL'), 15_000).unref();
        }),
    ),
  );
  for (const stop of stops.reverse()) await stop().catch((e: Error) => say(`stop failed: ${e.message}`));
  say('stopped');
  process.exit(code);
}

/**
 * A busy port would otherwise be silently "healthy": the SDK connects to whatever Temporal already
 * listens there and the health check answers from another API. Refuse instead, and say what to do.
 */
async function assertPortsFree(apiPort: number, oidcPort: number): Promise<void> {
  const wanted: Array<[number, string, string]> = [
    [apiPort, 'API', 'set API_PORT'],
    [oidcPort, 'OIDC provider', 'set OIDC_DEV_PORT'],
  ];
  if (!process.env['TEMPORAL_ADDRESS']) {
    wanted.push([
      TEMPORAL_PORT,
      'Temporal',
      'set TEMPORAL_ADDRESS=127.0.0.1:' + TEMPORAL_PORT + ' to use the server already there, or TEMPORAL_PORT',
    ]);
    wanted.push([TEMPORAL_UI_PORT, 'Temporal UI', 'set TEMPORAL_UI_PORT']);
  }
  const busy: string[] = [];
  for (const [port, what, hint] of wanted)
    if (!(await portIsFree(port))) busy.push(`${what} port ${port} is in use (another npm start?): ${hint}`);
  if (busy.length) throw new Error(busy.join('; '));
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const env = loadEnv();
  await assertPortsFree(env.API_PORT, env.OIDC_DEV_PORT);
  mkdirSync(DATA_DIR, { recursive: true });
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  const pg = await startPostgres(join(DATA_DIR, 'pg'));
  stops.push(pg.stop);
  say(`PostgreSQL: ${pg.source}`);
  const { migrations, seeds } = await migrateAndSeed(pg.url);
  say(
    `migrations applied: ${migrations.length ? migrations.join(', ') : 'none pending'}; seeds: ${seeds.length ? seeds.join(', ') : 'up to date'}`,
  );

  const temporal = await startTemporal({ port: TEMPORAL_PORT, uiPort: TEMPORAL_UI_PORT, dbFilename: join(DATA_DIR, 'temporal.sqlite') });
  stops.push(temporal.stop);
  say(`Temporal: ${temporal.address} (${temporal.source})`);

  // The worker's Prometheus endpoint (docs/observability.md): 127.0.0.1:9464 unless set, or off when that port is taken.
  const workerMetrics = process.env['WORKER_METRICS_ADDRESS'] ?? ((await portIsFree(9464)) ? '127.0.0.1:9464' : '');
  const appEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: pg.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: temporal.namespace,
    WORKER_METRICS_ADDRESS: workerMetrics,
    // GET /cases/{id} links each workflow to the dev server's Web UI (an explicit TEMPORAL_UI_URL wins).
    TEMPORAL_UI_URL: process.env['TEMPORAL_UI_URL'] || (temporal.uiUrl ?? undefined),
  };
  // The development OIDC provider: accounts are the directory's active users; keys live in data/oidc-dev.
  const issuer = `http://127.0.0.1:${env.OIDC_DEV_PORT}`;
  if (!process.env['OIDC_ISSUERS']) appEnv['OIDC_ISSUERS'] = issuer;
  const oidcEnv = devProviderEnv({
    databaseUrl: pg.url,
    port: env.OIDC_DEV_PORT,
    keysFile: join(DATA_DIR, 'oidc-dev', 'jwks.json'),
    audience: env.OIDC_AUDIENCE,
  });
  const oidcUp = () => waitForHealth(`${issuer}/.well-known/openid-configuration`, 60_000, 'OIDC provider').then(() => `serving ${issuer}`);
  supervise('oidc', PROVIDER_ENTRY, oidcEnv, oidcUp, []);
  await oidcUp();
  const base = `http://127.0.0.1:${env.API_PORT}`;
  const workerPolls = (pid: number) =>
    waitForWorkerPolling(
      { address: temporal.address, namespace: temporal.namespace, taskQueue: env.TEMPORAL_TASK_QUEUE, pid: () => pid },
      120_000,
    ).then(() => `polling task queue ${env.TEMPORAL_TASK_QUEUE}`);
  const apiHealthy = () => waitForHealth(`${base}/health`, 90_000).then(() => `healthy at ${base}/health`);
  supervise('worker', 'apps/worker/src/main.ts', appEnv, workerPolls);
  supervise('api', 'apps/api/src/main.ts', appEnv, apiHealthy);
  // Ready means an action can be taken: the API answers and a worker of this start polls for tasks.
  await Promise.all([apiHealthy(), workerPolls(children.get('worker')!.pid!)]);

  say(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  say(`  API            ${base}`);
  say(`  OpenAPI        ${base}/openapi.json`);
  say(`  API docs (UI)  ${base}/docs`);
  say(`  Health         ${base}/health`);
  say(
    `  Metrics        ${base}/metrics (API); worker: ${workerMetrics ? `http://${workerMetrics}/metrics` : 'off (WORKER_METRICS_ADDRESS empty, or port 9464 taken)'}`,
  );
  say(`  Temporal UI    ${temporal.uiUrl ?? '(existing server: see its own UI)'}`);
  say(`  OIDC provider  ${issuer} (dev users; a token: TOKEN=$(npm run -s token -- officer@140105))`);
  say('Ctrl-C stops everything.');
}

main().catch(async (err: unknown) => {
  process.stderr.write(`[start] failed: ${(err as Error).message}\n`);
  await shutdown(1);
});
