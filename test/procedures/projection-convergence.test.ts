import { procedureStateQuery, procedureWorkflowId } from '@anjian/contracts';
import type { ArmedDeadline } from '@anjian/domain';
import { ProcedureProjectionRepository } from '@anjian/persistence';
import { actionPath, document } from '../api/procedure-support';
import { http } from '../support/http';
import { caseBody, inSeconds } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/test-stack';
import { uploadFile } from '../support/uploads';

const PROCEDURE = 'rectification-1';

/**
 * A workflow-task attempt that was killed after its projection write leaves a row the workflow
 * never committed; the retried task computes the same event at the same seq with a later time. Here
 * the killed attempt's write is reproduced directly (the SIGKILL itself is tested across processes
 * in test/fault): a case opened through POST /cases (the case workflow and its rectification child),
 * then the child's next seq written with an earlier time; then the real child commits its version
 * through the action route, and the projection must follow it.
 */
describe('the projection converges to what the workflow committed', () => {
  let stack: TestStack;
  let projection: ProcedureProjectionRepository;
  beforeAll(async () => {
    stack = await startTestStack();
    projection = new ProcedureProjectionRepository(stack.db);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const child = (id: string) => stack.temporal.workflow.getHandle(procedureWorkflowId(id, PROCEDURE));
  const streamRows = async (id: string) =>
    (
      (await stack.db.query('SELECT seq, type, occurred_at, data FROM case_events WHERE case_id = $1 AND stream = $2 ORDER BY seq', [
        id,
        PROCEDURE,
      ])) as { seq: string; type: string; occurred_at: Date; data: Record<string, unknown> }[]
    ).map((r) => ({ seq: Number(r.seq), type: r.type, occurredAt: r.occurred_at.toISOString(), data: r.data }));

  it('replaces an uncommitted row at the next seq with the committed one, and the procedure and case rows follow', async () => {
    const opened = await http(stack.baseUrl, 'POST', '/cases', caseBody({ reportDueAt: inSeconds(30 * 86_400) }));
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    await uploadFile(stack.baseUrl, id, '整改报告.pdf');
    const start = await child(id).query(procedureStateQuery);
    expect(start.step).toBe('report');
    const [{ started_at: startedAt }] = (await stack.db.query(
      'SELECT started_at FROM case_procedures WHERE case_id = $1 AND procedure_id = $2',
      [id, PROCEDURE],
    )) as { started_at: Date }[];

    // The killed attempt's version of the next seq: the same report, counted from a minute earlier.
    const earlier = new Date(Date.now() - 60_000).toISOString();
    const report = { summary: '整改报告', attachments: [document('整改报告.pdf')] };
    const { remindersFired: _r, escalationsFired: _e, overdue: _o, remainingMs: _m, ...armed } = start.deadlines[0]!;
    const uncommitted: ArmedDeadline = { ...armed, step: 'recheck', start: earlier, dueAt: earlier, origin: 'policy' };
    const written = await projection.project({
      caseId: id,
      stream: PROCEDURE,
      events: [
        {
          seq: start.seq + 1,
          type: 'report_submitted',
          procedure: 'rectification',
          at: earlier,
          actor: { id: 'officer-140105-001', role: 'officer', jurisdiction: '140105' },
          reason: null,
          before: 'report',
          after: 'recheck',
          data: { ...report, procedureId: PROCEDURE },
        },
      ],
      procedure: {
        procedureId: PROCEDURE,
        procedure: 'rectification',
        step: 'recheck',
        status: 'active',
        suspended: false,
        outcome: null,
        deadline: uncommitted,
        dueAt: uncommitted.dueAt,
        deadlines: [uncommitted],
        overdue: false,
        awaitingRole: 'officer',
        assigneeId: start.assigneeId,
        data: { ...start.data, deadlines: [uncommitted], suspension: null },
        workflowId: start.workflowId,
        startedAt: startedAt.toISOString(),
        lastProgressAt: earlier,
        completedAt: null,
      },
    });
    expect(written).toMatchObject({ appended: 1, corrected: 0 });
    expect((await streamRows(id)).at(-1)).toMatchObject({ seq: start.seq + 1, occurredAt: earlier });

    const reported = await http(stack.baseUrl, 'POST', actionPath(id, PROCEDURE, 'submit_report'), report);
    expect(reported.status).toBe(200);

    const committed = await child(id).query(procedureStateQuery);
    expect(committed.step).toBe('recheck');
    const recheck = committed.deadlines.find((d) => d.step === 'recheck')!;
    const rows = await streamRows(id);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: committed.seq }, (_, i) => i + 1));
    const replaced = rows[start.seq]!;
    expect(replaced.type).toBe('report_submitted');
    expect(replaced.occurredAt).not.toBe(earlier);
    // The committed report time is where the recheck deadline counts from.
    expect(replaced.occurredAt).toBe(recheck.start);
    const armedRow = rows.find((r) => r.seq > start.seq && r.type === 'deadline_armed');
    expect(armedRow?.data['deadline']).toMatchObject({ step: 'recheck', start: recheck.start, dueAt: recheck.dueAt });

    const [row] = (await stack.db.query('SELECT step, due_at, deadline FROM case_procedures WHERE case_id = $1 AND procedure_id = $2', [
      id,
      PROCEDURE,
    ])) as { step: string; due_at: Date; deadline: ArmedDeadline }[];
    expect(row!.step).toBe('recheck');
    expect(row!.due_at.toISOString()).toBe(recheck.dueAt);
    expect(row!.deadline).toMatchObject({ step: 'recheck', start: recheck.start, dueAt: recheck.dueAt });
    const detail = await http(stack.baseUrl, 'GET', `/cases/${id}`);
    expect(detail.body).toMatchObject({ step: 'recheck' });
    expect(detail.body.deadline).toMatchObject({ step: 'recheck', start: recheck.start, dueAt: recheck.dueAt });

    expect((await http(stack.baseUrl, 'GET', `/cases/${id}/integrity`)).body).toMatchObject({ valid: true, keyed: true });
    const corrections = (await stack.db.query(
      'SELECT stream, seq FROM case_event_corrections WHERE case_id = $1 AND new_row IS NOT NULL AND reason NOT LIKE $2',
      [id, 'a correction earlier%'],
    )) as { stream: string; seq: string }[];
    expect(corrections.map((c) => ({ stream: c.stream, seq: Number(c.seq) }))).toEqual([{ stream: PROCEDURE, seq: start.seq + 1 }]);
  });
});
