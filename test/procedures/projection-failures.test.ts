import { actUpdate, DATABASE_UNAVAILABLE, PROJECTION_REJECTED, procedureStateQuery, procedureWorkflowId } from '@anjian/contracts';
import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import { actionPath, document } from '../api/procedure-support';
import { http, OFFICER } from '../support/http';
import { caseBody, eventually, inSeconds } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/test-stack';
import { uploadFile } from '../support/uploads';

/**
 * A projection write that fails must fail the action, not wedge the case. PostgreSQL's refusal is
 * simulated by a test-only trigger on this run's own database that raises a chosen SQLSTATE for the
 * chosen case: 22P05 (what a NUL in JSON text gives; retrying cannot help) and 57P01 (the server
 * shutting down; retried, bounded). Cases are opened through POST /cases (the case workflow and its
 * rectification child); the failing actions are sent straight to the child as the `act` update, as a
 * request that got past the API's validation would arrive; the healed ones go through HTTP.
 */
describe('projection failures fail the action cleanly and leave the case as it was', () => {
  let stack: TestStack;
  const actor = { id: OFFICER['x-actor-id'], role: 'officer' as const, jurisdiction: OFFICER['x-actor-jurisdiction'] };
  const PROCEDURE = 'rectification-1';

  beforeAll(async () => {
    stack = await startTestStack();
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

  /** The child's committed state equals the projection: gapless rows 1..seq on its stream, the same step. */
  async function expectUnchanged(id: string, seq: number, step: string) {
    const snap = await stack.temporal.workflow.getHandle(procedureWorkflowId(id, PROCEDURE)).query(procedureStateQuery);
    expect(snap).toMatchObject({ seq, step });
    const rows = (await stack.db.query('SELECT seq FROM case_events WHERE case_id = $1 AND stream = $2 ORDER BY seq', [id, PROCEDURE])) as {
      seq: string;
    }[];
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: seq }, (_, i) => i + 1));
    const [row] = (await stack.db.query('SELECT step FROM case_procedures WHERE case_id = $1 AND procedure_id = $2', [id, PROCEDURE])) as {
      step: string;
    }[];
    expect(row).toEqual({ step });
  }

  /** Opens a case through the API; its report deadline 30 days ahead, so no reminder fires during the test. */
  async function open(): Promise<{ id: string; seq: number }> {
    const opened = await http(stack.baseUrl, 'POST', '/cases', caseBody({ reportDueAt: inSeconds(30 * 86_400) }));
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    await uploadFile(stack.baseUrl, id, '整改报告.pdf');
    const snap = await stack.temporal.workflow.getHandle(procedureWorkflowId(id, PROCEDURE)).query(procedureStateQuery);
    expect(snap).toMatchObject({ step: 'report', status: 'active' });
    return { id, seq: snap.seq };
  }

  const actOnChild = (id: string, action: string, input: unknown) =>
    stack.temporal.workflow.getHandle(procedureWorkflowId(id, PROCEDURE)).executeUpdate(actUpdate, { args: [{ action, actor, input }] });

  const report = { summary: '整改报告', attachments: [document('整改报告.pdf')] };
  const verification = { result: 'passed' as const, inspector: { id: 'officer-140105-002', name: '李复查' }, findings: '现场复查合格' };

  it('refuses an action whose projection PostgreSQL rejects, at once, and the case then advances normally', async () => {
    const { id, seq } = await open();

    await fault(id, '22P05');
    const before = await hits();
    const failure = await updateFailure(actOnChild(id, 'submit_report', report));
    expect(failure.type).toBe(PROJECTION_REJECTED);
    expect(failure.details).toEqual([{ sqlState: '22P05', activity: 'projectProcedure' }]);
    expect((await hits()) - before).toBe(1); // not retried
    await expectUnchanged(id, seq, 'report');

    await heal(id);
    const reported = await http(stack.baseUrl, 'POST', actionPath(id, PROCEDURE, 'submit_report'), report);
    expect(reported.status).toBe(200);
    // The failed attempt did not consume a sequence number: the log stays gapless.
    const after = await stack.temporal.workflow.getHandle(procedureWorkflowId(id, PROCEDURE)).query(procedureStateQuery);
    expect(after.seq).toBeGreaterThan(seq);
    await expectUnchanged(id, after.seq, 'recheck');
    const integrity = await http(stack.baseUrl, 'GET', `/cases/${id}/integrity`);
    expect(integrity.body).toMatchObject({ valid: true });
  });

  it('retries a projection while PostgreSQL is unavailable, boundedly, then fails the action; the case then advances normally', async () => {
    const { id } = await open();
    expect((await http(stack.baseUrl, 'POST', actionPath(id, PROCEDURE, 'submit_report'), report)).status).toBe(200);
    const { seq } = await stack.temporal.workflow.getHandle(procedureWorkflowId(id, PROCEDURE)).query(procedureStateQuery);

    await fault(id, '57P01');
    const before = await hits();
    const failure = await updateFailure(actOnChild(id, 'record_recheck', verification));
    expect(failure.type).toBe(DATABASE_UNAVAILABLE);
    const attempts = (await hits()) - before;
    expect(attempts).toBeGreaterThanOrEqual(2); // retried…
    expect(attempts).toBeLessThanOrEqual(5); // …within the bound
    await expectUnchanged(id, seq, 'recheck');

    await heal(id);
    const verified = await http(stack.baseUrl, 'POST', `/cases/${id}/verification`, verification);
    expect(verified.status).toBe(200);
    expect(verified.body.procedures).toEqual([
      expect.objectContaining({ procedureId: PROCEDURE, status: 'completed', outcome: 'rectified' }),
    ]);
    const done = await stack.temporal.workflow.getHandle(procedureWorkflowId(id, PROCEDURE)).query(procedureStateQuery);
    expect(done).toMatchObject({ status: 'completed' });
    await expectUnchanged(id, done.seq, done.step);
    const closed = await eventually(
      () => http(stack.baseUrl, 'GET', `/cases/${id}`),
      (r) => r.body.status === 'closed',
      20_000,
      'the case closed',
    );
    expect(closed.body.status).toBe('closed');
    const integrity = await http(stack.baseUrl, 'GET', `/cases/${id}/integrity`);
    expect(integrity.body).toMatchObject({ valid: true });
  });
});
