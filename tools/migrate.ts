import 'reflect-metadata';
import { loadEnv } from '@anjian/config';
import { createDataSource, ensureDatabase, migrate } from '@anjian/persistence';
import { loadSeeds } from '../seeds/load-seeds';

/** Applies migrations and loads seeds (the compose `migrate` service; `npm start` does the same in-process). */
export async function migrateAndSeed(url: string): Promise<{ migrations: string[]; seeds: string[] }> {
  await ensureDatabase(url);
  // Schema changes may legitimately run long on a big database: no 15 s statement deadline here.
  const db = await createDataSource(url, 2, { statementTimeoutMs: 600_000 }).initialize();
  try {
    const migrations = await migrate(db);
    const seeds = await loadSeeds(db);
    return { migrations, seeds };
  } finally {
    await db.destroy();
  }
}

if (require.main === module) {
  migrateAndSeed(loadEnv().DATABASE_URL)
    .then((r) => process.stdout.write(`${JSON.stringify(r)}\n`))
    .catch((err: unknown) => {
      process.stderr.write(`migrate failed: ${(err as Error).stack ?? String(err)}\n`);
      process.exit(1);
    });
}
