import 'reflect-metadata';
import './prefer-ts-modules';
import { cpus, loadavg } from 'node:os';
import { context, trace } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { installWorkerRuntime } from '../../apps/worker/src/runtime';
import { captureSpans } from '../../test/observability/span-capture';
import { http } from '../../test/support/http';
import { startTestStack } from '../../test/support/test-stack';
import { freePort } from '../stack/free-port';
import { setUpBench } from './bench-stack';
import { actionRouteFor, openCase } from './case-routes';

/**
 * Where an action's time goes: opens N cases and reports on them, one client at a time, with every
 * span kept in memory (the API's, the Temporal client's, the workflow's, the activities'), plus one
 * span per SQL statement (bench-only: TypeORM's query runner is wrapped here, not in the product).
 * Prints, per action, the percentiles of each segment of the request's timeline, and the Temporal
 * SDK's own workflow-task figures scraped from the worker's Prometheus endpoint.
 * Run: npm run bench:trace   (BENCH_N=50 by default; starts its own Temporal dev server and database)
 */
const N = Number(process.env['BENCH_N'] ?? 50);
const WARMUP = 5;

const ms = (s: ReadableSpan) => s.duration[0] * 1e3 + s.duration[1] / 1e6;
const startMs = (s: ReadableSpan) => s.startTime[0] * 1e3 + s.startTime[1] / 1e6;
const endMs = (s: ReadableSpan) => s.endTime[0] * 1e3 + s.endTime[1] / 1e6;

function pct(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

/** Bench-only: one span per SQL statement, under whatever span is active (API handler or activity). */
function traceSqlStatements(): void {
  const tracer = trace.getTracer('bench-sql');
  const original = PostgresQueryRunner.prototype.query;
  PostgresQueryRunner.prototype.query = function (this: PostgresQueryRunner, ...args: Parameters<typeof original>) {
    const verb = String(args[0]).trim().split(/\s+/)[0]?.toUpperCase() ?? 'SQL';
    const span = tracer.startSpan(
      `sql ${verb}`,
      { attributes: { 'db.statement': String(args[0]).replace(/\s+/g, ' ').slice(0, 120) } },
      context.active(),
    );
    return original.apply(this, args).finally(() => span.end());
  } as typeof original;
}

interface Segments {
  [segment: string]: number;
}

/** Splits one request's trace into the segments of its timeline (all in ms). */
function segmentsOf(spans: ReadableSpan[], serverName: string): Segments | undefined {
  const server = spans.find((s) => s.name === serverName);
  if (!server) return undefined;
  spans = spans.filter((s) => s.spanContext().traceId === server.spanContext().traceId);
  // The API's call into Temporal: update-with-start (open) or an update (action); the earliest if several.
  const client = spans
    .filter((s) => /^(UpdateWithStartWorkflow|StartWorkflowUpdate):/.test(s.name))
    .sort((a, b) => startMs(a) - startMs(b))[0];
  if (!client) return undefined;
  const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
  const inActivity = (s: ReadableSpan): boolean => {
    for (let p = s.parentSpanId ? byId.get(s.parentSpanId) : undefined; p; p = p.parentSpanId ? byId.get(p.parentSpanId) : undefined) {
      if (p.name.startsWith('RunActivity:')) return true;
    }
    return false;
  };
  const activities = spans.filter((s) => s.name.startsWith('RunActivity:')).sort((a, b) => startMs(a) - startMs(b));
  const apiSql = spans.filter((s) => s.name.startsWith('sql ') && !inActivity(s));
  const apiSqlInside = apiSql.filter((s) => startMs(s) >= startMs(client) && endMs(s) <= endMs(client));
  const seg: Segments = {
    'HTTP server span (whole request in the API)': ms(server),
    '  API before the Temporal call (parse, idempotency, access, precheck)': startMs(client) - startMs(server),
    '  Temporal update round trip (client span)': ms(client),
    '  API after the Temporal call (read-back, idempotency record, answer)': endMs(server) - endMs(client),
    '  of the API time: SQL statements outside the workflow': apiSql
      .filter((s) => !apiSqlInside.includes(s))
      .reduce((t, s) => t + ms(s), 0),
  };
  let cursor = startMs(client);
  activities.forEach((a, i) => {
    const name = a.name.slice('RunActivity:'.length);
    // With a child workflow, gaps include starting it, its first workflow task, and signals between the two.
    seg[
      `    ${i === 0 ? 'to the worker: server, workflow task(s), workflow code' : 'between activities (workflow tasks, child start/signals)'} → ${name}`
    ] = startMs(a) - cursor;
    seg[`    local activity ${name}`] = ms(a);
    const sql = spans.filter((s) => s.name.startsWith('sql ') && s.parentSpanId === a.spanContext().spanId);
    seg[`      of which SQL (${name})`] = sql.reduce((t, s) => t + ms(s), 0);
    cursor = endMs(a);
  });
  seg['    after the last activity: workflow task completion, update answer to the API'] = endMs(client) - cursor;
  return seg;
}

/** One request's spans as a timeline (relative start, duration, name), for BENCH_TRACE_DUMP=1. */
function timeline(spans: ReadableSpan[], serverName: string, withSql = false): string {
  const server = spans.find((s) => s.name === serverName);
  if (!server) return '';
  const t0 = startMs(server);
  return spans
    .filter((s) => s.spanContext().traceId === server.spanContext().traceId && (withSql || !s.name.startsWith('sql ')))
    .sort((a, b) => startMs(a) - startMs(b))
    .map((s) => {
      const statement = s.attributes['db.statement'];
      return `  +${(startMs(s) - t0).toFixed(1).padStart(7)} ms ${ms(s).toFixed(1).padStart(7)} ms  ${s.name}${statement ? `: ${String(statement)}` : ''}`;
    })
    .join('\n');
}

function report(label: string, samples: { client: number; seg: Segments }[]): string {
  const rows: [string, number[]][] = [['client: request to answer (fetch)', samples.map((s) => s.client)]];
  const keys = [...new Set(samples.flatMap((s) => Object.keys(s.seg)))];
  for (const k of keys) rows.push([k, samples.map((s) => s.seg[k] ?? 0)]);
  const width = Math.max(...rows.map(([k]) => k.length));
  const f = (v: number) => v.toFixed(1).padStart(7);
  const lines = rows.map(([k, v]) => `${k.padEnd(width)} ${f(pct(v, 50))} ${f(pct(v, 99))} ${f(v.reduce((a, b) => a + b, 0) / v.length)}`);
  return [`\n${label} (n=${samples.length}, one client)`, `${'segment (ms)'.padEnd(width)}     p50     p99    mean`, ...lines].join('\n');
}

/** Sum and count of a Prometheus histogram, by one label value if given. */
function histogram(text: string, name: string, label?: string): { sum: number; count: number } {
  const pick = (suffix: string) =>
    text
      .split('\n')
      .filter((l) => l.startsWith(`${name}_${suffix}`) && (!label || l.includes(label)))
      .reduce((t, l) => t + Number(l.split(' ').pop()), 0);
  return { sum: pick('sum'), count: pick('count') };
}

async function main(): Promise<void> {
  process.env['TEST_LOG_LEVEL'] = 'silent';
  const capture = captureSpans();
  traceSqlStatements();
  const metricsAddress = `127.0.0.1:${await freePort()}`;
  installWorkerRuntime(metricsAddress); // before any connection; startTestStack's quiet runtime then stays out
  const tearDown = await setUpBench();
  const stack = await startTestStack();
  try {
    const { route, engine } = await actionRouteFor(stack.baseUrl, stack.db);
    const open = async () => {
      capture.reset();
      const t0 = performance.now();
      const { id } = await openCase(stack.baseUrl);
      return { id, client: performance.now() - t0 };
    };
    const act = async (id: string) => {
      capture.reset();
      const t0 = performance.now();
      const r = await http(stack.baseUrl, 'POST', route.path(id), route.body);
      const client = performance.now() - t0;
      if (r.status !== 200) throw new Error(`action failed: ${r.status} ${JSON.stringify(r.body)}`);
      return client;
    };
    /**
     * Spans of one request keep arriving until its workflows' and activities' spans are exported:
     * wait until a projection activity is there and nothing new came for a while.
     */
    const dumped = new Set<string>();
    const settle = async (serverName: string) => {
      let seen = -1;
      let quiet = 0;
      for (let i = 0; i < 200; i++) {
        const spans = capture.spans();
        const seg = segmentsOf(spans, serverName);
        const projected = spans.some((s) => /^RunActivity:project/.test(s.name));
        quiet = spans.length === seen ? quiet + 1 : 0;
        seen = spans.length;
        if (seg && projected && quiet >= 3) {
          if (process.env['BENCH_TRACE_DUMP'] && !dumped.has(serverName)) {
            dumped.add(serverName);
            process.stdout.write(
              `\none ${serverName} trace (workflow and activity spans):\n${timeline(spans, serverName, process.env['BENCH_TRACE_DUMP'] === 'sql')}\n`,
            );
          }
          return seg;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`trace of ${serverName} incomplete: ${capture.spans().map((s) => s.name)}`);
    };

    for (let i = 0; i < WARMUP; i++) await act((await open()).id);
    const scrape = async () => (await fetch(`http://${metricsAddress}/metrics`)).text();
    const before = await scrape();
    const loadBefore = loadavg()[0]!;

    const opens: { client: number; seg: Segments }[] = [];
    const ids: string[] = [];
    for (let i = 0; i < N; i++) {
      const o = await open();
      opens.push({ client: o.client, seg: await settle('POST /cases') });
      ids.push(o.id);
    }
    const reports: { client: number; seg: Segments }[] = [];
    for (const id of ids) {
      const client = await act(id);
      reports.push({ client, seg: await settle(route.spanName) });
    }
    const after = await scrape();
    if (process.env['BENCH_DUMP_METRICS']) process.stdout.write(after);

    const delta = (name: string, label?: string) => {
      const a = histogram(after, name, label);
      const b = histogram(before, name, label);
      return { count: a.count - b.count, mean: (a.sum - b.sum) / Math.max(1, a.count - b.count) };
    };
    const wft = delta('temporal_workflow_task_execution_latency');
    const sched = delta('temporal_workflow_task_schedule_to_start_latency');
    const lag = delta('anjian_projection_lag_seconds');
    process.stdout.write(
      [
        report('POST /cases (open: update-with-start)', opens),
        report(`${route.label.replace(/^API: /, '')} (update)`, reports),
        `\ncases run on: ${engine}`,
        `\nmachine: ${cpus().length} cores, 1-minute load average ${loadBefore.toFixed(1)} before and ${loadavg()[0]!.toFixed(1)} after the run`,
        `\nTemporal SDK worker metrics over the ${2 * N} measured actions (worker Prometheus endpoint):`,
        `  workflow tasks executed: ${wft.count} (${(wft.count / (2 * N)).toFixed(2)} per action), mean execution ${(wft.mean * 1000).toFixed(1)} ms`,
        `  workflow task schedule-to-start: mean ${(sched.mean * 1000).toFixed(1)} ms over ${sched.count}`,
        `  projection lag (event committed → in PostgreSQL): mean ${(lag.mean * 1000).toFixed(1)} ms over ${lag.count} events`,
        '',
      ].join('\n'),
    );
  } finally {
    await stack.stop();
    await capture.stop();
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
