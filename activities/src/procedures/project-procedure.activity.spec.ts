import { ApplicationFailure } from '@temporalio/activity';
import { DATABASE_UNAVAILABLE, INTERNAL_ACTIVITY_ERROR, PROJECTION_REJECTED, type ProjectProcedureRequest } from '@anjian/contracts';
import type { ProcedureProjection, ProcedureProjectionResult } from '@anjian/persistence';
import { createProcedureActivities } from './project-procedure.activity';

/** projectProcedure with a mocked repository: what it hands over, and how failures are typed. */
const req: ProjectProcedureRequest = {
  caseId: 'c1',
  stream: 'listed_supervision-1',
  events: [],
  approvals: [
    {
      id: 'approval-1',
      caseId: 'c1',
      procedureId: 'listed_supervision-1',
      kind: 'listing_level',
      approverRole: 'supervisor',
      status: 'pending',
      requestedBy: 'officer@140105',
      requestedAt: '2026-03-02T02:00:00.000Z',
      decidedBy: null,
      decidedAt: null,
      reason: null,
      data: { approverJurisdiction: '140000', summary: '省级挂牌督办销号', level: 'province' },
    },
  ],
  notifications: [
    {
      dedupeKey: 'c1:approval-1:requested',
      caseId: 'c1',
      procedureId: 'listed_supervision-1',
      kind: 'approval_requested',
      recipientId: null,
      recipientRole: 'supervisor',
      recipientJurisdiction: '140000',
      payload: {},
    },
  ],
};

const pgError = (code: string, message = 'pg error') => Object.assign(new Error(message), { code });

async function failureOf(p: Promise<unknown>): Promise<ApplicationFailure> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApplicationFailure);
  return err as ApplicationFailure;
}

describe('projectProcedure', () => {
  let stderr: jest.SpyInstance;
  beforeEach(() => {
    stderr = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => stderr.mockRestore());

  const withProject = (project: (p: ProcedureProjection) => Promise<ProcedureProjectionResult>) => {
    const mock = jest.fn(project);
    return { mock, activities: createProcedureActivities({ procedures: { project: mock } }) };
  };

  it('hands the repository the request, with who may decide and the summary taken from the approval data', async () => {
    const { mock, activities } = withProject(async () => ({ appended: 2, corrected: 0, rechained: 0, notified: 1 }));
    expect(await activities.projectProcedure(req)).toEqual({ appended: 2 });
    const given = mock.mock.calls[0]![0];
    expect(given).toMatchObject({ caseId: 'c1', stream: 'listed_supervision-1' });
    expect(given.approvals).toEqual([
      expect.objectContaining({ id: 'approval-1', approverJurisdiction: '140000', summary: '省级挂牌督办销号', status: 'pending' }),
    ]);
    expect(given.notifications).toEqual([expect.objectContaining({ dedupeKey: 'c1:approval-1:requested', caseId: 'c1' })]);
  });

  it.each(['22P05', '23505', '42703'])(
    'refuses data PostgreSQL rejects (SQLSTATE %s) as PROJECTION_REJECTED, not retried',
    async (code) => {
      const { activities } = withProject(() => Promise.reject(pgError(code)));
      const f = await failureOf(activities.projectProcedure(req));
      expect(f).toMatchObject({ type: PROJECTION_REJECTED, nonRetryable: true });
      expect(f.details).toEqual([{ sqlState: code, activity: 'projectProcedure' }]);
    },
  );

  it.each([
    ['57P01', pgError('57P01', 'terminating connection due to administrator command')],
    ['ECONNREFUSED', pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
  ])('retries when PostgreSQL is unreachable (%s) as DATABASE_UNAVAILABLE', async (_name, err) => {
    const { activities } = withProject(() => Promise.reject(err));
    expect(await failureOf(activities.projectProcedure(req))).toMatchObject({ type: DATABASE_UNAVAILABLE, nonRetryable: false });
    expect(stderr).not.toHaveBeenCalled();
  });

  it('reports anything else as a bug: logged with its stack, retried', async () => {
    const { activities } = withProject(() => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'seq')")));
    expect(await failureOf(activities.projectProcedure(req))).toMatchObject({ type: INTERNAL_ACTIVITY_ERROR, nonRetryable: false });
    expect(stderr).toHaveBeenCalledTimes(1);
  });
});
