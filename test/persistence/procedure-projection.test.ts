import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { createProcedureActivities } from '@anjian/activities';
import { PROJECTION_REJECTED } from '@anjian/contracts';
import { type ArmedDeadline, type NewCase, type SequencedEvent, visibilityScope } from '@anjian/domain';
import {
  CaseRepository,
  classifyProjectionError,
  createDataSource,
  InboxRepository,
  ProcedureProjectionRepository,
  type ProcedureProjection,
  type ProcedureRowPatch,
} from '@anjian/persistence';
import type { DataSource } from 'typeorm';

/**
 * The procedure projection against the real (migrated) test database: idempotent per
 * (case, stream, seq), one keyed chain per case across streams, convergence, typed refusals, the
 * notification outbox's dedupe, approvals and the case summary row.
 */
const KEY = 'test-event-chain-key-0123456789-abcdefghijklmnop';
const officer = { id: 'officer@140105', name: '王执法', role: 'officer' as const, jurisdiction: '140105' };

function newCase(id: string, jurisdiction = '140105'): NewCase {
  return {
    id,
    title: '除尘系统未设锁气卸灰装置',
    description: '',
    source: 'inspection',
    sector: 'industry_trade',
    jurisdiction,
    hazardGrade: 'major',
    enterprise: { name: '太原某机械加工有限公司', creditCode: '91350100M000100Y43' },
    procedure: 'rectification',
    assigneeId: officer.id,
    openedBy: officer.id,
    openedAt: '2026-03-02T02:00:00.000Z',
    policyVersion: 1,
    workflowId: `case-${id}`,
  };
}

const deadline = (step: string, start: string, dueAt: string): ArmedDeadline => ({
  step,
  start,
  dueAt,
  origin: 'policy',
  policyVersion: 1,
  calendarId: 'CN',
  calendarVersion: 1,
  explanation: 'test',
  reminders: [],
  escalations: [],
  outsideKnownYears: false,
});

const ev = (seq: number, type: string, at: string, after: string, data: Record<string, unknown> = {}): SequencedEvent => ({
  seq,
  type,
  procedure: 'rectification',
  at,
  actor: officer,
  reason: null,
  before: null,
  after,
  data,
});

function procedureRow(
  caseId: string,
  procedureId: string,
  step: string,
  dueAt: string | null,
  extra: Partial<ProcedureRowPatch> = {},
): ProcedureRowPatch {
  const d = dueAt ? deadline(step, '2026-03-02T02:00:00.000Z', dueAt) : null;
  return {
    procedureId,
    procedure: procedureId.replace(/-\d+$/, ''),
    step,
    status: 'active',
    suspended: false,
    outcome: null,
    deadline: d,
    dueAt,
    overdue: false,
    awaitingRole: 'officer',
    assigneeId: officer.id,
    data: {},
    workflowId: `case-${caseId}--${procedureId}`,
    startedAt: '2026-03-02T02:00:00.000Z',
    lastProgressAt: '2026-03-02T02:00:00.000Z',
    completedAt: null,
    ...extra,
  };
}

describe('ProcedureProjectionRepository', () => {
  let db: DataSource;
  let repo: ProcedureProjectionRepository;
  let cases: CaseRepository;
  beforeAll(async () => {
    db = await createDataSource(process.env['TEST_DATABASE_URL']!, 3).initialize();
    repo = new ProcedureProjectionRepository(db, KEY);
    cases = new CaseRepository(db, KEY);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  const T = (s: number) => new Date(Date.parse('2026-03-02T02:00:00.000Z') + s * 1000).toISOString();

  async function opened(id: string, jurisdiction = '140105'): Promise<ProcedureProjection> {
    const p: ProcedureProjection = {
      caseId: id,
      stream: 'case',
      open: newCase(id, jurisdiction),
      events: [{ ...ev(1, 'case_opened', T(0), 'open'), procedure: 'case' }],
      casePatch: { status: 'open' },
    };
    await repo.project(p);
    return p;
  }

  const streamsOf = async (id: string) => (await repo.listCaseEvents(id)).map((e) => `${e.stream}:${e.seq}`);

  it('opens the case and writes nothing twice when the same call is retried', async () => {
    const id = randomUUID();
    const first = await opened(id);
    const rect: ProcedureProjection = {
      caseId: id,
      stream: 'rectification-1',
      events: [ev(1, 'order_issued', T(1), 'awaiting_report')],
      procedure: procedureRow(id, 'rectification-1', 'awaiting_report', '2026-03-09T16:00:00.000Z'),
    };
    expect(await repo.project(rect)).toEqual({ appended: 1, corrected: 0, rechained: 0, notified: 0 });
    const before = await repo.listCaseEvents(id);

    // Both calls again (an activity retry after a lost answer): no new row, the same chain.
    expect(await repo.project(first)).toEqual({ appended: 0, corrected: 0, rechained: 0, notified: 0 });
    expect(await repo.project(rect)).toEqual({ appended: 0, corrected: 0, rechained: 0, notified: 0 });
    expect(await repo.listCaseEvents(id)).toEqual(before);
    expect(await streamsOf(id)).toEqual(['case:1', 'rectification-1:1']);
    expect(await cases.verifyChain(id)).toEqual({ valid: true, brokenAt: null, length: 2, keyed: true, legacyRows: 0 });

    const detail = await repo.findCaseDetail(id);
    expect(detail!.case).toMatchObject({
      procedure: 'rectification',
      step: 'awaiting_report',
      status: 'open',
      lastSeq: 2,
      deadline: { dueAt: '2026-03-09T16:00:00.000Z' },
    });
    expect(detail!.procedures).toEqual([
      expect.objectContaining({
        procedureId: 'rectification-1',
        step: 'awaiting_report',
        dueAt: '2026-03-09T16:00:00.000Z',
        status: 'active',
      }),
    ]);
  });

  it('keeps one valid chain across two streams written interleaved, each counting its own seq', async () => {
    const id = randomUUID();
    await opened(id);
    const write = (stream: string, e: SequencedEvent) => repo.project({ caseId: id, stream, events: [e] });
    await write('rectification-1', ev(1, 'order_issued', T(1), 'awaiting_report'));
    await write('interview-1', { ...ev(1, 'interview_scheduled', T(2), 'scheduled'), procedure: 'interview' });
    await write('rectification-1', ev(2, 'report_submitted', T(3), 'awaiting_recheck'));
    await write('case', { ...ev(2, 'procedure_started', T(4), 'open'), procedure: 'case' });
    await write('interview-1', { ...ev(2, 'interview_held', T(5), 'held'), procedure: 'interview' });

    expect(await streamsOf(id)).toEqual(['case:1', 'rectification-1:1', 'interview-1:1', 'rectification-1:2', 'case:2', 'interview-1:2']);
    const events = await repo.listCaseEvents(id);
    events.slice(1).forEach((e, i) => expect(e.prevHash).toBe(events[i]!.hash)); // each row links to the one inserted before it
    expect(await cases.verifyChain(id)).toMatchObject({ valid: true, length: 6, keyed: true });

    // The stream is covered by the hash: moving a row to another stream breaks the chain there.
    await db.query('ALTER TABLE case_events DISABLE TRIGGER case_events_no_update');
    try {
      await db.query(`UPDATE case_events SET stream = 'rectification-9' WHERE case_id = $1 AND stream = 'interview-1' AND seq = 2`, [id]);
    } finally {
      await db.query('ALTER TABLE case_events ENABLE TRIGGER case_events_no_update');
    }
    expect(await cases.verifyChain(id)).toMatchObject({ valid: false, brokenAt: 2 });
  });

  it('converges on a differing row: replaces it and its stream’s later rows, re-links other streams’ rows in place, logs each', async () => {
    const id = randomUUID();
    await opened(id);
    await repo.project({ caseId: id, stream: 'rectification-1', events: [ev(1, 'order_issued', T(1), 'awaiting_report')] });
    // A killed workflow-task attempt wrote seq 2 and 3 with its own clock…
    await repo.project({
      caseId: id,
      stream: 'rectification-1',
      events: [ev(2, 'report_submitted', T(10), 'awaiting_recheck'), ev(3, 'recheck_passed', T(11), 'rectified')],
    });
    // …meanwhile the case workflow wrote its own event…
    await repo.project({ caseId: id, stream: 'case', events: [{ ...ev(2, 'approval_requested', T(12), 'open'), procedure: 'case' }] });
    // …then the retried task committed seq 2 with a later time (and nothing at seq 3 yet).
    const retried = ev(2, 'report_submitted', T(20), 'awaiting_recheck');
    expect(await repo.project({ caseId: id, stream: 'rectification-1', events: [retried] })).toEqual({
      appended: 1,
      corrected: 2,
      rechained: 1,
      notified: 0,
    });

    const events = await repo.listCaseEvents(id);
    expect(events.map((e) => `${e.stream}:${e.seq}@${e.occurredAt}`)).toEqual([
      `case:1@${T(0)}`,
      `rectification-1:1@${T(1)}`,
      `rectification-1:2@${T(20)}`,
      `case:2@${T(12)}`,
    ]);
    expect(await cases.verifyChain(id)).toMatchObject({ valid: true, length: 4, keyed: true });
    const corrections = (await db.query(
      'SELECT stream, seq, event_id IS NOT NULL AS has_id, new_row IS NULL AS dropped FROM case_event_corrections WHERE case_id = $1 ORDER BY id',
      [id],
    )) as { stream: string; seq: number; has_id: boolean; dropped: boolean }[];
    expect(corrections).toEqual([
      { stream: 'rectification-1', seq: 2, has_id: true, dropped: false },
      { stream: 'rectification-1', seq: 3, has_id: true, dropped: true },
      { stream: 'case', seq: 2, has_id: true, dropped: false },
    ]);
    expect((await repo.findCaseDetail(id))!.case.lastSeq).toBe(4);

    // The committed version again: nothing moves, nothing more is logged.
    expect(await repo.project({ caseId: id, stream: 'rectification-1', events: [retried] })).toMatchObject({ appended: 0, corrected: 0 });
    expect(await db.query('SELECT 1 FROM case_event_corrections WHERE case_id = $1', [id])).toHaveLength(3);
    // And the append-only guard still refuses a plain rewrite.
    await expect(db.query(`DELETE FROM case_events WHERE case_id = $1`, [id])).rejects.toThrow(/append-only/);
  });

  it('refuses data PostgreSQL cannot store as a rejected (non-retryable) failure and writes nothing of the call', async () => {
    const id = randomUUID();
    await opened(id);
    const bad: ProcedureProjection = {
      caseId: id,
      stream: 'rectification-1',
      events: [ev(1, 'order_issued', T(1), 'awaiting_report', { note: 'NUL \u0000 here' })],
      procedure: procedureRow(id, 'rectification-1', 'awaiting_report', '2026-03-09T16:00:00.000Z'),
      notifications: [{ dedupeKey: `${id}:bad`, procedureId: 'rectification-1', kind: 'assigned', recipientId: officer.id, payload: {} }],
    };
    const err = await repo.project(bad).then(
      () => null,
      (e: unknown) => e,
    );
    expect(classifyProjectionError(err)).toBe('rejected');
    expect(await streamsOf(id)).toEqual(['case:1']);
    expect(await repo.listProcedures(id)).toEqual([]);
    expect(await db.query('SELECT 1 FROM notifications WHERE case_id = $1', [id])).toHaveLength(0);

    // Through the activity: PROJECTION_REJECTED, not retried.
    const { projectProcedure } = createProcedureActivities({ procedures: repo });
    const failure = await projectProcedure({
      caseId: id,
      stream: 'rectification-1',
      events: bad.events,
      procedure: { ...bad.procedure!, procedure: 'rectification', assigneeId: officer.id },
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: PROJECTION_REJECTED, nonRetryable: true });
  });

  it('writes a notification once per dedupe key', async () => {
    const id = randomUUID();
    await opened(id);
    const reminder = {
      dedupeKey: `${id}:rectification-1:report:reminder:0`,
      procedureId: 'rectification-1',
      kind: 'reminder',
      recipientId: officer.id,
      payload: { titleZh: '整改报告即将到期', step: 'awaiting_report' },
    };
    const escalation = {
      dedupeKey: `${id}:rectification-1:report:escalation:0`,
      procedureId: 'rectification-1',
      kind: 'escalation',
      recipientRole: 'supervisor',
      recipientJurisdiction: '140105',
      payload: { titleZh: '整改逾期' },
    };
    const call = (notifications: ProcedureProjection['notifications']) =>
      repo.project({ caseId: id, stream: 'rectification-1', events: [], notifications });
    expect((await call([reminder])).notified).toBe(1);
    expect((await call([reminder, escalation])).notified).toBe(1);
    expect((await call([reminder, escalation])).notified).toBe(0);
    const rows = (await db.query('SELECT kind, recipient_id, recipient_role FROM notifications WHERE case_id = $1 ORDER BY id', [id])) as {
      kind: string;
    }[];
    expect(rows).toEqual([
      { kind: 'reminder', recipient_id: officer.id, recipient_role: null },
      { kind: 'escalation', recipient_id: null, recipient_role: 'supervisor' },
    ]);
  });

  it('shows a notification to the user it names, or to its role in a subtree holding its jurisdiction; read per user', async () => {
    const id = randomUUID();
    await opened(id);
    await repo.project({
      caseId: id,
      stream: 'rectification-1',
      events: [],
      notifications: [
        { dedupeKey: `${id}:to-officer`, procedureId: 'rectification-1', kind: 'reminder', recipientId: officer.id, payload: {} },
        {
          dedupeKey: `${id}:to-supervisors`,
          procedureId: 'rectification-1',
          kind: 'escalation',
          recipientRole: 'supervisor',
          recipientJurisdiction: '140105',
          payload: {},
        },
      ],
    });
    const inbox = new InboxRepository(db);
    const reader = (uid: string, role: 'officer' | 'supervisor', jurisdiction: string) => ({
      id: uid,
      role,
      jurisdiction,
      scope: visibilityScope({ id: uid, name: uid, role, jurisdiction, sectors: [] }),
    });
    const seen = async (r: ReturnType<typeof reader>, unreadOnly = false) =>
      (await inbox.list(r, unreadOnly, 100)).rows.filter((n) => n.caseId === id).map((n) => n.kind);

    expect(await seen(reader(officer.id, 'officer', '140105'))).toEqual(['reminder']); // named
    expect(await seen(reader('officer2@140105', 'officer', '140105'))).toEqual([]); // neither named nor the role
    const city = reader('supervisor@140100', 'supervisor', '140100');
    expect(await seen(city)).toEqual(['escalation']); // 140105 lies in 1401xx
    expect(await seen(reader('supervisor@000000', 'supervisor', '000000'))).toEqual(['escalation']);
    expect(await seen(reader('supervisor@140106', 'supervisor', '140106'))).toEqual([]); // another district

    const escalation = (await inbox.list(city, false, 100)).rows.find((n) => n.caseId === id)!;
    expect(await inbox.markRead(reader('supervisor@140106', 'supervisor', '140106'), escalation.id)).toBeNull();
    expect(await inbox.markRead(city, escalation.id)).toMatchObject({ id: escalation.id });
    expect(await seen(city, true)).toEqual([]);
    expect(await seen(reader('supervisor@000000', 'supervisor', '000000'), true)).toEqual(['escalation']); // read per user
  });

  it('shows the most urgent active procedure on the case row; a suspended clock shows no due instant', async () => {
    const id = randomUUID();
    await opened(id);
    const put = (row: ProcedureRowPatch) => repo.project({ caseId: id, stream: row.procedureId, events: [], procedure: row });
    await put(procedureRow(id, 'rectification-1', 'awaiting_report', '2026-03-20T16:00:00.000Z'));
    await put({ ...procedureRow(id, 'interview-1', 'scheduled', '2026-03-10T16:00:00.000Z'), procedure: 'interview' });
    expect((await repo.findCaseDetail(id))!.case).toMatchObject({ procedure: 'interview', step: 'scheduled', overdue: false });
    expect((await db.query('SELECT due_at FROM cases WHERE id = $1', [id]))[0].due_at.toISOString()).toBe('2026-03-10T16:00:00.000Z');

    // An overdue procedure comes first even if another is due earlier.
    await put({ ...procedureRow(id, 'rectification-1', 'awaiting_report', '2026-03-20T16:00:00.000Z'), overdue: true });
    expect((await repo.findCaseDetail(id))!.case).toMatchObject({ procedure: 'rectification', step: 'awaiting_report', overdue: true });

    // Both suspended: the case shows one of them, with no running deadline.
    await put({ ...procedureRow(id, 'rectification-1', 'awaiting_report', '2026-03-20T16:00:00.000Z'), overdue: true, suspended: true });
    await put({ ...procedureRow(id, 'interview-1', 'scheduled', '2026-03-10T16:00:00.000Z'), procedure: 'interview', suspended: true });
    const suspended = (await db.query('SELECT due_at, overdue, deadline FROM cases WHERE id = $1', [id]))[0];
    expect(suspended).toEqual({ due_at: null, overdue: false, deadline: null });

    // All done: the case patch closes it.
    for (const [pid, proc] of [
      ['rectification-1', 'rectification'],
      ['interview-1', 'interview'],
    ] as const) {
      await put({
        ...procedureRow(id, pid, 'completed', null),
        procedure: proc,
        status: 'completed',
        outcome: 'done',
        completedAt: T(100),
      });
    }
    await repo.project({
      caseId: id,
      stream: 'case',
      events: [{ ...ev(2, 'case_closed', T(101), 'closed'), procedure: 'case' }],
      casePatch: { status: 'closed', closedAt: T(101), step: 'closed' },
    });
    expect((await repo.findCaseDetail(id))!.case).toMatchObject({
      status: 'closed',
      step: 'closed',
      closedAt: T(101),
      deadline: null,
      overdue: false,
    });
  });

  describe('approvals', () => {
    const approval = (id: string, extra: Partial<NonNullable<ProcedureProjection['approvals']>[number]> = {}) => ({
      id: 'approval-1',
      procedureId: 'rectification-1',
      kind: 'extension',
      approverRole: 'supervisor',
      status: 'pending' as const,
      requestedBy: officer.id,
      requestedAt: T(5),
      data: { caseId: id },
      ...extra,
    });

    it('lists a pending approval for the approver role whose subtree holds the case, and only until decided', async () => {
      const id = randomUUID();
      await opened(id);
      await repo.project({ caseId: id, stream: 'case', events: [], approvals: [approval(id)] });
      await repo.project({ caseId: id, stream: 'case', events: [], approvals: [approval(id)] }); // retried: still one
      const mine = (who: { role: string; jurisdiction: string }) =>
        repo.listPendingApprovalsFor(who, { limit: 1000 }).then((l) => l.filter((a) => a.caseId === id).map((a) => a.id));

      expect(await mine({ role: 'supervisor', jurisdiction: '140100' })).toEqual(['approval-1']);
      expect(await mine({ role: 'supervisor', jurisdiction: '000000' })).toEqual(['approval-1']);
      expect(await mine({ role: 'supervisor', jurisdiction: '140106' })).toEqual([]); // another district
      expect(await mine({ role: 'agency_head', jurisdiction: '140100' })).toEqual([]); // another role
      expect(await repo.listApprovals(id, { pendingOnly: true })).toHaveLength(1);

      await repo.project({
        caseId: id,
        stream: 'case',
        events: [],
        approvals: [approval(id, { status: 'approved', decidedBy: 'supervisor@140100', decidedAt: T(9), reason: '同意延期' })],
      });
      // A late retry of the request does not undo the decision.
      await repo.project({ caseId: id, stream: 'case', events: [], approvals: [approval(id)] });
      expect(await mine({ role: 'supervisor', jurisdiction: '140100' })).toEqual([]);
      expect(await repo.findApproval(id, 'approval-1')).toMatchObject({
        status: 'approved',
        decidedBy: 'supervisor@140100',
        decidedAt: T(9),
      });
    });

    it('reserves an approval that names a jurisdiction to approvers whose subtree holds it (a province-level listing)', async () => {
      const id = randomUUID();
      await opened(id);
      await repo.project({
        caseId: id,
        stream: 'case',
        events: [],
        approvals: [approval(id, { id: 'approval-2', kind: 'listing_level', approverJurisdiction: '140000' })],
      });
      const mine = (jurisdiction: string) =>
        repo.listPendingApprovalsFor({ role: 'supervisor', jurisdiction }, { limit: 1000 }).then((l) => l.filter((a) => a.caseId === id));
      expect(await mine('140100')).toEqual([]);
      expect((await mine('140000')).map((a) => [a.id, a.caseJurisdiction, a.approverJurisdiction])).toEqual([
        ['approval-2', '140105', '140000'],
      ]);
    });
  });
});
