import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Principal, STALLED_REASONS, visibilityScope } from '@anjian/domain';
import { CaseListRepository, createDataSource, ensureDatabase, StatisticsRepository } from '@anjian/persistence';
import { migrateAndSeed } from '../../migrate';
import { cachedDevToken } from '../../oidc-dev/dev-identity';
import { startDevProvider } from '../../oidc-dev/launch';
import { seedCases } from './seed-cases';

/**
 * `npm run bench:lists [-- --cases 50000] [--explain] [--only counts,statistics] [--api-processes 2]`: seeds a scratch database (BENCH_DATABASE_URL, default
 * anjian_bench_lists on the local server) with N cases (default 1,000,000; reused when it already
 * holds N), starts the development OIDC provider and the API in this process, and prints p50/p95/p99
 * at 8 concurrent clients of three reads, each through the API with a bearer token and as the same
 * repository SQL straight against PostgreSQL, in the same run. Prints; asserts nothing.
 */
const CONCURRENCY = 8;
const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 800);
const WARMUP = 100;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function measure(fn: () => Promise<void>, requests: number): Promise<{ p50: number; p95: number; p99: number; rps: number }> {
  // Slow reads (counts, statistics) warm up on a quarter of their requests, not 100 sequential calls.
  for (let i = 0; i < Math.min(WARMUP, Math.ceil(requests / 4)); i++) await fn();
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < requests) {
        const t = performance.now();
        await fn();
        times.push(performance.now() - t);
      }
    }),
  );
  const wall = performance.now() - started;
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), rps: (times.length / wall) * 1000 };
}

async function main(): Promise<void> {
  const cases = Number(arg('cases') ?? 1_000_000);
  const url = process.env['BENCH_DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/anjian_bench_lists';
  const log = (m: string) => process.stdout.write(`${m}\n`);

  await ensureDatabase(url);
  await migrateAndSeed(url);
  const admin = await createDataSource(url, 2, { statementTimeoutMs: 3_600_000 }).initialize();
  const [{ n }] = await admin.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM cases`);
  if (n !== cases) {
    log(`seeding ${cases.toLocaleString('en')} cases (the database held ${n.toLocaleString('en')}) …`);
    const t = performance.now();
    await admin.query('TRUNCATE cases CASCADE');
    await seedCases(admin, cases, new Date());
    await admin.query('VACUUM ANALYZE cases');
    log(`seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  // A province-level supervisor (the demo one sits at the city level); officer@140105 is a demo user.
  await admin.query(
    `INSERT INTO users (id, name, role, jurisdiction, sectors) VALUES ('bench-supervisor@140000', '省级督办', 'supervisor', '140000', '{}')
     ON CONFLICT (id) DO NOTHING`,
  );
  const users = await admin.query<Principal[]>(
    `SELECT id, name, role, trim(jurisdiction) AS jurisdiction, sectors FROM users WHERE id IN ('bench-supervisor@140000', 'officer@140105')`,
  );
  await admin.destroy();
  const supervisor = users.find((u) => u.id === 'bench-supervisor@140000')!;
  const officer = users.find((u) => u.id === 'officer@140105')!;

  const provider = await startDevProvider({
    databaseUrl: url,
    port: 0,
    keysFile: join(mkdtempSync(join(tmpdir(), 'bench-oidc-')), 'jwks.json'),
  });
  // The API in its own process(es), as deployed (the load generator here must not share its event loop).
  // `--api-processes N` (default 1) runs N replicas, as a deployment behind a load balancer would, and
  // sends the requests to them in turn. BENCH_API_NODE_ARGS: extra node flags for the API processes,
  // e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
  const nodeArgs = process.env['BENCH_API_NODE_ARGS']?.split(' ').filter(Boolean) ?? [];
  const replicas = Number(arg('api-processes') ?? 1);
  const serve = (script: string, env: Record<string, string>, args: string[] = []) =>
    spawn(process.execPath, [...args, '-r', '@swc-node/register', join(__dirname, script)], {
      env: { ...process.env, NODE_ENV: 'development', DATABASE_URL: url, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
  const apis = Array.from({ length: replicas }, () =>
    serve('api-server.ts', { OIDC_ISSUERS: provider.issuer, DATABASE_POOL_SIZE: '10' }, nodeArgs),
  );
  // The floor: the same SQL and JSON behind bare node:http (bare-http-server.ts), its own process too.
  const bare = serve('bare-http-server.ts', { BENCH_PRINCIPALS: JSON.stringify({ stalled: supervisor, worklist: officer }) });
  const servers = [...apis, bare];
  // Whatever happens next, the provider and the servers go down with this process.
  process.once('exit', () => {
    for (const server of servers) server.kill('SIGKILL');
    provider.child.kill('SIGKILL');
  });
  const [bareBase, ...bases] = await Promise.all(
    [bare, ...apis].map(async (server) => {
      const [line] = (await once(server.stdout!, 'data')) as [Buffer];
      return (JSON.parse(line.toString()) as { url: string }).url;
    }),
  );
  let turn = 0;
  const base = () => bases[turn++ % bases.length]!;
  const auth = async (u: string) => ({ authorization: `Bearer ${await cachedDevToken(provider.issuer, u)}` });
  const supervisorHeaders = await auth(supervisor.id);
  const officerHeaders = await auth(officer.id);

  const direct = await createDataSource(url, CONCURRENCY, { statementTimeoutMs: 15_000 }).initialize();
  const lists = new CaseListRepository(direct);
  const stats = new StatisticsRepository(direct);

  const get =
    (path: string, headers: Record<string, string>, to: () => string = base) =>
    async () => {
      const res = await fetch(`${to()}${path}`, { headers });
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    };
  const now = () => new Date().toISOString();
  const yearStart = `${new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4)}-01-01T00:00:00+08:00`;

  const scenarios: {
    name: string;
    api: () => Promise<void>;
    sql: () => Promise<void>;
    bare?: () => Promise<void>;
    requests: number;
  }[] = [
    {
      name: 'stalled list, province 14, overdue, 50 rows',
      api: get('/review/stalled?reason=overdue&limit=50', supervisorHeaders),
      bare: get('/stalled', {}, () => bareBase!),
      sql: async () => {
        await lists.stalled(
          {
            scope: visibilityScope(supervisor),
            reasons: ['overdue'],
            noProgressDays: 14,
            approver: { id: supervisor.id, role: supervisor.role, jurisdiction: supervisor.jurisdiction },
            now: now(),
          },
          'due_at',
          'asc',
          50,
        );
      },
      requests: REQUESTS,
    },
    {
      name: 'stalled counts, province 14, all reasons',
      api: get('/review/stalled/counts', supervisorHeaders),
      sql: async () => {
        await lists.stalledCounts({
          scope: visibilityScope(supervisor),
          reasons: [...STALLED_REASONS],
          noProgressDays: 14,
          approver: { id: supervisor.id, role: supervisor.role, jurisdiction: supervisor.jurisdiction },
          now: now(),
        });
      },
      requests: Math.ceil(REQUESTS / 4),
    },
    {
      name: 'officer worklist, officer@140105, mine, 50 rows',
      api: get('/cases?limit=50', officerHeaders),
      bare: get('/worklist', {}, () => bareBase!),
      sql: async () => {
        await lists.worklist({ scope: visibilityScope(officer), assigneeId: officer.id, dueSoonHours: 72, now: now(), limit: 50 });
      },
      requests: REQUESTS,
    },
    {
      name: 'statistics, province 14, year so far',
      api: get('/statistics', supervisorHeaders),
      sql: async () => {
        const q = { scope: visibilityScope(supervisor), from: new Date(yearStart).toISOString(), to: now(), now: now() };
        await Promise.all([stats.scopeFigures(q), stats.onTime(q), stats.durations(q), stats.monthly(q)]);
      },
      requests: Math.ceil(REQUESTS / 8),
    },
  ];

  log(
    `\n${cases.toLocaleString('en')} cases, ${CONCURRENCY} concurrent clients, ${replicas} API process${replicas > 1 ? 'es' : ''}; times in ms (API = HTTP + token check + directory read + same SQL)`,
  );
  log('| read | path | p50 | p95 | p99 | req/s | API p95 / SQL p95 |');
  log('|---|---|---:|---:|---:|---:|---:|');
  // `--only counts,statistics`: just the reads whose name contains one of these words.
  const only = arg('only')?.split(',');
  for (const s of scenarios.filter((x) => !only || only.some((w) => x.name.includes(w)))) {
    const sql = await measure(s.sql, s.requests);
    const bareHttp = s.bare ? await measure(s.bare, s.requests) : null;
    const api = await measure(s.api, s.requests);
    const row = (path: string, r: typeof sql, ratio: string) =>
      log(`| ${s.name} | ${path} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.rps.toFixed(0)} | ${ratio} |`);
    row('direct SQL', sql, '');
    if (bareHttp) row('bare HTTP (node:http + same SQL + JSON)', bareHttp, (bareHttp.p95 / sql.p95).toFixed(2));
    row('API', api, (api.p95 / sql.p95).toFixed(2));
  }

  if (process.argv.includes('--explain')) {
    const explain = async (title: string, q: { sql: string; values: unknown[] }) => {
      const plan = await direct.query<{ 'QUERY PLAN': string }[]>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${q.sql}`, q.values);
      log(`\n${title}\n${plan.map((r) => `    ${r['QUERY PLAN']}`).join('\n')}`);
    };
    const f = {
      scope: visibilityScope(supervisor),
      noProgressDays: 14,
      approver: { id: supervisor.id, role: supervisor.role, jurisdiction: supervisor.jurisdiction },
      now: now(),
    };
    await explain('stalled list (province 14, overdue):', lists.stalledSql({ ...f, reasons: ['overdue'] }, 'due_at', 'asc', 51));
    await explain(
      'stalled list (province 14, all reasons):',
      lists.stalledSql({ ...f, reasons: [...STALLED_REASONS] }, 'due_at', 'asc', 51),
    );
    await explain(
      'stalled list (province 14, free text):',
      lists.stalledSql({ ...f, reasons: [...STALLED_REASONS], text: '晋阳煤业' }, 'due_at', 'asc', 51),
    );
    await explain(
      'officer worklist (mine):',
      lists.worklistSql({ scope: visibilityScope(officer), assigneeId: officer.id, dueSoonHours: 72, now: now(), limit: 50 }),
    );
  }

  await Promise.all(servers.map(async (server) => (server.kill('SIGTERM'), once(server, 'exit'))));
  await direct.destroy();
  await provider.stop();
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:lists failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
