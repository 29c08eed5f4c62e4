import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveTemporalCli } from '../../tools/stack/temporal-cli';

export const HISTORIES_DIR = join(__dirname, '..', 'histories');

/**
 * With RECORD_HISTORIES=1, saves the workflow's history under test/histories/<name>.json (through
 * the Temporal CLI's JSON export) so that test/replay replays it against every later version of the
 * workflow code: a change that would break a running case fails there and needs `patched()`.
 */
export function recordHistory(workflowId: string, name: string): void {
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
  writeFileSync(join(HISTORIES_DIR, `${name}.json`), json);
}
