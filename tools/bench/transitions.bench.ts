import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { rectificationStateQuery, rectificationWorkflowId } from '@anjian/contracts';
import { Client as PgClient } from 'pg';
import globalSetup from '../../test/setup/global-setup';
import globalTeardown from '../../test/setup/global-teardown';
import { caseBody } from '../../test/support/fixtures';
import { http } from '../../test/support/http';
import { startTestStack } from '../../test/support/test-stack';

/**
 * What one officer action costs end to end (HTTP → update → local-activity projection →
 * PostgreSQL → answer), next to the bare limits measured in the same run: a raw SQL transaction
 * shaped like the projection, and a bare Temporal round trip (a query to the same worker).
 * Run: npm run bench:transitions  (starts its own Temporal dev server and a scratch database).
 */
const N = Number(process.env['BENCH_N'] ?? 200);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 8);

function pct(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function measure(label: string, n: number, concurrency: number, op: (i: number) => Promise<void>) {
  const samples: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const s = performance.now();
        await op(i);
        samples.push(performance.now() - s);
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  return { label, n, concurrency, p50: pct(samples, 50), p95: pct(samples, 95), p99: pct(samples, 99), perSecond: n / secs };
}

async function main(): Promise<void> {
  process.env['TEST_LOG_LEVEL'] = 'silent';
  await globalSetup();
  const stack = await startTestStack();
  const pg = new PgClient({ connectionString: process.env['TEST_DATABASE_URL'] });
  await pg.connect();
  try {
    await pg.query('CREATE TEMP TABLE bench_rows (case_id uuid, seq int, data jsonb, PRIMARY KEY (case_id, seq))');
    const results = [];
    for (const c of [1, CONCURRENCY]) {
      results.push(
        await measure('bare SQL: projection-shaped transaction', N, c, async () => {
          await pg.query('BEGIN');
          await pg.query('INSERT INTO bench_rows VALUES ($1, 1, $2) ON CONFLICT DO NOTHING', [randomUUID(), '{"type":"x"}']);
          await pg.query('COMMIT');
        }),
      );
      const ids: string[] = [];
      results.push(
        await measure('API: POST /cases (update-with-start + projection)', N, c, async () => {
          const r = await http(stack.baseUrl, 'POST', '/cases', caseBody({ reportDueAt: new Date(Date.now() + 86_400_000).toISOString() }));
          if (r.status !== 201) throw new Error(`open failed: ${r.status} ${JSON.stringify(r.body)}`);
          ids.push(r.body.id);
        }),
      );
      results.push(
        await measure('bare Temporal: query round trip to the worker', N, c, async (i) => {
          await stack.temporal.workflow.getHandle(rectificationWorkflowId(ids[i % ids.length]!)).query(rectificationStateQuery);
        }),
      );
      results.push(
        await measure('API: POST /cases/:id/report (update + projection)', N, c, async (i) => {
          const r = await http(stack.baseUrl, 'POST', `/cases/${ids[i]}/report`, { summary: 'bench' });
          if (r.status !== 200) throw new Error(`report failed: ${r.status} ${JSON.stringify(r.body)}`);
        }),
      );
    }
    process.stdout.write(
      `\nNode ${process.version}, ${N} operations per row, Temporal dev server (in memory) + PostgreSQL on this machine\n`,
    );
    process.stdout.write(
      `${'operation'.padEnd(52)} | conc | p50 ms | p95 ms | p99 ms | ops/s\n${'-'.repeat(52)}-|------|--------|--------|--------|------\n`,
    );
    for (const r of results) {
      process.stdout.write(
        `${r.label.padEnd(52)} | ${String(r.concurrency).padStart(4)} | ${r.p50.toFixed(1).padStart(6)} | ${r.p95.toFixed(1).padStart(6)} | ${r.p99.toFixed(1).padStart(6)} | ${r.perSecond.toFixed(0).padStart(5)}\n`,
      );
    }
  } finally {
    await pg.end();
    await stack.stop();
    await globalTeardown();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
