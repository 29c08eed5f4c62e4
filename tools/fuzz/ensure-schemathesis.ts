import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../stack/temporal-cli';

/** Pinned: a new release can change what it generates and checks; bump on purpose. */
export const SCHEMATHESIS_VERSION = '4.32.5';

const VENV = join(ROOT, '.venv');
const BIN = join(VENV, 'bin', 'schemathesis');

function installedVersion(bin: string): string | null {
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  return /version\s+(\S+)/.exec(r.stdout)?.[1] ?? null;
}

/**
 * The schemathesis CLI from PyPI in the project's venv (.venv, like the Temporal CLI), installed
 * or re-pinned on demand so that `npm run fuzz` and `npm test` work on a clean machine.
 * FUZZ_SCHEMATHESIS_PATH names another binary (its version is only reported, not enforced).
 */
export function ensureSchemathesis(say: (msg: string) => void): string {
  const explicit = process.env['FUZZ_SCHEMATHESIS_PATH'];
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`FUZZ_SCHEMATHESIS_PATH=${explicit} does not exist`);
    return explicit;
  }
  if (existsSync(BIN) && installedVersion(BIN) === SCHEMATHESIS_VERSION) return BIN;
  say(`installing schemathesis ${SCHEMATHESIS_VERSION} from PyPI into .venv`);
  try {
    if (!existsSync(join(VENV, 'bin', 'pip'))) execFileSync('python3', ['-m', 'venv', VENV], { stdio: 'inherit' });
    execFileSync(join(VENV, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', `schemathesis==${SCHEMATHESIS_VERSION}`], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  } catch (err) {
    throw new Error(
      `could not install schemathesis ${SCHEMATHESIS_VERSION} into ${VENV} (needs Python 3.10+ with venv and PyPI): ${(err as Error).message.split('\n')[0]}`,
    );
  }
  const got = installedVersion(BIN);
  if (got !== SCHEMATHESIS_VERSION)
    throw new Error(`schemathesis in .venv reports version ${got ?? 'none'}, expected ${SCHEMATHESIS_VERSION}`);
  return BIN;
}
