import { randomUUID } from 'node:crypto';
import type { NewCase } from '@anjian/domain';
import type { ProcedureRowPatch } from '@anjian/persistence';
import { newTestCase, useProjectionWriter } from '../support/projection-writer';

/**
 * `cases.progress_at` (when the case's active procedures last progressed, read by "no progress for N
 * days") as the trigger on `case_procedures` keeps it, through the real projection writer: the latest
 * progress of the active procedures, recomputed as procedures start, progress and end, NULL once none
 * is active — always what the procedure rows themselves say.
 */
const T = (day: number) => new Date(Date.parse('2026-06-01T02:00:00.000Z') + day * 86_400_000).toISOString();

function procedure(procedureId: string, lastProgressDay: number, status: ProcedureRowPatch['status'] = 'active'): ProcedureRowPatch {
  return {
    procedureId,
    procedure: procedureId.replace(/-\d+$/, ''),
    step: status === 'active' ? 'awaiting_report' : 'closed',
    status,
    suspended: false,
    outcome: status === 'active' ? null : 'done',
    deadline: null,
    dueAt: null,
    overdue: false,
    awaitingRole: null,
    assigneeId: 'officer@140105',
    data: {},
    workflowId: `case-x-${procedureId}`,
    startedAt: T(0),
    lastProgressAt: T(lastProgressDay),
    completedAt: status === 'active' ? null : T(lastProgressDay),
  };
}

describe('cases.progress_at (kept by a trigger on case_procedures)', () => {
  const writer = useProjectionWriter();

  const progressOf = async (caseId: string): Promise<string | null> => {
    const [row] = await writer.db.query<{ progress_at: Date | null }[]>('SELECT progress_at FROM cases WHERE id = $1', [caseId]);
    return row!.progress_at ? row!.progress_at.toISOString() : null;
  };
  /** What the procedure rows say: the definition the column stands for. */
  const fromProcedures = async (caseId: string): Promise<string | null> => {
    const [row] = await writer.db.query<{ latest: Date | null }[]>(
      `SELECT max(last_progress_at) AS latest FROM case_procedures WHERE case_id = $1 AND status = 'active'`,
      [caseId],
    );
    return row!.latest ? row!.latest.toISOString() : null;
  };
  const report = (caseId: string, p: ProcedureRowPatch, open?: NewCase) =>
    writer.repo.project({ caseId, stream: p.procedureId, events: [], procedure: p, ...(open ? { open } : {}) });

  it('is the latest progress among the active procedures, and follows them as they progress and end', async () => {
    const id = randomUUID();
    await report(id, procedure('rectification-1', 1), newTestCase(id, T(0)));
    expect(await progressOf(id)).toBe(T(1));

    // A second procedure that last progressed earlier does not move it back; a later one moves it on.
    await report(id, procedure('interview-1', 0));
    expect(await progressOf(id)).toBe(T(1));
    await report(id, procedure('interview-1', 5));
    expect(await progressOf(id)).toBe(T(5));

    // The procedure with the latest progress ends: the other one's progress is what is left.
    await report(id, procedure('interview-1', 6, 'completed'));
    expect(await progressOf(id)).toBe(T(1));
    expect(await progressOf(id)).toBe(await fromProcedures(id));

    // None active: NULL (the lists then read the case's last change).
    await report(id, procedure('rectification-1', 7, 'cancelled'));
    expect(await progressOf(id)).toBeNull();
    expect(await fromProcedures(id)).toBeNull();
  });

  it('follows any writer of a procedure row: a direct insert, update and delete', async () => {
    const id = randomUUID();
    await report(id, procedure('rectification-1', 2), newTestCase(id, T(0)));
    await writer.db.query(
      `INSERT INTO case_procedures (case_id, procedure_id, procedure, step, status, workflow_id, started_at, last_progress_at, updated_at)
       VALUES ($1, 'verification-1', 'verification', 'inspect', 'active', 'x', $2, $3, $3)`,
      [id, T(0), T(9)],
    );
    expect(await progressOf(id)).toBe(T(9));
    await writer.db.query(`UPDATE case_procedures SET last_progress_at = $2 WHERE case_id = $1 AND procedure_id = 'verification-1'`, [
      id,
      T(3),
    ]);
    expect(await progressOf(id)).toBe(T(3));
    await writer.db.query(`DELETE FROM case_procedures WHERE case_id = $1 AND procedure_id = 'verification-1'`, [id]);
    expect(await progressOf(id)).toBe(T(2));
  });

  it('writes the case row only when the value moves (a report without progress leaves the row alone)', async () => {
    const id = randomUUID();
    await report(id, procedure('rectification-1', 4), newTestCase(id, T(0)));
    const [before] = await writer.db.query<{ xmin: string }[]>('SELECT xmin::text FROM cases WHERE id = $1', [id]);
    // A step change that records no progress (a reminder) rewrites the procedure row with the same
    // last_progress_at; the trigger's recomputation finds nothing to change.
    await writer.db.query(`UPDATE case_procedures SET status = 'active', step = 'awaiting_report' WHERE case_id = $1`, [id]);
    const [after] = await writer.db.query<{ xmin: string }[]>('SELECT xmin::text FROM cases WHERE id = $1', [id]);
    expect(after!.xmin).toBe(before!.xmin);
  });
});
