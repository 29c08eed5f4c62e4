import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveTemporalCli } from '../../tools/stack/temporal-cli';

export const HISTORIES_DIR = join(__dirname, '..', 'histories');
/** `sha256sum` format (`<hash>  <file>`), so `cd test/histories && sha256sum -c MANIFEST.sha256` checks it too. */
export const MANIFEST = 'MANIFEST.sha256';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The recorded histories and their content hashes, as the manifest lists them. */
export function readManifest(dir: string): Map<string, string> {
  const path = join(dir, MANIFEST);
  const entries = new Map<string, string>();
  if (!existsSync(path)) return entries;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line.trim());
    if (m) entries.set(m[2]!, m[1]!);
  }
  return entries;
}

/** The file's hash, for comparing with the manifest. */
export const hashOf = (dir: string, file: string) => sha256(readFileSync(join(dir, file), 'utf8'));

/**
 * Adds one history to the corpus without touching what is there: the name carries the scenario, the
 * date and the commit it was recorded from (`<scenario>--2026-12-02--9cb7140.json`, `-2`, `-3` … when
 * that exists already), the file is created exclusively (`wx`: never overwritten, even by a
 * concurrent run), and the manifest gets one more line. Returns the file name.
 */
export function addHistory(dir: string, scenario: string, json: string, recordedAt: Date, commit: string): string {
  if (!/^[a-z0-9-]+$/.test(scenario)) throw new Error(`scenario "${scenario}" must be kebab-case (it becomes a file name)`);
  const stem = `${scenario}--${recordedAt.toISOString().slice(0, 10)}--${commit}`;
  for (let n = 1; ; n++) {
    const file = `${stem}${n === 1 ? '' : `-${n}`}.json`;
    try {
      writeFileSync(join(dir, file), json, { flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw err;
    }
    appendFileSync(join(dir, MANIFEST), `${sha256(json)}  ${file}\n`);
    return file;
  }
}

function currentCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short=7', 'HEAD'], { cwd: __dirname, encoding: 'utf8' }).trim();
  } catch {
    return 'nogit';
  }
}

/**
 * With RECORD_HISTORIES=1, adds the workflow's history to test/histories (through the Temporal
 * CLI's JSON export) so that test/replay replays it against every later version of the workflow
 * code: a change that would break a running case fails there and needs `patched()`. Recording is
 * append-only: old histories stay and are replayed forever (test/replay checks the manifest).
 */
export function recordHistory(workflowId: string, scenario: string): void {
  if (process.env['RECORD_HISTORIES'] !== '1') return;
  const { executable } = resolveTemporalCli();
  if (executable.type !== 'existing-path') throw new Error('recording histories needs a Temporal CLI binary (TEMPORAL_CLI_PATH or .venv)');
  const json = execFileSync(
    executable.path,
    [
      'workflow',
      'show',
      '--workflow-id',
      workflowId,
      '--output',
      'json',
      '--address',
      process.env['TEST_TEMPORAL_ADDRESS']!,
      '--namespace',
      process.env['TEST_TEMPORAL_NAMESPACE']!,
    ],
    { encoding: 'utf8' },
  );
  addHistory(HISTORIES_DIR, scenario, json, new Date(), currentCommit());
}
