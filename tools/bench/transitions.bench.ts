import 'reflect-metadata';
import './prefer-ts-modules';
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { Client as PgClient } from 'pg';
import { http } from '../../test/support/http';
import { startTestStack } from '../../test/support/test-stack';
import { startBareWorker } from './bare/bare-worker';
import { setUpBench } from './bench-stack';
import { actionRouteFor, openCase } from './case-routes';

/**
 * What opening a case and one officer action cost end to end, next to the bare limits measured in
 * the same run on the same machine:
 *  (a) POST /cases (workflows started → first procedure projected → answer) vs bare Temporal starts of
 *      a trivial workflow — accepted by the server, and update-with-start answered by its worker;
 *  (b) an officer action through the API (update → projection → answer) vs a bare update round trip
 *      on a trivial workflow;
 * at 1 and BENCH_CONCURRENCY clients, plus a raw SQL transaction shaped like the projection.
 * Run: npm run bench:transitions  (starts its own Temporal dev server and a scratch database;
 * BENCH_N operations per row, default 200; BENCH_CONCURRENCY, default 8).
 */
const N = Number(process.env['BENCH_N'] ?? 200);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 8);
const WARMUP = 10;

function pct(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

interface Row {
  label: string;
  /** Operations that failed (answered an error, e.g. 503 past the API's Temporal deadline): left out of the latencies. */
  errors: number;
  n: number;
  concurrency: number;
  p50: number;
  p95: number;
  p99: number;
  perSecond: number;
}

async function measure(label: string, n: number, concurrency: number, op: (i: number) => Promise<void>): Promise<Row> {
  const samples: number[] = [];
  let errors = 0;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const s = performance.now();
        try {
          await op(i);
          samples.push(performance.now() - s);
        } catch (err) {
          if (++errors === 1) process.stderr.write(`${label}: ${(err as Error).message}\n`);
        }
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  // ops/s counts completed operations only.
  n = samples.length;
  return { label, errors, n, concurrency, p50: pct(samples, 50), p95: pct(samples, 95), p99: pct(samples, 99), perSecond: n / secs };
}

async function main(): Promise<void> {
  process.env['TEST_LOG_LEVEL'] = 'silent';
  const tearDown = await setUpBench();
  // Measure slow answers instead of cutting them off at the API's 15 s Temporal deadline (503).
  const stack = await startTestStack({ env: { TEMPORAL_CALL_TIMEOUT_MS: '60000' } });
  const bare = await startBareWorker(process.env['TEST_TEMPORAL_ADDRESS']!, process.env['TEST_TEMPORAL_NAMESPACE']!);
  const pg = new PgClient({ connectionString: process.env['TEST_DATABASE_URL'] });
  await pg.connect();
  const loadBefore = loadavg()[0]!;
  try {
    await pg.query('CREATE TEMP TABLE bench_rows (case_id uuid, seq int, data jsonb, PRIMARY KEY (case_id, seq))');
    const { route, engine } = await actionRouteFor(stack.baseUrl, stack.db);
    // Warm up both sides (workflow code loaded, connections open, JIT) before anything is timed.
    for (let i = 0; i < WARMUP; i++) {
      const c = await openCase(stack.baseUrl);
      await http(stack.baseUrl, 'POST', route.path(c.id), route.body);
      await bare.ping(stack.temporal, await bare.startAndAnswer(stack.temporal));
      await bare.start(stack.temporal);
    }
    const results: Row[] = [];
    for (const c of [1, CONCURRENCY]) {
      results.push(
        await measure('bare SQL: projection-shaped transaction', N, c, async () => {
          await pg.query('BEGIN');
          await pg.query('INSERT INTO bench_rows VALUES ($1, 1, $2) ON CONFLICT DO NOTHING', [randomUUID(), '{"type":"x"}']);
          await pg.query('COMMIT');
        }),
      );
      results.push(
        await measure('bare Temporal: start trivial workflow (accepted)', N, c, async () => {
          await bare.start(stack.temporal);
        }),
      );
      const bareIds: string[] = [];
      results.push(
        await measure('bare Temporal: update-with-start, trivial (answered)', N, c, async () => {
          bareIds.push(await bare.startAndAnswer(stack.temporal));
        }),
      );
      const ids: string[] = [];
      results.push(
        await measure('API: POST /cases (open → projected → answer)', N, c, async (i) => {
          ids[i] = (await openCase(stack.baseUrl)).id;
        }),
      );
      results.push(
        await measure('bare Temporal: update round trip, trivial workflow', N, c, async (i) => {
          await bare.ping(stack.temporal, bareIds[i % bareIds.length]!);
        }),
      );
      results.push(
        await measure(route.label, N, c, async (i) => {
          if (!ids[i]) throw new Error('its case was not opened');
          const r = await http(stack.baseUrl, 'POST', route.path(ids[i]!), route.body);
          if (r.status !== 200) throw new Error(`action failed: ${r.status} ${JSON.stringify(r.body)}`);
        }),
      );
    }
    const out: string[] = [];
    out.push(`\nNode ${process.version}, ${N} operations per row, Temporal dev server (in memory) + PostgreSQL on this machine`);
    out.push(`cases run on: ${engine}`);
    out.push(`machine: ${cpus().length} cores, 1-minute load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after`);
    out.push(`${'operation'.padEnd(56)} | conc | p50 ms | p95 ms | p99 ms | ops/s | errors`);
    out.push(`${'-'.repeat(56)}-|------|--------|--------|--------|-------|-------`);
    for (const r of results) {
      out.push(
        `${r.label.padEnd(56)} | ${String(r.concurrency).padStart(4)} | ${r.p50.toFixed(1).padStart(6)} | ${r.p95.toFixed(1).padStart(6)} | ${r.p99.toFixed(1).padStart(6)} | ${r.perSecond.toFixed(1).padStart(5)} | ${String(r.errors).padStart(6)}`,
      );
    }
    out.push('\nAgainst the targets (same run):');
    for (const c of [1, CONCURRENCY]) {
      const row = (prefix: string) => results.find((r) => r.concurrency === c && r.label.startsWith(prefix))!;
      const open = row('API: POST /cases');
      const uws = row('bare Temporal: update-with-start');
      const start = row('bare Temporal: start');
      const act = row(route.label);
      const upd = row('bare Temporal: update round trip');
      out.push(
        `  ${c} client(s): opening ${open.perSecond.toFixed(1)}/s = ${(open.perSecond / uws.perSecond).toFixed(2)}× bare update-with-start ` +
          `(${uws.perSecond.toFixed(1)}/s), ${(open.perSecond / start.perSecond).toFixed(2)}× bare start (${start.perSecond.toFixed(1)}/s); target ≥ 0.8×`,
      );
      out.push(
        `  ${c} client(s): action p50 ${act.p50.toFixed(1)} / p99 ${act.p99.toFixed(1)} ms vs bare update p50 ${upd.p50.toFixed(1)} / p99 ${upd.p99.toFixed(1)} ms: ` +
          `p99 ${(act.p99 / upd.p99).toFixed(2)}× (p50 ${(act.p50 / upd.p50).toFixed(2)}×); target p99 ≤ 1.25×`,
      );
    }
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    await pg.end();
    await bare.stop();
    await stack.stop();
    await tearDown();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
