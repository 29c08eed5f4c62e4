import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetchDevToken } from '../../tools/oidc-dev/dev-token';
import { freePort } from '../../tools/stack/free-port';
import { document } from '../api/procedure-support';
import { caseBody } from '../support/fixtures';
import { http } from '../support/http';
import { uploadFile } from '../support/uploads';

const ROOT = join(__dirname, '..', '..');

/** The rectification child's report (POST /cases opens the case workflow): at least one attachment reference. */
const REPORT = (summary: string) => ({ summary, attachments: [document('整改报告.pdf', summary)] });

/**
 * Command 1 end to end (after bootstrap): tools/start.ts brings the system up, Ctrl-C stops it
 * cleanly, and a second start finds the same case — in PostgreSQL and in Temporal's SQLite file.
 * It runs against the test database, never the development one.
 */
describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'anjian-start-'));
  chmodSync(dataDir, 0o755);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  async function start(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; output: () => string }> {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'tools/start.ts'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const until = Date.now() + 90_000;
    while (!out.includes('[start] ready')) {
      if (child.exitCode !== null || Date.now() > until) throw new Error(`npm start did not become ready:\n${out.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    return { child, output: () => out };
  }

  async function stop(child: ChildProcess): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    return exited;
  }

  async function stackEnv(dir: string) {
    const [apiPort, temporalPort, uiPort, oidcPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: process.env['TEST_DATABASE_URL'],
      DATA_DIR: dir,
      API_PORT: String(apiPort),
      TEMPORAL_PORT: String(temporalPort),
      TEMPORAL_UI_PORT: String(uiPort),
      // Its own development OIDC provider; the API trusts it and the tests' one (test/support/http.ts tokens).
      OIDC_DEV_PORT: String(oidcPort),
      OIDC_ISSUERS: `http://127.0.0.1:${oidcPort},${process.env['TEST_OIDC_ISSUER']}`,
      LOG_LEVEL: 'warn',
    };
    delete env['TEMPORAL_ADDRESS']; // start our own dev server, never an existing one
    return { env, uiPort, oidcPort, base: `http://127.0.0.1:${apiPort}` };
  }

  it('starts, stops on Ctrl-C, and finds the same case after a restart', async () => {
    const { env, uiPort, oidcPort, base } = await stackEnv(dataDir);

    const first = await start(env);
    expect(first.output()).toContain(`Temporal UI    http://127.0.0.1:${uiPort}`);
    expect((await fetch(`http://127.0.0.1:${uiPort}/`)).status).toBe(200);
    // `npm start` runs the development OIDC provider: its token for a seeded demo user opens the API.
    expect(first.output()).toContain(`OIDC provider  http://127.0.0.1:${oidcPort}`);
    const demo = await fetchDevToken(`http://127.0.0.1:${oidcPort}`, 'officer@140105');
    const own = await fetch(`${base}/cases/00000000-0000-4000-8000-000000000000`, {
      headers: { authorization: `Bearer ${demo.accessToken}` },
    });
    expect(own.status).toBe(404);
    expect((await fetch(`${base}/cases/00000000-0000-4000-8000-000000000000`)).status).toBe(401);
    const opened = await http(base, 'POST', '/cases', caseBody({ reportDueAt: new Date(Date.now() + 86_400_000).toISOString() }));
    expect(opened.status).toBe(201);
    expect(await stop(first.child)).toBe(0);
    expect(first.output()).toContain('[start] stopped');

    const second = await start(env);
    try {
      expect((await http(base, 'GET', `/cases/${opened.body.id}`)).body.step).toBe('report');
      // The workflow itself survived (Temporal's SQLite file), not just the row: it takes the next action.
      await uploadFile(base, opened.body.id, '整改报告.pdf', '重启后提交');
      const reported = await http(base, 'POST', `/cases/${opened.body.id}/report`, REPORT('重启后提交'));
      expect(reported.status).toBe(200);
      expect(reported.body.step).toBe('recheck');
      expect(reported.body.procedures).toEqual([expect.objectContaining({ procedureId: 'rectification-1', step: 'recheck' })]);
    } finally {
      expect(await stop(second.child)).toBe(0);
    }
  });

  /** The pid `npm start` last reported for a child ("[start] worker started (pid 123)"). */
  function pidOf(output: string, name: string): number {
    const pids = [...output.matchAll(new RegExp(`\\[start\\] ${name} started \\(pid (\\d+)\\)`, 'g'))].map((m) => Number(m[1]));
    if (!pids.length) throw new Error(`no pid reported for ${name}:\n${output.slice(-2000)}`);
    return pids[pids.length - 1]!;
  }

  async function until(what: string, ok: () => boolean | Promise<boolean>, output: () => string, ms = 120_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!(await ok())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${output().slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  it('restarts a worker or API killed with SIGKILL, with backoff, and the case still advances', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anjian-start-crash-'));
    const { env, base } = await stackEnv(dir);
    const running = await start(env);
    try {
      const opened = await http(base, 'POST', '/cases', caseBody({ reportDueAt: new Date(Date.now() + 86_400_000).toISOString() }));
      expect(opened.status).toBe(201);

      const worker = pidOf(running.output(), 'worker');
      process.kill(worker, 'SIGKILL');
      await until('the worker to be restarted', () => pidOf(running.output(), 'worker') !== worker, running.output);
      expect(running.output()).toContain('[start] worker exited (SIGKILL); restarting in 1 s (attempt 1)');
      const newWorker = pidOf(running.output(), 'worker');
      await until(
        'the new worker to poll',
        () => running.output().includes(`[start] worker is back (pid ${newWorker}): polling`),
        running.output,
      );

      const api = pidOf(running.output(), 'api');
      process.kill(api, 'SIGKILL');
      await until('the API to be restarted', () => pidOf(running.output(), 'api') !== api, running.output);
      expect(running.output()).toContain('[start] api exited (SIGKILL); restarting in 1 s (attempt 1)');
      const newApi = pidOf(running.output(), 'api');
      await until(
        'the new API to be healthy',
        () => running.output().includes(`[start] api is back (pid ${newApi}): healthy`),
        running.output,
      );

      // The restarted worker takes the case's next action, through the restarted API.
      await uploadFile(base, opened.body.id, '整改报告.pdf', '进程重启后提交');
      const reported = await http(base, 'POST', `/cases/${opened.body.id}/report`, REPORT('进程重启后提交'));
      expect(reported.status).toBe(200);
      expect(reported.body.step).toBe('recheck');
      expect(reported.body.procedures).toEqual([expect.objectContaining({ procedureId: 'rectification-1', step: 'recheck' })]);
      expect(running.child.exitCode).toBeNull(); // npm start itself kept running throughout
    } finally {
      expect(await stop(running.child)).toBe(0);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
