import { randomUUID } from 'node:crypto';
import { loadEnv } from '@anjian/config';
import { openedUpdate, rectificationStateQuery, rectificationWorkflowId } from '@anjian/contracts';
import { CaseRepository, createDataSource } from '@anjian/persistence';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import { createCaseWorker } from '../../apps/worker/src/create-worker';
import { resolveTestServer } from '../../tools/stack/temporal-cli';
import { caseBody } from '../support/fixtures';
import { installQuietRuntime } from '../support/quiet-runtime';

/**
 * A policy deadline of 90 days, passed in seconds on Temporal's time-skipping test server: the
 * timer fires at the computed instant and the miss is projected to PostgreSQL.
 */
describe('rectification deadline on the time-skipping server', () => {
  let env: TestWorkflowEnvironment;
  let db: DataSource;
  beforeAll(async () => {
    installQuietRuntime();
    env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: resolveTestServer().executable } });
    db = await createDataSource(loadEnv({ DATABASE_URL: process.env['TEST_DATABASE_URL'] }).DATABASE_URL, 3).initialize();
  });
  afterAll(async () => {
    await env?.teardown();
    await db?.destroy();
  });

  it('fires the policy deadline months later and marks the case overdue', async () => {
    const taskQueue = `ts-${randomUUID()}`;
    const worker = await createCaseWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      db,
      workflowBundle: { codePath: process.env['TEST_WORKFLOW_BUNDLE']! },
    });
    const caseId = randomUUID();
    const cases = new CaseRepository(db);
    await worker.runUntil(async () => {
      const openedAt = new Date(await env.currentTimeMs()).toISOString();
      const input = {
        ...caseBody({ sector: 'mining', jurisdiction: '140105' }),
        description: '',
        orderKind: 'within_deadline' as const,
        hazardGrade: 'major' as const,
        source: 'inspection' as const,
      };
      const handle = await env.client.workflow.start('rectificationWorkflow', {
        taskQueue,
        workflowId: rectificationWorkflowId(caseId),
        args: [{ caseId, actor: { id: 'officer-140105-001', role: 'officer', jurisdiction: '140105' }, openedAt, input }],
      });
      const opened = await handle.executeUpdate(openedUpdate);
      const due = Date.parse(opened.state.deadline!.dueAt);
      expect(due - Date.parse(openedAt)).toBeGreaterThan(80 * 86_400_000); // the mining/major rule: months, not seconds

      await env.sleep(due - Date.parse(openedAt) - 3_600_000); // an hour before: still on time
      expect((await handle.query(rectificationStateQuery)).state.overdue).toBe(false);
      await env.sleep(2 * 3_600_000); // an hour after
      expect((await handle.query(rectificationStateQuery)).state.overdue).toBe(true);

      const record = await cases.findById(caseId);
      expect(record).toMatchObject({ overdue: true, step: 'awaiting_report' });
      const missed = (await cases.listEvents(caseId)).find((e) => e.type === 'deadline_missed');
      expect(missed).toBeDefined();
      expect(Date.parse(missed!.occurredAt)).toBeGreaterThanOrEqual(due);
      expect(Date.parse(missed!.occurredAt)).toBeLessThan(due + 2 * 3_600_000);
    });
  });
});
