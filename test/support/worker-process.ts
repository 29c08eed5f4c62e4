/**
 * A case worker in its own Node process, for the fault tests (test/fault): the parent can SIGKILL it
 * like a real crash. Run with `node -r @swc-node/register test/support/worker-process.ts`.
 *
 * It is the production worker (apps/worker/src/create-worker.ts) with one test-only wrapper around
 * the projection activities — `projectCase` (legacy rectification workflow, from `createCaseActivities`)
 * and `projectProcedure` (case and procedure workflows, from `createProcedureActivities`): after one has committed, it appends a line to
 * FAULT_PROJECTION_LOG and, when the kill plan in FAULT_KILL_PLAN says so, kills its own process with
 * SIGKILL — after the projection write, before the workflow task that ran it completes. Fault
 * injection lives here only, never in production code.
 *
 * Environment (all set by worker-process-handle.ts):
 *   FAULT_DATABASE_URL, FAULT_TEMPORAL_ADDRESS, FAULT_TEMPORAL_NAMESPACE, FAULT_TASK_QUEUE,
 *   FAULT_WORKFLOW_BUNDLE   where to work
 *   FAULT_PROJECTION_LOG     file that gets one JSON line per committed projection (written synchronously)
 *   FAULT_KILL_PLAN          file with a KillPlan (JSON); consumed (renamed) when it fires
 */
import 'reflect-metadata';
import { appendFileSync, existsSync, readFileSync, renameSync } from 'node:fs';
import type { CaseActivities, ProcedureActivities } from '@anjian/contracts';
import type { KillPlan, ProjectionLogLine } from './worker-process-protocol';
import { installQuietRuntime } from './quiet-runtime';

function need(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`worker-process: ${name} is not set`);
  return v;
}

const killPlanPath = need('FAULT_KILL_PLAN');
const projectionLog = need('FAULT_PROJECTION_LOG');
let projectedHere = 0;

function readPlan(): KillPlan | null {
  if (!existsSync(killPlanPath)) return null;
  try {
    return JSON.parse(readFileSync(killPlanPath, 'utf8')) as KillPlan;
  } catch {
    return null; // being written by the parent: not armed yet
  }
}

/** What both projection activities take: the case, and the events with their seq (and time). */
interface Projected {
  caseId: string;
  stream?: string;
  events: { seq: number; type: string; at: string }[];
}

function shouldDie(plan: KillPlan, req: Projected): boolean {
  if (plan.caseId !== undefined && plan.caseId !== req.caseId) return false;
  if (plan.eventTypes !== undefined && !req.events.some((e) => plan.eventTypes!.includes(e.type))) return false;
  if (plan.afterProjections !== undefined && projectedHere < plan.afterProjections) return false;
  return true;
}

/** After a projection committed: a log line, and SIGKILL if the plan says so. */
function afterCommit(req: Projected, appended: number): void {
  projectedHere++;
  const plan = readPlan();
  const die = plan !== null && shouldDie(plan, req);
  const line: ProjectionLogLine = {
    pid: process.pid,
    caseId: req.caseId,
    stream: req.stream ?? 'main',
    seqs: req.events.map((e) => e.seq),
    types: req.events.map((e) => e.type),
    ats: req.events.map((e) => e.at),
    appended,
    killing: die,
  };
  appendFileSync(projectionLog, `${JSON.stringify(line)}\n`);
  if (die) {
    renameSync(killPlanPath, `${killPlanPath}.fired-${process.pid}`); // one shot: the next worker lives
    process.kill(process.pid, 'SIGKILL');
  }
}

/** The test-only wrappers: the real activities, plus a log line and (if planned) SIGKILL after the commit. */
function withKillSwitch(real: CaseActivities): CaseActivities {
  return {
    ...real,
    projectCase: async (req) => {
      const result = await real.projectCase(req);
      afterCommit(req, result.appended);
      return result;
    },
  };
}
function withProcedureKillSwitch(real: Pick<ProcedureActivities, 'projectProcedure'>): Pick<ProcedureActivities, 'projectProcedure'> {
  return {
    ...real,
    projectProcedure: async (req) => {
      const result = await real.projectProcedure(req);
      afterCommit(req, result.appended);
      return result;
    },
  };
}

/**
 * create-worker.ts takes `createCaseActivities` from '@anjian/activities'. Swapping that module's
 * exports in the require cache (before create-worker is loaded) wraps the activities without any
 * hook in production code; the production composition (repositories, deadline service, options)
 * stays the one under test.
 */
function wrapActivitiesModule(): void {
  const path = require.resolve('@anjian/activities');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const real = require('@anjian/activities') as typeof import('@anjian/activities');
  const cached = require.cache[path];
  if (!cached) throw new Error('worker-process: @anjian/activities is not in the require cache');
  cached.exports = {
    ...real,
    createCaseActivities: (deps: Parameters<typeof real.createCaseActivities>[0]) => withKillSwitch(real.createCaseActivities(deps)),
    createProcedureActivities: (deps: Parameters<typeof real.createProcedureActivities>[0]) =>
      withProcedureKillSwitch(real.createProcedureActivities(deps)),
  };
}

async function main(): Promise<void> {
  installQuietRuntime();
  wrapActivitiesModule();
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { createCaseWorker } = require('../../apps/worker/src/create-worker') as typeof import('../../apps/worker/src/create-worker');
  const { createDataSource } = require('@anjian/persistence') as typeof import('@anjian/persistence');
  const { loadEnv } = require('@anjian/config') as typeof import('@anjian/config');
  const { NativeConnection } = require('@temporalio/worker') as typeof import('@temporalio/worker');
  /* eslint-enable @typescript-eslint/no-require-imports */

  // The same configuration path as apps/worker/src/main.ts; like the test API (fault-api.ts) only the
  // variables given here, so both use the same defaults (e.g. EVENT_CHAIN_KEY).
  const env = loadEnv({
    NODE_ENV: 'test',
    DATABASE_URL: need('FAULT_DATABASE_URL'),
    TEMPORAL_ADDRESS: need('FAULT_TEMPORAL_ADDRESS'),
    TEMPORAL_NAMESPACE: need('FAULT_TEMPORAL_NAMESPACE'),
    TEMPORAL_TASK_QUEUE: need('FAULT_TASK_QUEUE'),
  });
  const db = await createDataSource(env.DATABASE_URL, 5).initialize();
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const worker = await createCaseWorker({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    db,
    chainKey: env.EVENT_CHAIN_KEY,
    workflowBundle: { codePath: need('FAULT_WORKFLOW_BUNDLE') },
  });
  const running = worker.run();
  process.send?.({ type: 'ready', pid: process.pid });
  process.on('SIGTERM', () => worker.shutdown());
  await running;
  await connection.close();
  await db.destroy();
}

main().catch((err: unknown) => {
  process.stderr.write(`worker-process failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
