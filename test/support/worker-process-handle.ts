import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KillPlan, ProjectionLogLine } from './worker-process-protocol';

const ROOT = join(__dirname, '..', '..');
const ENTRY = join(__dirname, 'worker-process.ts');

export interface WorkerProcessOptions {
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  /** Prebuilt workflow bundle (global-setup's TEST_WORKFLOW_BUNDLE). */
  workflowBundle: string;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * Runs the case worker as a separate Node process (test/support/worker-process.ts) that the test can
 * kill with SIGKILL and start again, as a crash and a supervisor's restart would.
 */
export class WorkerProcessHarness {
  private readonly dir = mkdtempSync(join(tmpdir(), 'anjian-fault-worker-'));
  readonly killPlanPath = join(this.dir, 'kill-plan.json');
  readonly projectionLogPath = join(this.dir, 'projections.jsonl');
  private child: ChildProcess | null = null;
  private exit: Promise<Exit> | null = null;
  private stderrTail = '';
  starts = 0;
  /** Deaths by SIGKILL, whoever sent it (the planned self-kill or the test). */
  kills = 0;

  constructor(private readonly opts: WorkerProcessOptions) {
    writeFileSync(this.projectionLogPath, '');
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Spawns the worker and resolves once it polls its task queue. */
  async start(timeoutMs = 90_000): Promise<number> {
    if (this.child) throw new Error('worker process already running');
    const child = spawn(process.execPath, ['-r', '@swc-node/register', ENTRY], {
      cwd: ROOT,
      env: {
        ...process.env,
        FAULT_DATABASE_URL: this.opts.databaseUrl,
        FAULT_TEMPORAL_ADDRESS: this.opts.temporalAddress,
        FAULT_TEMPORAL_NAMESPACE: this.opts.namespace,
        FAULT_TASK_QUEUE: this.opts.taskQueue,
        FAULT_WORKFLOW_BUNDLE: this.opts.workflowBundle,
        FAULT_KILL_PLAN: this.killPlanPath,
        FAULT_PROJECTION_LOG: this.projectionLogPath,
      },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.child = child;
    this.starts++;
    this.stderrTail = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-4000);
      if (process.env['TEST_LOG_LEVEL']) process.stderr.write(`[worker ${child.pid}] ${chunk.toString()}`);
    });
    this.exit = new Promise<Exit>((resolve) => {
      child.on('exit', (code, signal) => {
        if (signal === 'SIGKILL') this.kills++;
        if (this.child === child) this.child = null;
        resolve({ code, signal });
      });
    });
    const exited = this.exit;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker process not ready after ${timeoutMs} ms: ${this.stderrTail}`)), timeoutMs);
      child.on('message', (m: { type?: string }) => {
        if (m?.type === 'ready') {
          clearTimeout(timer);
          resolve();
        }
      });
      void exited.then((e) => {
        clearTimeout(timer);
        reject(new Error(`worker process exited before it was ready (${e.signal ?? e.code}): ${this.stderrTail}`));
      });
    });
    return child.pid!;
  }

  /** Resolves when the current worker process exits (at once if none runs). */
  exited(): Promise<Exit> {
    return this.child && this.exit ? this.exit : Promise.resolve({ code: null, signal: null });
  }

  /** Arms a one-shot kill plan: the worker process SIGKILLs itself after the matching projection commits. */
  arm(plan: KillPlan): void {
    const tmp = `${this.killPlanPath}.tmp`;
    writeFileSync(tmp, JSON.stringify(plan));
    renameSync(tmp, this.killPlanPath); // atomic: the worker never reads half a plan
  }

  disarm(): void {
    rmSync(this.killPlanPath, { force: true });
  }

  get armed(): boolean {
    return existsSync(this.killPlanPath);
  }

  /** SIGKILL from outside, at whatever moment the test chose. */
  async kill(): Promise<Exit> {
    const exit = this.exited();
    this.child?.kill('SIGKILL');
    return exit;
  }

  /** Graceful stop (SIGTERM: the worker finishes in-flight tasks); SIGKILL if it takes too long. */
  async stop(timeoutMs = 30_000): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exit = this.exited();
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await exit;
    clearTimeout(timer);
  }

  /** Every projection the worker processes committed so far, in order (survives their deaths). */
  projections(): ProjectionLogLine[] {
    return readFileSync(this.projectionLogPath, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as ProjectionLogLine);
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
