import {
  DATABASE_UNAVAILABLE,
  PROJECTION_REJECTED,
  rectificationStateQuery,
  rectificationWorkflowId,
  recordVerificationUpdate,
  submitReportUpdate,
} from '@anjian/contracts';
import { CaseRepository } from '@anjian/persistence';
import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import { http, OFFICER } from '../support/http';
import { caseBody, inSeconds } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * A projection write that fails must fail the action, not wedge the case. PostgreSQL's refusal is
 * simulated by a test-only trigger on this run's own database that raises a chosen SQLSTATE for the
 * chosen case: 22P05 (what a NUL in JSON text gives; retrying cannot help) and 57P01 (the server
 * shutting down; retried, bounded). Actions are sent straight through the Temporal client, as a
 * request that got past the API's validation would arrive.
 */
describe('projection failures fail the action cleanly and leave the case as it was', () => {
  let stack: TestStack;
  let cases: CaseRepository;
  const actor = { id: OFFICER['x-actor-id'], role: 'officer' as const, jurisdiction: OFFICER['x-actor-jurisdiction'] };

  beforeAll(async () => {
    stack = await startTestStack();
    cases = new CaseRepository(stack.db);
    await stack.db.query(`CREATE TABLE IF NOT EXISTS test_projection_faults (case_id uuid PRIMARY KEY, sqlstate text NOT NULL)`);
    await stack.db.query(`CREATE SEQUENCE IF NOT EXISTS test_projection_fault_hits`);
    await stack.db.query(`
      CREATE OR REPLACE FUNCTION test_projection_fault() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE s text;
      BEGIN
        SELECT sqlstate INTO s FROM test_projection_faults WHERE case_id = NEW.case_id;
        IF s IS NOT NULL THEN
          PERFORM nextval('test_projection_fault_hits'); -- sequences are not rolled back: counts attempts
          RAISE EXCEPTION 'test fault % for case %', s, NEW.case_id USING ERRCODE = s;
        END IF;
        RETURN NEW;
      END $$`);
    await stack.db.query(`DROP TRIGGER IF EXISTS test_projection_fault ON case_events`);
    await stack.db.query(
      `CREATE TRIGGER test_projection_fault BEFORE INSERT ON case_events FOR EACH ROW EXECUTE FUNCTION test_projection_fault()`,
    );
  });
  afterAll(async () => {
    await stack?.db.query(`DROP TRIGGER IF EXISTS test_projection_fault ON case_events`);
    await stack?.stop();
  });

  const hits = async () =>
    Number(
      (
        (await stack.db.query(`SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS n FROM test_projection_fault_hits`)) as {
          n: string;
        }[]
      )[0]!.n,
    );
  const fault = (caseId: string, sqlstate: string) =>
    stack.db.query(
      `INSERT INTO test_projection_faults (case_id, sqlstate) VALUES ($1, $2) ON CONFLICT (case_id) DO UPDATE SET sqlstate = $2`,
      [caseId, sqlstate],
    );
  const heal = (caseId: string) => stack.db.query(`DELETE FROM test_projection_faults WHERE case_id = $1`, [caseId]);

  async function updateFailure(p: Promise<unknown>): Promise<ApplicationFailure> {
    const err = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (err as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    return cause as ApplicationFailure;
  }

  async function expectUnchanged(id: string, seq: number, step: string) {
    const handle = stack.temporal.workflow.getHandle(rectificationWorkflowId(id));
    const snap = await handle.query(rectificationStateQuery);
    expect(snap).toMatchObject({ seq, state: { step } });
    expect((await cases.listEvents(id)).map((e) => e.seq)).toEqual(Array.from({ length: seq }, (_, i) => i + 1));
    expect(await cases.findById(id)).toMatchObject({ lastSeq: seq, step });
  }

  it('refuses an action whose projection PostgreSQL rejects, at once, and the case then advances normally', async () => {
    const opened = await http(stack.baseUrl, 'POST', '/cases', caseBody({ reportDueAt: inSeconds(3600) }));
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    const handle = stack.temporal.workflow.getHandle(rectificationWorkflowId(id));

    await fault(id, '22P05');
    const before = await hits();
    const failure = await updateFailure(
      handle.executeUpdate(submitReportUpdate, { args: [{ actor, input: { summary: '整改报告', attachments: [] } }] }),
    );
    expect(failure.type).toBe(PROJECTION_REJECTED);
    expect(failure.details).toEqual([{ sqlState: '22P05', activity: 'projectCase' }]);
    expect((await hits()) - before).toBe(1); // not retried
    await expectUnchanged(id, 1, 'awaiting_report');

    await heal(id);
    const reported = await http(stack.baseUrl, 'POST', `/cases/${id}/report`, { summary: '整改报告', attachments: [] });
    expect(reported.status).toBe(200);
    // The failed attempt did not consume a sequence number: the log stays gapless.
    await expectUnchanged(id, 2, 'awaiting_recheck');
    expect(await cases.verifyChain(id)).toMatchObject({ valid: true, length: 2 });
  });

  it('retries a projection while PostgreSQL is unavailable, boundedly, then fails the action; the case then advances normally', async () => {
    const opened = await http(stack.baseUrl, 'POST', '/cases', caseBody({ reportDueAt: inSeconds(3600) }));
    const id = opened.body.id as string;
    const handle = stack.temporal.workflow.getHandle(rectificationWorkflowId(id));
    expect((await http(stack.baseUrl, 'POST', `/cases/${id}/report`, { summary: '整改报告', attachments: [] })).status).toBe(200);

    await fault(id, '57P01');
    const before = await hits();
    const verification = { result: 'passed' as const, inspector: { id: 'officer-140105-002', name: '李复查' }, findings: '现场复查合格' };
    const failure = await updateFailure(handle.executeUpdate(recordVerificationUpdate, { args: [{ actor, input: verification }] }));
    expect(failure.type).toBe(DATABASE_UNAVAILABLE);
    const attempts = (await hits()) - before;
    expect(attempts).toBeGreaterThanOrEqual(2); // retried…
    expect(attempts).toBeLessThanOrEqual(5); // …within the bound
    await expectUnchanged(id, 2, 'awaiting_recheck');

    await heal(id);
    const verified = await http(stack.baseUrl, 'POST', `/cases/${id}/verification`, verification);
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ step: 'closed', status: 'closed' });
    await expectUnchanged(id, 3, 'closed');
    expect(await cases.verifyChain(id)).toMatchObject({ valid: true, length: 3 });
  });
});
