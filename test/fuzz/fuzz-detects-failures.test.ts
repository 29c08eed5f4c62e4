import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureSchemathesis } from '../../tools/fuzz/ensure-schemathesis';
import { verdict } from '../../tools/fuzz/fuzz-report';
import { runSchemathesis } from '../../tools/fuzz/run-schemathesis';

/**
 * The fuzz run's verdict is only worth something if it fails when it should: against a tiny API that
 * hangs on one operation, answers 500 on another and an undocumented 418 on a third, the real
 * schemathesis run must count a hang, a server error and a non-conforming response.
 */
const doc = {
  openapi: '3.1.0',
  info: { title: 'broken on purpose', version: '1' },
  paths: {
    '/hang': { get: { responses: { '200': { description: 'never sent' } } } },
    '/boom': { get: { responses: { '200': { description: 'never sent' } } } },
    '/teapot': { get: { responses: { '200': { description: 'never sent' } } } },
  },
};

describe('the fuzz verdict', () => {
  let server: Server;
  let baseUrl: string;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'anjian-fuzz-self-'));
    server = createServer((req, res) => {
      if (req.url === '/openapi.json') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(doc));
      if (req.url?.startsWith('/boom')) return void res.writeHead(500, { 'content-type': 'application/json' }).end('{}');
      if (req.url?.startsWith('/teapot')) return void res.writeHead(418, { 'content-type': 'application/json' }).end('{}');
      if (req.url?.startsWith('/hang')) return; // never answers
      res.writeHead(405, { allow: 'GET' }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const addr = server.address();
    baseUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts a hang, a 5xx and an undocumented status', async () => {
    const { summary } = await runSchemathesis({
      bin: ensureSchemathesis(() => undefined),
      baseUrl,
      identity: { name: 'self-test', headers: null, opensCases: false },
      dictionaries: {
        caseIds: ['00000000-0000-4000-8000-000000000000'],
        procedureIds: ['rectification-1'],
        policyVersions: [1],
        calendarIds: ['CN'],
        jurisdictions: ['140105'],
        sectors: ['mining'],
        creditCodes: ['91350100M000100Y43'],
        procedures: ['rectification'],
        steps: ['report'],
        instants: ['2026-02-13T10:00:00+08:00'],
      },
      maxTime: 15,
      maxExamples: 3,
      requestTimeout: 2,
      workers: 1,
      seed: '1',
      dir,
    });
    const v = verdict(summary);
    expect(v.ok).toBe(false);
    expect(v.hangs).toBeGreaterThan(0);
    expect(v.serverErrors).toBeGreaterThan(0);
    expect(summary.failures.some((f) => f.operation === 'GET /teapot' && f.check === 'status_code_conformance' && f.status === 418)).toBe(
      true,
    );
    expect(summary.errors.some((e) => e.operation === 'GET /hang' && e.apiFault)).toBe(true);
  }, 180_000);
});
