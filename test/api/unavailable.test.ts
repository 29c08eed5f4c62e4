import { createServer, connect, type Server, type Socket } from 'node:net';
import { loadEnv } from '@anjian/config';
import { createDataSource } from '@anjian/persistence';
import { Client } from '@temporalio/client';
import pino from 'pino';
import { createApp } from '../../apps/api/src/create-app';
import { caseBody } from '../support/fixtures';
import { http } from '../support/http';
import { startTestStack, type TestStack } from '../support/test-stack';
import { testIdentityEnv } from '../support/test-identity';

import { actionPath, document, key, withKey } from './procedure-support';
import { unreachableTemporal } from '../support/unreachable-temporal';
import { uploadFile } from '../support/uploads';

/** The enterprise's report on a new case's rectification order (submit_report needs an attachment reference). */
const REPORT = { summary: '已整改', attachments: [document('整改报告.pdf')] };
const reportPath = (caseId: string) => actionPath(caseId, 'rectification-1', 'submit_report');
const rectificationStep = (body: { procedures?: { procedureId: string; step: string }[] }) =>
  body.procedures?.find((p) => p.procedureId === 'rectification-1')?.step;

/** Runs a request and measures how long its answer took (a hang fails the test by jest's timeout). */
async function timed<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const t0 = Date.now();
  const result = await fn();
  return { result, ms: Date.now() - t0 };
}

/** Events the clock writes on its own (a reminder already due when its deadline is armed fires at once). */
const CLOCK_EVENTS = new Set(['deadline_reminder', 'deadline_passed', 'escalation_rung', 'escalation_rung_reached']);

/** The case's events in insertion order, without the clock's: what requests caused. */
async function eventTypes(stack: TestStack, id: string): Promise<string[]> {
  const rows = (await stack.db.query('SELECT type FROM case_events WHERE case_id = $1 ORDER BY id', [id])) as { type: string }[];
  return rows.map((r) => r.type).filter((t) => !CLOCK_EVENTS.has(t));
}
const OPENED = ['order_issued', 'deadline_armed'];
const REPORTED = [...OPENED, 'report_submitted', 'deadline_armed'];

/**
 * A TCP relay that can be paused: while paused nothing is forwarded in either direction and new
 * connections are held, unanswered — what a hung database host looks like (no reset, no answer).
 */
async function startPausableProxy(target: { host: string; port: number }) {
  let paused = false;
  const sockets = new Set<Socket>();
  const held: (() => void)[] = [];
  const relay = (client: Socket) => {
    const upstream = connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined).on('close', () => {
        sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
      if (paused) s.pause();
    }
    client.pipe(upstream);
    upstream.pipe(client);
  };
  const server: Server = createServer((client) => {
    client.on('error', () => undefined);
    if (paused) held.push(() => relay(client));
    else relay(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    pause() {
      paused = true;
      for (const s of sockets) s.pause();
    },
    resume() {
      paused = false;
      for (const s of sockets) s.resume();
      held.splice(0).forEach((go) => go());
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('deadlines: Temporal or PostgreSQL not answering → 503 with Retry-After, and a retry has one effect', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { TEMPORAL_CALL_TIMEOUT_MS: '3000' } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('with the worker stopped an action answers 503 "the workflow did not answer"; retried after it restarts, it happens once', async () => {
    const opened = await http(stack.baseUrl, 'POST', '/cases', caseBody());
    const id = opened.body.id as string;
    await uploadFile(stack.baseUrl, id, '整改报告.pdf');
    const k = key('report');
    await stack.stopWorker();
    let down;
    try {
      down = await timed(() => http(stack.baseUrl, 'POST', reportPath(id), REPORT, withKey(k)));
    } finally {
      await stack.startWorker();
    }
    expect(down.result.status).toBe(503);
    expect(down.result.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(Number(down.result.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(down.result.body.detail).toMatch(/the case's workflow did not answer within 3 s \(the worker may be restarting\)/);
    expect(down.result.body.detail).not.toMatch(/not reachable/);
    expect(down.result.body.down).toEqual(['worker']);
    expect(down.ms).toBeLessThan(30_000); // the configured 3 s deadline plus a probe, not a hang

    const retry = await http(stack.baseUrl, 'POST', reportPath(id), REPORT, withKey(k));
    expect(retry.status).toBe(200);
    expect(rectificationStep(retry.body)).toBe('recheck');
    const replay = await http(stack.baseUrl, 'POST', reportPath(id), REPORT, withKey(k));
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await eventTypes(stack, id)).toEqual(REPORTED);
  });

  it('with the worker stopped opening a case answers 503; the retry with the same key opens exactly one case', async () => {
    const k = key('open');
    const body = caseBody();
    await stack.stopWorker();
    let down;
    try {
      down = await http(stack.baseUrl, 'POST', '/cases', body, withKey(k));
    } finally {
      await stack.startWorker();
    }
    expect(down.status).toBe(503);
    expect(down.body.detail).toMatch(/did not answer within 3 s/);
    const retry = await http(stack.baseUrl, 'POST', '/cases', body, withKey(k));
    expect([200, 201]).toContain(retry.status);
    const rows = (await stack.db.query(`SELECT id FROM cases WHERE id = $1`, [retry.body.id])) as unknown[];
    expect(rows).toHaveLength(1);
    expect(await eventTypes(stack, retry.body.id)).toEqual(OPENED);
  });

  it('with Temporal unreachable an action answers 503 "Temporal is not reachable"', async () => {
    const opened = await http(stack.baseUrl, 'POST', '/cases', caseBody());
    await uploadFile(stack.baseUrl, opened.body.id, '整改报告.pdf');
    const env = loadEnv({
      DATABASE_URL: process.env['TEST_DATABASE_URL'],
      API_PORT: '0',
      TEMPORAL_CALL_TIMEOUT_MS: '3000',
      ...testIdentityEnv(),
    });
    const db = await createDataSource(env.DATABASE_URL, 2).initialize();
    const unreachable = unreachableTemporal(); // nothing listens on port 1
    const { connection } = unreachable;
    const app = await createApp({ env, db, temporal: new Client({ connection }), log: pino({ level: 'silent' }) });
    await app.listen(0, '127.0.0.1');
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    try {
      const { result, ms } = await timed(() => http(url, 'POST', reportPath(opened.body.id), REPORT, withKey(key('t'))));
      expect(result.status).toBe(503);
      expect(result.body.detail).toMatch(/Temporal is not reachable/);
      expect(result.body.down).toEqual(['temporal']);
      expect(Number(result.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(ms).toBeLessThan(30_000);
    } finally {
      await app.close();
      await unreachable.close();
      await db.destroy();
    }
    expect(await eventTypes(stack, opened.body.id)).toEqual(OPENED);
  });
});

describe('PostgreSQL not answering (a paused TCP proxy between the stack and the database)', () => {
  let stack: TestStack;
  let proxy: Awaited<ReturnType<typeof startPausableProxy>>;
  beforeAll(async () => {
    const real = new URL(process.env['TEST_DATABASE_URL']!);
    proxy = await startPausableProxy({ host: real.hostname, port: Number(real.port || 5432) });
    const viaProxy = new URL(real);
    viaProxy.port = String(proxy.port);
    stack = await startTestStack({
      env: {
        DATABASE_URL: viaProxy.toString(),
        DATABASE_STATEMENT_TIMEOUT_MS: '2000',
        DATABASE_CONNECT_TIMEOUT_MS: '2000',
        TEMPORAL_CALL_TIMEOUT_MS: '10000',
      },
    });
  });
  afterAll(async () => {
    proxy?.resume();
    await stack?.stop();
    await proxy?.close();
  });

  it('answers 503 "PostgreSQL did not answer" quickly instead of hanging, and the retried action happens once', async () => {
    const opened = await http(stack.baseUrl, 'POST', '/cases', caseBody());
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    await uploadFile(stack.baseUrl, id, '整改报告.pdf');
    const k = key('pg');

    proxy.pause();
    let read;
    let action;
    try {
      read = await timed(() => http(stack.baseUrl, 'GET', `/cases/${id}`));
      action = await timed(() => http(stack.baseUrl, 'POST', reportPath(id), REPORT, withKey(k)));
    } finally {
      proxy.resume();
    }
    for (const r of [read, action]) {
      expect(r.result.status).toBe(503);
      expect(r.result.body.detail).toMatch(/PostgreSQL did not answer within 2 s/);
      expect(r.result.body.down).toEqual(['postgres']);
      expect(Number(r.result.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(r.ms).toBeLessThan(30_000);
    }

    const retry = await http(stack.baseUrl, 'POST', reportPath(id), REPORT, withKey(k));
    expect(retry.status).toBe(200);
    expect(rectificationStep(retry.body)).toBe('recheck');
    expect(await eventTypes(stack, id)).toEqual(REPORTED);
  });
});
