import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptySummary, type FuzzSummary, readNdjson } from './fuzz-report';
import { type FuzzIdentity, identityHeaders } from './identities';
import { FUZZ_CHECKS, schemathesisConfig } from './schemathesis-config';
import type { FuzzDictionaries } from './seed-data';

export interface SchemathesisRun {
  bin: string;
  baseUrl: string;
  identity: FuzzIdentity;
  dictionaries: FuzzDictionaries;
  /** Seconds for this identity's whole run (coverage, fuzzing and stateful phases). */
  maxTime: number;
  maxExamples: number;
  /** Seconds one request may take; a request without an answer by then is a hang. */
  requestTimeout: number;
  workers: number;
  seed?: string;
  dir: string;
}

/** Runs schemathesis once as one identity and reads back what every request got. */
export async function runSchemathesis(r: SchemathesisRun): Promise<{ summary: FuzzSummary; exitCode: number | null; log: string }> {
  mkdirSync(r.dir, { recursive: true });
  const config = join(r.dir, 'schemathesis.toml');
  writeFileSync(config, schemathesisConfig(r.dictionaries));
  const args = [
    '--config-file',
    config,
    'run',
    `${r.baseUrl}/openapi.json`,
    '--checks',
    FUZZ_CHECKS.join(','),
    '--max-time',
    String(r.maxTime),
    '--max-examples',
    String(r.maxExamples),
    '--request-timeout',
    String(r.requestTimeout),
    '--workers',
    String(r.workers),
    '--report',
    'ndjson,junit',
    '--report-dir',
    r.dir,
    '--suppress-health-check',
    'all',
    '--generation-database',
    'none',
    '--no-color',
    // Fuzz data holds no secrets; keep Idempotency-Key and the like visible so that failures replay.
    '--output-sanitize',
    'false',
    ...(r.seed ? ['--seed', r.seed] : []),
    ...Object.entries(await identityHeaders(r.identity)).flatMap(([k, v]) => ['--header', `${k}: ${v}`]),
  ];
  const log = join(r.dir, 'schemathesis.log');
  const out = createWriteStream(log);
  const child = spawn(r.bin, args, {
    cwd: r.dir,
    env: { ...process.env, NO_COLOR: '1', PYTHONUNBUFFERED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(out, { end: false });
  child.stderr.pipe(out, { end: false });
  // Its own --max-time bounds generation; this bounds everything else (shrinking, a stuck request).
  const guard = setTimeout(() => child.kill('SIGKILL'), (r.maxTime + r.requestTimeout * 3 + 120) * 1000);
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  clearTimeout(guard);
  await new Promise<void>((resolve) => out.end(resolve));

  const summary = emptySummary();
  const ndjson = readdirSync(r.dir).filter((f) => f.endsWith('.ndjson'));
  for (const f of ndjson) await readNdjson(summary, r.identity.name, join(r.dir, f));
  if (exitCode !== 0 && exitCode !== 1)
    summary.errors.push({
      identity: r.identity.name,
      operation: null,
      type: 'SchemathesisExit',
      message: `schemathesis exited with ${exitCode ?? 'a signal'} (see ${log})`,
      apiFault: false,
    });
  return { summary, exitCode, log };
}
