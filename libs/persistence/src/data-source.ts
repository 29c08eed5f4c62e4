import { DataSource } from 'typeorm';
import { CaseEventEntity } from './cases/case-event.entity';
import { CaseEntity } from './cases/case.entity';
import { Cases1732300000000 } from './migrations/1732300000000-cases';
import { PoliciesCalendars1732300000001 } from './migrations/1732300000001-policies-calendars';

export const ENTITIES = [CaseEntity, CaseEventEntity];
export const MIGRATIONS = [Cases1732300000000, PoliciesCalendars1732300000001];

/**
 * Schema changes happen only through migrations (never `synchronize`); `npm start` and the tests
 * apply them with `migrate()`.
 */
export function createDataSource(url: string, poolSize = 10): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    extra: { max: poolSize },
  });
}

export async function migrate(db: DataSource): Promise<string[]> {
  const applied = await db.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
}
