import type { NewCase } from '@anjian/domain';
import { createDataSource, ProcedureProjectionRepository } from '@anjian/persistence';
import type { DataSource } from 'typeorm';

/** The event chain key the persistence tests write with. */
export const TEST_CHAIN_KEY = 'test-event-chain-key-0123456789-abcdefghijklmnop';

/**
 * The migrated test database and the real projection writer for a test file: connected before its
 * tests, closed after them. Read `db` and `repo` inside tests (they are set in beforeAll).
 */
export function useProjectionWriter(poolSize = 2): { db: DataSource; repo: ProcedureProjectionRepository } {
  const ctx = {} as { db: DataSource; repo: ProcedureProjectionRepository };
  beforeAll(async () => {
    ctx.db = await createDataSource(process.env['TEST_DATABASE_URL']!, poolSize).initialize();
    ctx.repo = new ProcedureProjectionRepository(ctx.db, TEST_CHAIN_KEY);
  });
  afterAll(async () => {
    await ctx.db?.destroy();
  });
  return ctx;
}

/** A case to open through the projection writer: a major hazardous-chemicals hazard of 140105, officer@140105's. */
export function newTestCase(id: string, openedAt: string, overrides: Partial<NewCase> = {}): NewCase {
  return {
    id,
    title: '液氨储罐区报警装置失效',
    description: '',
    source: 'inspection',
    sector: 'hazardous_chemicals',
    jurisdiction: '140105',
    hazardGrade: 'major',
    enterprise: { name: '太原某化工有限公司', creditCode: '91140100M000200Y11' },
    procedure: 'rectification',
    assigneeId: 'officer@140105',
    openedBy: 'officer@140105',
    openedAt,
    policyVersion: 1,
    workflowId: `case-${id}`,
    ...overrides,
  };
}
