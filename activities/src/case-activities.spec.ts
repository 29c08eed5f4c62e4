import { ApplicationFailure } from '@temporalio/activity';
import { DATABASE_UNAVAILABLE, DEADLINE_CONFIGURATION, INTERNAL_ACTIVITY_ERROR, PROJECTION_REJECTED } from '@anjian/contracts';
import type { ArmedDeadline } from '@anjian/domain';
import type { CalendarRepository, PolicyVersionRepository } from '@anjian/persistence';
import { createCaseActivities } from './case-activities';
import { DeadlineConfigurationError, DeadlineService } from './deadlines/deadline.service';

/** Which failures the activities report, and how: unit tests with mocked dependencies. */
const req = {
  procedure: 'rectification',
  step: 'report',
  sector: 'mining',
  jurisdiction: '140105',
  hazardGrade: 'major',
  start: '2026-03-02T02:00:00.000Z',
  policyVersion: null,
};
const projection = { caseId: 'c', events: [], patch: {} as never };

function pgError(code: string, message = 'pg error'): Error {
  return Object.assign(new Error(message), { code });
}

async function failureOf(p: Promise<unknown>): Promise<ApplicationFailure> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApplicationFailure);
  return err as ApplicationFailure;
}

describe('case activities: error typing', () => {
  let stderr: jest.SpyInstance;
  beforeEach(() => {
    stderr = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => stderr.mockRestore());

  const withArm = (arm: () => Promise<ArmedDeadline>) =>
    createCaseActivities({ deadlines: { arm: jest.fn(arm) }, cases: { record: jest.fn() } });
  const withRecord = (record: () => Promise<never>) =>
    createCaseActivities({ deadlines: { arm: jest.fn() }, cases: { record: jest.fn(record) } });

  it('turns a DeadlineConfigurationError into a non-retryable DEADLINE_CONFIGURATION failure naming what is missing', async () => {
    const f = await failureOf(
      withArm(() => Promise.reject(new DeadlineConfigurationError('no rule for rectification/report in sector mining'))).armDeadline(req),
    );
    expect(f).toMatchObject({ type: DEADLINE_CONFIGURATION, nonRetryable: true });
    expect(f.message).toContain('sector mining');
    expect(f.details).toEqual([{ missing: 'no rule for rectification/report in sector mining' }]);
    expect(stderr).not.toHaveBeenCalled();
  });

  it('refuses a date outside the calendars (1992–2100) at once: non-retryable, not a bug', async () => {
    const f = await failureOf(
      withArm(() => Promise.reject(new RangeError('Date 1013-12-06 is outside the supported range 1992-01-01…2100-12-31'))).armDeadline(
        req,
      ),
    );
    expect(f).toMatchObject({ type: DEADLINE_CONFIGURATION, nonRetryable: true });
    expect(f.message).toContain('1013-12-06');
    expect(stderr).not.toHaveBeenCalled();
  });

  it.each([
    ['TypeError', () => new TypeError("Cannot read properties of undefined (reading 'dueAt')")],
    ['RangeError', () => new RangeError('Invalid time value')],
    ['a plain Error', () => new Error('something unexpected')],
  ])('reports %s in armDeadline as a bug: retryable, logged with its stack, never a configuration error', async (_name, make) => {
    const err = make();
    const f = await failureOf(withArm(() => Promise.reject(err)).armDeadline(req));
    expect(f.type).toBe(INTERNAL_ACTIVITY_ERROR);
    expect(f.nonRetryable).toBe(false);
    expect(stderr).toHaveBeenCalledTimes(1);
    expect(String(stderr.mock.calls[0]![0])).toContain(err.stack!.split('\n')[1]!.trim());
  });

  it('reports an unreachable database while arming as retryable DATABASE_UNAVAILABLE', async () => {
    const f = await failureOf(
      withArm(() => Promise.reject(pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'))).armDeadline(req),
    );
    expect(f).toMatchObject({ type: DATABASE_UNAVAILABLE, nonRetryable: false });
    expect(stderr).not.toHaveBeenCalled();
  });

  it.each([
    ['22021', 'invalid byte sequence for encoding "UTF8": 0x00'],
    ['22P05', 'unsupported Unicode escape sequence'],
    ['23514', 'new row violates check constraint'],
    ['42703', 'column does not exist'],
  ])('refuses a projection PostgreSQL rejects (SQLSTATE %s) without retrying', async (code, message) => {
    const f = await failureOf(withRecord(() => Promise.reject(pgError(code, message))).projectCase(projection));
    expect(f).toMatchObject({ type: PROJECTION_REJECTED, nonRetryable: true });
    expect(f.details).toEqual([{ sqlState: code, activity: 'projectCase' }]);
  });

  it.each([
    ['57P01', pgError('57P01', 'terminating connection due to administrator command')],
    ['08006', pgError('08006', 'connection failure')],
    ['ECONNREFUSED', pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
  ])('retries a projection when PostgreSQL is unreachable (%s)', async (_name, err) => {
    const f = await failureOf(withRecord(() => Promise.reject(err)).projectCase(projection));
    expect(f).toMatchObject({ type: DATABASE_UNAVAILABLE, nonRetryable: false });
    expect(stderr).not.toHaveBeenCalled();
  });

  it('reports a TypeError in the projection as a bug, logged and retried', async () => {
    const f = await failureOf(withRecord(() => Promise.reject(new TypeError('x is not a function'))).projectCase(projection));
    expect(f).toMatchObject({ type: INTERNAL_ACTIVITY_ERROR, nonRetryable: false });
    expect(stderr).toHaveBeenCalledTimes(1);
  });
});

describe('DeadlineService: stored configuration that no longer parses', () => {
  it('wraps the ZodError from a stored calendar into a DeadlineConfigurationError naming the calendar', async () => {
    const calendars = {
      latestVersions: jest.fn(async () => [{ id: 'CN', version: 3, jurisdictionPrefix: null }]),
      get: jest.fn(async () => ({ data: { id: 'CN', version: 3, knownYears: { from: 2020, to: 2026 }, holidays: 'not a list' } })),
    } as unknown as CalendarRepository;
    const service = new DeadlineService({} as PolicyVersionRepository, calendars);
    const err = await service.calendarFor('140105').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeadlineConfigurationError);
    expect((err as Error).message).toMatch(/stored working-day calendar CN@3 is invalid/);
  });
});
