import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../stack/temporal-cli';
import { ensureSchemathesis } from './ensure-schemathesis';
import { startFuzzStack } from './fuzz-stack';
import { distinctFailures, emptySummary, merge, type FuzzSummary, type FuzzVerdict, statusTable, verdict } from './fuzz-report';
import { type FuzzIdentity, identitiesNamed } from './identities';
import { runSchemathesis } from './run-schemathesis';
import { seedFuzzData } from './seed-data';

export interface FuzzOptions {
  baseUrl: string;
  identities: FuzzIdentity[];
  /** Seconds per identity. */
  maxTime: number;
  maxExamples: number;
  requestTimeout: number;
  workers: number;
  seed?: string;
  outDir: string;
  say(msg: string): void;
}

export interface FuzzResult {
  operations: string[];
  summary: FuzzSummary;
  verdict: FuzzVerdict;
  seconds: number;
  outDir: string;
}

/** Every operation the document declares, as schemathesis labels them ("POST /cases"). */
async function documentedOperations(baseUrl: string): Promise<string[]> {
  const res = await fetch(`${baseUrl}/openapi.json`, { signal: AbortSignal.timeout(30_000) });
  if (!res.ok) throw new Error(`${baseUrl}/openapi.json answered ${res.status}`);
  const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
  const methods = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((m) => methods.has(m))
      .map((m) => `${m.toUpperCase()} ${path}`),
  );
}

/** Fuzzes every operation of a running API once per identity; returns what every request got. */
export async function runFuzz(o: FuzzOptions): Promise<FuzzResult> {
  const t0 = Date.now();
  const bin = ensureSchemathesis(o.say);
  const operations = await documentedOperations(o.baseUrl);
  const dictionaries = await seedFuzzData(o.baseUrl);
  o.say(`${operations.length} operations; seeded cases ${dictionaries.caseIds.join(', ')}`);
  const summary = emptySummary();
  for (const identity of o.identities) {
    const t = Date.now();
    const dir = join(o.outDir, identity.name);
    const run = await runSchemathesis({ ...o, bin, identity, dictionaries, dir });
    const v = verdict(run.summary);
    o.say(
      `${identity.name.padEnd(14)} ${String(run.summary.requests).padStart(6)} requests in ${((Date.now() - t) / 1000).toFixed(0)} s: ` +
        `${v.serverErrors} 5xx, ${v.nonConforming} non-conforming, ${v.hangs} without answer` +
        `${v.unknownHeadersAccepted ? ` (${v.unknownHeadersAccepted} with an unknown header answered: not a failure)` : ''} (log: ${run.log})`,
    );
    merge(summary, run.summary);
  }
  mkdirSync(o.outDir, { recursive: true });
  const result: FuzzResult = { operations, summary, verdict: verdict(summary), seconds: (Date.now() - t0) / 1000, outDir: o.outDir };
  writeFileSync(
    join(o.outDir, 'summary.json'),
    JSON.stringify(
      {
        ...result,
        summary: {
          requests: summary.requests,
          byOperation: Object.fromEntries([...summary.byOperation].map(([op, m]) => [op, Object.fromEntries(m)])),
          failures: distinctFailures(summary),
          errors: summary.errors,
        },
      },
      null,
      2,
    ),
  );
  return result;
}

/** The human-readable end of a run: the table, then each distinct failure with one request. */
export function describeResult(r: FuzzResult): string {
  const lines = [statusTable(r.summary, r.operations), ''];
  const failures = distinctFailures(r.summary);
  for (const f of failures.slice(0, 40)) {
    lines.push(`✗ ${f.operation} as ${f.identity}: ${f.title}${f.code ? ` (${f.code})` : ''} — status ${f.status ?? 'none'}, ${f.count}×`);
    if (f.message) lines.push(`    ${f.message.split('\n').join(' | ').slice(0, 300)}`);
    lines.push(`    ${f.request.method} ${f.request.uri.slice(0, 200)}`);
    if (f.request.body) lines.push(`    body: ${f.request.body.slice(0, 200)}`);
    if (f.response) lines.push(`    → ${f.response.slice(0, 300)}`);
  }
  if (failures.length > 40) lines.push(`… ${failures.length - 40} more distinct failures in ${join(r.outDir, 'summary.json')}`);
  for (const e of r.summary.errors)
    lines.push(
      `${e.apiFault ? '✗' : '!'} ${e.operation ?? '(run)'} as ${e.identity}: ${e.type}: ${e.message.split('\n')[0]!.slice(0, 200)}`,
    );
  const v = r.verdict;
  const untested = r.operations.filter((op) => !r.summary.byOperation.get(op)?.size);
  if (untested.length) lines.push(`operations without a single request: ${untested.join(', ')}`);
  lines.push(
    '',
    `${r.operations.length} operations, ${r.summary.requests} requests in ${r.seconds.toFixed(0)} s: ${v.serverErrors} server errors, ` +
      `${v.nonConforming} non-conforming responses, ${v.hangs} requests without an answer, ${v.incompleteRuns} incomplete runs → ${v.ok ? 'PASS' : 'FAIL'}`,
    ...(v.unknownHeadersAccepted
      ? [
          `(${v.unknownHeadersAccepted} requests with an undeclared header were answered normally, as HTTP requires (RFC 9110 §5.1); schemathesis calls that a failure, see docs/fuzzing.md)`,
        ]
      : []),
    `reports: ${r.outDir}`,
  );
  return lines.join('\n');
}

const num = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}=${raw}: expected a positive number`);
  return n;
};

/** `npm run fuzz`: FUZZ_BASE_URL (a running API) or a throw-away stack started here. */
async function main(): Promise<void> {
  const say = (msg: string) => process.stdout.write(`[fuzz] ${msg}\n`);
  const identities = identitiesNamed(process.env['FUZZ_IDENTITIES']);
  const outDir = join(ROOT, 'tmp', 'fuzz', new Date().toISOString().replace(/[:.]/g, '-'));
  const external = process.env['FUZZ_BASE_URL']?.replace(/\/$/, '');
  const stack = external ? null : await startFuzzStack(say);
  if (stack) say(`stack started: ${stack.baseUrl} (${stack.describe})`);
  let code = 1;
  try {
    const result = await runFuzz({
      baseUrl: external ?? stack!.baseUrl,
      identities,
      maxTime: num('FUZZ_MAX_TIME', 60),
      maxExamples: num('FUZZ_MAX_EXAMPLES', 100),
      requestTimeout: num('FUZZ_REQUEST_TIMEOUT', 45),
      workers: num('FUZZ_WORKERS', 1),
      ...(process.env['FUZZ_SEED'] ? { seed: process.env['FUZZ_SEED'] } : {}),
      outDir,
      say,
    });
    process.stdout.write(`\n${describeResult(result)}\n`);
    code = result.verdict.ok ? 0 : 1;
  } finally {
    if (stack) await stack.stop();
  }
  process.exit(code);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`fuzz failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(2);
  });
}
