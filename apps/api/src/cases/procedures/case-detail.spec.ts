import type { ArmedDeadline, CaseRecord } from '@anjian/domain';
import { caseDetail, deadlineView, type DetailContext, type ProcedureRowInput, temporalUiLink } from './case-detail';

const deadline = (dueAt: string, extra: Partial<ArmedDeadline & { remainingMs: number | null }> = {}) => ({
  step: 'report',
  start: '2026-03-01T00:00:00.000Z',
  dueAt,
  origin: 'policy' as const,
  policyVersion: 3,
  calendarId: 'CN',
  calendarVersion: 7,
  explanation: '整改报告 15 days (policy v3, rule rectification/report); 2026 calendar',
  reminders: [],
  escalations: [{ action: 'interview', at: '2026-03-20T00:00:00.000Z' }],
  outsideKnownYears: false,
  ...extra,
});

const procedure = (over: Partial<ProcedureRowInput> = {}): ProcedureRowInput => ({
  procedureId: 'rectification-1',
  procedure: 'rectification',
  step: 'report',
  status: 'active',
  suspended: false,
  outcome: null,
  deadlines: [deadline('2026-03-16T16:00:00.000Z')],
  data: {},
  workflowId: 'case-c1--rectification-1',
  assigneeId: 'officer@140105',
  startedAt: '2026-03-01T00:00:00.000Z',
  completedAt: null,
  ...over,
});

const record = { id: 'c1', procedure: 'rectification', workflowId: 'case-c1', step: 'report' } as CaseRecord;

const ctx = (over: Partial<DetailContext> = {}): DetailContext => ({
  role: 'officer',
  jurisdiction: '140105',
  now: new Date('2026-03-15T16:00:00.000Z'),
  temporalUiUrl: 'http://127.0.0.1:8233/',
  namespace: 'default',
  actionsFor: (_p, role) => (role === 'officer' ? ['submit_report'] : []),
  actionNames: () => ({ nameZh: '录入整改报告', nameEn: 'Record the report' }),
  startable: () => ['interview'],
  ...over,
});

describe('case detail (GET /cases/{id})', () => {
  it('computes the time left at read time and carries the deadline basis', () => {
    const v = deadlineView(deadline('2026-03-16T16:00:00.000Z'), false, new Date('2026-03-15T16:00:00.000Z'));
    expect(v.timeLeftMs).toBe(86_400_000);
    expect(v.overdue).toBe(false);
    expect(v.basis).toMatchObject({ policyVersion: 3, calendarVersion: 7, explanation: expect.stringContaining('policy v3') });
    const late = deadlineView(deadline('2026-03-14T16:00:00.000Z'), false, new Date('2026-03-15T16:00:00.000Z'));
    expect(late.timeLeftMs).toBe(-86_400_000);
    expect(late.overdue).toBe(true);
  });

  it('a suspended procedure keeps the time that was left and offers no actions', () => {
    const view = caseDetail(
      record,
      [procedure({ suspended: true, deadlines: [deadline('2026-03-16T16:00:00.000Z', { remainingMs: 5_000 })] })],
      [],
      ctx(),
    );
    expect(view.procedures[0]!.deadlines[0]).toMatchObject({ timeLeftMs: 5_000, clockStopped: true, overdue: false });
    expect(view.procedures[0]!.allowedActions).toEqual([]);
    expect(view.allowedActions).toEqual([]);
  });

  it("shows the actions of the caller's role, with where to post them", () => {
    const officer = caseDetail(record, [procedure()], [], ctx());
    expect(officer.allowedActions).toEqual(['submit_report']);
    expect(officer.procedures[0]!.allowedActions[0]).toMatchObject({
      name: 'submit_report',
      nameZh: '录入整改报告',
      href: '/cases/c1/procedures/rectification-1/actions/submit_report',
    });
    expect(caseDetail(record, [procedure()], [], ctx({ role: 'viewer' })).allowedActions).toEqual([]);
    // What the caller may start by hand: from the links while the case is open, nothing once closed.
    expect(caseDetail({ ...record, status: 'open' }, [procedure()], [], ctx()).startableProcedures).toEqual(['interview']);
    expect(caseDetail({ ...record, status: 'closed' }, [procedure()], [], ctx()).startableProcedures).toEqual([]);
  });

  it('links every workflow to the Temporal Web UI, or to nothing when it is not configured', () => {
    const view = caseDetail(record, [procedure()], [], ctx());
    expect(view.links.temporalUi).toBe('http://127.0.0.1:8233/namespaces/default/workflows/case-c1');
    expect(view.procedures[0]!.temporalUi).toBe('http://127.0.0.1:8233/namespaces/default/workflows/case-c1--rectification-1');
    expect(temporalUiLink(undefined, 'default', 'case-c1')).toBeNull();
  });

  it('lists pending approvals and whether this caller decides them (role and level)', () => {
    const approval = {
      id: 'a1',
      procedureId: 'listed_supervision-1',
      kind: 'listing_level',
      approverRole: 'supervisor',
      approverJurisdiction: '140000',
      status: 'pending',
      summary: null,
      requestedBy: 'officer@140105',
      requestedAt: '2026-03-01T00:00:00.000Z',
      reason: null,
      data: {},
    };
    const decided = { ...approval, id: 'a0', status: 'approved' };
    const city = caseDetail(record, [], [approval, decided], ctx({ role: 'supervisor', jurisdiction: '140100' }));
    expect(city.approvals.map((a) => a.id)).toEqual(['a1']);
    expect(city.approvals[0]!.mayDecide).toBe(false); // a province-level decision
    const province = caseDetail(record, [], [approval], ctx({ role: 'supervisor', jurisdiction: '140000' }));
    expect(province.approvals[0]).toMatchObject({ mayDecide: true, decide: '/cases/c1/approvals/a1/decision' });
  });

  it('an approval that names no level: mayDecide only at the requester’s level or above, as the access guard decides', () => {
    const extension = {
      id: 'a2',
      procedureId: 'rectification-1',
      kind: 'extension',
      approverRole: 'supervisor',
      approverJurisdiction: null,
      status: 'pending',
      summary: null,
      requestedBy: 'supervisor@140100',
      requesterJurisdiction: '140100' as string | null,
      requestedAt: '2026-03-01T00:00:00.000Z',
      reason: null,
      data: {},
    };
    const mayDecide = (jurisdiction: string, actorId: string, a = extension) =>
      caseDetail(record, [], [a], ctx({ role: 'supervisor', jurisdiction, actorId })).approvals[0]!.mayDecide;
    expect(mayDecide('140105', 'supervisor@140105')).toBe(false); // below the city supervisor who asked
    expect(mayDecide('140100', 'supervisor2@140100')).toBe(true);
    expect(mayDecide('140000', 'supervisor@140000')).toBe(true);
    // The process asked, or the requester left the directory: the county decides, as before.
    expect(mayDecide('140105', 'supervisor@140105', { ...extension, requestedBy: '', requesterJurisdiction: null })).toBe(true);
    // The requester's jurisdiction is for the decision only, not shown.
    expect(caseDetail(record, [], [extension], ctx()).approvals[0]).not.toHaveProperty('requesterJurisdiction');
  });
});
