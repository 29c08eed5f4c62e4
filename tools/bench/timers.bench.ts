import 'reflect-metadata';
import './prefer-ts-modules';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CASE_WORKFLOW,
  type CaseWorkflowInput,
  caseWorkflowId,
  RECTIFICATION_WORKFLOW,
  rectificationWorkflowId,
  type RectificationWorkflowInput,
} from '@anjian/contracts';
import { Client, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { pinnedProcedureLinks } from '../../apps/api/src/cases/procedures/pinned-links';
import { WorkerProcessHarness } from '../../test/support/worker-process-handle';
import { setUpBench } from './bench-stack';

/**
 * Many open cases parked on timers: the worker's memory, and how late deadline firings come.
 *
 *   npm run bench:timers -- [--cases 3000] [--probes 100] [--window 30] [--lead 45] [--concurrency 16]
                          [--workflow case|legacy] [--worker-heap-mb 512] [--max-cached 100]
 *
 * The defaults reproduce the run in docs/benchmarks.md ("Latest figures"): about 8 minutes here.
 * Seeding goes through the workflows at ≈ 8–11 cases/s on a 2-core machine, so `--cases 100000` takes
 * about 3 hours. `--max-cached 0` and `--worker-heap-mb 0` run the production worker as configured.
 *
 * 1. `--cases` cases are started directly through the Temporal client (case workflow + its
 *    rectification child, as POST /cases would, without the API) with the report due in 30 days: they
 *    park on their timers. The worker runs in its own process so its RSS is its own.
 * 2. Once all are projected, `--probes` more cases are started whose report deadlines (written on the
 *    order: short durations) fall `--lead` s later, spread over `--window` s. Each firing is the
 *    deadline passing: an event (deadline_passed) and notifications for the assignee and the supervisor,
 *    written in one projection transaction.
 * 3. Lateness of a firing = when its event reached PostgreSQL (case_events.recorded_at) − its due instant.
 *
 * Prints seeding throughput, worker RSS (parked, peak), and lateness p50/p99/max.
 */
const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '3000' },
    probes: { type: 'string', default: '100' },
    window: { type: 'string', default: '30' },
    lead: { type: 'string', default: '45' },
    concurrency: { type: 'string', default: '16' },
    workflow: { type: 'string', default: 'case' },
    'worker-heap-mb': { type: 'string', default: '512' },
    'max-cached': { type: 'string', default: '100' },
  },
});
const CASES = Number(args.cases);
const PROBES = Number(args.probes);
const WINDOW_S = Number(args.window);
const LEAD_S = Number(args.lead);
const CONCURRENCY = Number(args.concurrency);
/** 'case': case workflow + procedure child (what POST /cases starts); 'legacy': the rectification workflow cases opened before it run. */
const LEGACY = args.workflow === 'legacy';
/**
 * V8 grows its heap lazily on a machine with memory to spare, so RSS alone overstates what the worker
 * needs: with --worker-heap-mb the worker process runs under that old-space limit (NODE_OPTIONS), and
 * surviving it shows the live set fits.
 */
const WORKER_HEAP_MB = Number(args['worker-heap-mb']) > 0 ? Number(args['worker-heap-mb']) : null;
/** Bound the SDK's sticky cache (bench-only worker, tools/bench/timers-worker.ts); 0: the production worker as configured. */
const MAX_CACHED = Number(args['max-cached']) > 0 ? Number(args['max-cached']) : null;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const say = (line: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

function pct(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

interface WorkerHandle {
  readonly pid: number | undefined;
  readonly starts: number;
  start(): Promise<number>;
  dispose(): Promise<void>;
}

/** The bench-only worker with a bounded sticky cache, in its own process. */
class CappedWorker implements WorkerHandle {
  private child: ChildProcess | null = null;
  starts = 0;
  constructor(
    private readonly taskQueue: string,
    private readonly maxCached: number,
  ) {}
  get pid() {
    return this.child?.pid;
  }
  async start(): Promise<number> {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'timers-worker.ts')], {
      cwd: join(__dirname, '..', '..'),
      env: {
        ...process.env,
        BENCH_DATABASE_URL: process.env['TEST_DATABASE_URL'],
        BENCH_TEMPORAL_ADDRESS: process.env['TEST_TEMPORAL_ADDRESS'],
        BENCH_NAMESPACE: process.env['TEST_TEMPORAL_NAMESPACE'],
        BENCH_TASK_QUEUE: this.taskQueue,
        BENCH_WORKFLOW_BUNDLE: process.env['TEST_WORKFLOW_BUNDLE'],
        BENCH_MAX_CACHED: String(this.maxCached),
      },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    this.child = child;
    this.starts++;
    child.on('exit', () => {
      if (this.child === child) this.child = null;
    });
    await new Promise<void>((resolve, reject) => {
      child.on('message', (m: { type?: string }) => m?.type === 'ready' && resolve());
      child.on('exit', (code, signal) => reject(new Error(`timers-worker exited before it was ready (${signal ?? code})`)));
    });
    return child.pid!;
  }
  async dispose(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  }
}

/** Resident and peak resident memory of a process, in MiB (Linux /proc). */
function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

function caseInput(caseId: string, reportDueAt: string, i: number): CaseWorkflowInput {
  const officer = { id: 'officer-140105-001', role: 'officer' as const, jurisdiction: '140105' };
  return {
    caseId,
    actor: officer,
    openedAt: new Date().toISOString(),
    facts: {
      title: `计时器基准 ${i}`,
      description: '',
      source: 'inspection',
      sector: 'industry_trade',
      jurisdiction: '140105',
      hazardGrade: 'major',
      enterprise: { name: '太原某机械加工有限公司', creditCode: '91350100M000100Y43' },
    },
    initialProcedure: { procedure: 'rectification', input: { orderKind: 'within_deadline', summary: '基准测试', reportDueAt } },
    links: pinnedProcedureLinks(),
    policyVersion: null,
  };
}

function legacyInput(caseId: string, reportDueAt: string, i: number): RectificationWorkflowInput {
  const c = caseInput(caseId, reportDueAt, i);
  return {
    caseId,
    actor: c.actor,
    openedAt: c.openedAt,
    input: { ...c.facts, hazardGrade: 'major', orderKind: 'within_deadline', reportDueAt } as RectificationWorkflowInput['input'],
  };
}

/** Starts the cases, `concurrency` start calls in flight (each returns once the server accepted it). */
async function startCases(client: Client, taskQueue: string, dues: string[], concurrency: number): Promise<string[]> {
  const ids = dues.map(() => randomUUID());
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, dues.length) }, async () => {
      while (next < dues.length) {
        const i = next++;
        const id = ids[i]!;
        if (LEGACY) {
          await client.workflow.start(RECTIFICATION_WORKFLOW, {
            workflowId: rectificationWorkflowId(id),
            taskQueue,
            args: [legacyInput(id, dues[i]!, i)],
          });
        } else {
          await client.workflow.start(CASE_WORKFLOW, { workflowId: caseWorkflowId(id), taskQueue, args: [caseInput(id, dues[i]!, i)] });
        }
      }
    }),
  );
  return ids;
}

async function main(): Promise<void> {
  process.env['TEST_LOG_LEVEL'] = 'silent';
  const tearDown = await setUpBench();
  const taskQueue = `bench-timers-${randomUUID()}`;
  const worker: WorkerHandle = MAX_CACHED
    ? new CappedWorker(taskQueue, MAX_CACHED)
    : new WorkerProcessHarness({
        databaseUrl: process.env['TEST_DATABASE_URL']!,
        temporalAddress: process.env['TEST_TEMPORAL_ADDRESS']!,
        namespace: process.env['TEST_TEMPORAL_NAMESPACE']!,
        taskQueue,
        workflowBundle: process.env['TEST_WORKFLOW_BUNDLE']!,
      });
  const connection = await Connection.connect({ address: process.env['TEST_TEMPORAL_ADDRESS']! });
  const client = new Client({ connection, namespace: process.env['TEST_TEMPORAL_NAMESPACE']! });
  const pg = new PgClient({ connectionString: process.env['TEST_DATABASE_URL'] });
  await pg.connect();
  const out: string[] = [];
  const loadBefore = loadavg()[0]!;
  try {
    if (WORKER_HEAP_MB) process.env['NODE_OPTIONS'] = `${process.env['NODE_OPTIONS'] ?? ''} --max-old-space-size=${WORKER_HEAP_MB}`.trim();
    const pid = await worker.start();
    delete process.env['NODE_OPTIONS'];
    const rssIdle = memoryOf(pid).rss;
    let peak = 0;
    const sampler = setInterval(() => {
      try {
        peak = Math.max(peak, memoryOf(pid).rss);
      } catch {
        /* the worker is gone */
      }
    }, 1000);
    const projected = async () => Number((await pg.query('SELECT count(*)::int AS n FROM cases')).rows[0].n);
    const waitProjected = async (n: number, what: string) => {
      let last = -1;
      for (;;) {
        const now = await projected();
        if (now >= n) return;
        if (worker.pid === undefined) throw new Error(`the worker process died with ${now}/${n} cases projected (its stderr is above)`);
        if (now !== last) say(`${what}: ${now}/${n} projected, worker RSS ${memoryOf(pid).rss.toFixed(0)} MiB`);
        last = now;
        await sleep(5000);
      }
    };

    // 1. Park the bulk on far timers.
    const parkedDue = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const t0 = performance.now();
    say(`starting ${CASES} cases (report due in 30 days) with ${CONCURRENCY} start calls in flight`);
    await startCases(
      client,
      taskQueue,
      Array.from({ length: CASES }, () => parkedDue),
      CONCURRENCY,
    );
    const started = (performance.now() - t0) / 1000;
    await waitProjected(CASES, 'parking');
    const seeded = (performance.now() - t0) / 1000;
    await sleep(5000); // let the worker settle (sticky cache, GC)
    const parked = memoryOf(pid);

    // 2. Probes whose deadlines pass soon, spread over the window, while the bulk stays parked.
    const firstDue = Date.now() + LEAD_S * 1000;
    const dues = Array.from({ length: PROBES }, (_, i) => new Date(firstDue + Math.floor((i * WINDOW_S * 1000) / PROBES)).toISOString());
    say(`starting ${PROBES} probe cases due from +${LEAD_S} s over ${WINDOW_S} s`);
    const probeIds = await startCases(client, taskQueue, dues, CONCURRENCY);
    await waitProjected(CASES + PROBES, 'probes');
    const probesReadyBeforeFirstDue = Date.now() < firstDue;
    const dueOf = new Map(probeIds.map((id, i) => [id, Date.parse(dues[i]!)]));

    // 3. Wait for every probe's firing to be projected (or give up a while after the window).
    const until = firstDue + WINDOW_S * 1000 + 120_000;
    let fired: { case_id: string; recorded_at: Date }[] = [];
    for (;;) {
      fired = (
        await pg.query(
          `SELECT case_id::text AS case_id, min(recorded_at) AS recorded_at FROM case_events
           WHERE case_id = ANY($1::uuid[]) AND type IN ('deadline_passed', 'deadline_missed') GROUP BY case_id`,
          [probeIds],
        )
      ).rows as { case_id: string; recorded_at: Date }[];
      if (fired.length >= PROBES || Date.now() > until) break;
      if (worker.pid === undefined) throw new Error(`the worker process died with ${fired.length}/${PROBES} firings projected`);
      if (Date.now() > firstDue) say(`firings projected: ${fired.length}/${PROBES}, worker RSS ${memoryOf(pid).rss.toFixed(0)} MiB`);
      await sleep(5000);
    }
    clearInterval(sampler);
    const late = fired.map((f) => f.recorded_at.getTime() - dueOf.get(f.case_id)!);
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    out.push(
      `\nNode ${process.version}; ${cpus().length} cores; load average ${loadBefore.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} at the end`,
      `cases on: ${LEGACY ? 'legacy rectificationWorkflow (one workflow each)' : 'case workflow (caseWorkflow + procedureWorkflow child each)'}, started through the Temporal client; worker in its own process`,
      `parked cases: ${CASES} (report due in 30 days) — start calls accepted in ${started.toFixed(0)} s, all projected after ${seeded.toFixed(0)} s (${(CASES / seeded).toFixed(1)} cases/s)`,
      `worker: ${MAX_CACHED ? `sticky cache bounded to ${MAX_CACHED} workflows (bench worker)` : 'the production worker, SDK default cache size'}`,
      `worker RSS${WORKER_HEAP_MB ? ` (old space limited to ${WORKER_HEAP_MB} MiB; worker restarts: ${worker.starts - 1})` : ''}: ${rssIdle.toFixed(0)} MiB idle, ${parked.rss.toFixed(0)} MiB with ${CASES} parked, peak ${Math.max(peak, parked.hwm).toFixed(0)} MiB (target ≤ 1024)`,
      `probe firings (deadline passed: event + notifications, lateness = recorded in PostgreSQL − due): ${fired.length}/${PROBES} over ${WINDOW_S} s (${(PROBES / WINDOW_S).toFixed(1)}/s)` +
        `${probesReadyBeforeFirstDue ? '' : ' — NOTE: probes were still being projected when the first one fell due'}`,
      `  lateness p50 ${s(pct(late, 50))}, p99 ${s(pct(late, 99))}, max ${s(Math.max(...late))} (target p99 ≤ 2 s)`,
    );
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    await pg.end();
    await worker.dispose();
    await connection.close();
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
