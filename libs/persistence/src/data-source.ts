import { DataSource } from 'typeorm';
import { CaseEventEntity } from './cases/case-event.entity';
import { CaseEntity } from './cases/case.entity';
import { DEFAULT_DATABASE_TIMEOUTS, type DatabaseTimeouts, poolTimeoutOptions } from './database-timeouts';
import { Cases1732300000000 } from './migrations/1732300000000-cases';
import { PoliciesCalendars1732300000001 } from './migrations/1732300000001-policies-calendars';
import { IdempotencyKeys1733100000000 } from './migrations/1733100000000-idempotency-keys';
import { IdempotencyUpdateGeneration1733100000001 } from './migrations/1733100000001-idempotency-update-generation';
import { ProjectionCorrections1733000000000 } from './migrations/1733000000000-projection-corrections';
import { CaseProcedures1734000000100 } from './migrations/1734000000100-case-procedures';
import { ApprovalsNotifications1734000000101 } from './migrations/1734000000101-approvals-notifications';
import { Attachments1734000000102 } from './migrations/1734000000102-attachments';
import { CaseMigrations1734100000000 } from './migrations/1734100000000-case-migrations';
import { Directory1734200000000 } from './migrations/1734200000000-directory';
import { ListIndexes1734300000000 } from './migrations/1734300000000-list-indexes';
import { SubtreeDueIndexes1734400000000 } from './migrations/1734400000000-subtree-due-indexes';
import { StepVisits1734500000000 } from './migrations/1734500000000-step-visits';
import { OpenScopeIndex1734500000001 } from './migrations/1734500000001-open-scope-index';
import { CaseProgress1734600000000 } from './migrations/1734600000000-case-progress';
import { ScopeFiguresOverdue1734600000001 } from './migrations/1734600000001-scope-figures-overdue';

export const ENTITIES = [CaseEntity, CaseEventEntity];
export const MIGRATIONS = [
  Cases1732300000000,
  PoliciesCalendars1732300000001,
  ProjectionCorrections1733000000000,
  IdempotencyKeys1733100000000,
  IdempotencyUpdateGeneration1733100000001,
  CaseProcedures1734000000100,
  ApprovalsNotifications1734000000101,
  Attachments1734000000102,
  CaseMigrations1734100000000,
  Directory1734200000000,
  ListIndexes1734300000000,
  SubtreeDueIndexes1734400000000,
  StepVisits1734500000000,
  OpenScopeIndex1734500000001,
  CaseProgress1734600000000,
  ScopeFiguresOverdue1734600000001,
];

/**
 * Schema changes happen only through migrations (never `synchronize`); `npm start` and the tests
 * apply them with `migrate()`. Every statement and every wait for a connection has a deadline
 * (database-timeouts.ts), so an unreachable database fails a call instead of hanging it.
 */
export function createDataSource(url: string, poolSize = 10, timeouts: Partial<DatabaseTimeouts> = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    extra: { max: poolSize, ...poolTimeoutOptions({ ...DEFAULT_DATABASE_TIMEOUTS, ...timeouts }) },
  });
}

export async function migrate(db: DataSource): Promise<string[]> {
  const applied = await db.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
}
