import {
  ACTION_NOT_ALLOWED,
  APPROVAL_PENDING,
  CASE_CLOSED,
  CASE_ITEM_NOT_FOUND,
  INVALID_INPUT,
  PROCEDURE_SUSPENDED,
  ROLE_NOT_ALLOWED,
  UNKNOWN_PROCEDURE_ACTION,
  CASE_NOT_OPENED,
  DATABASE_UNAVAILABLE,
  DEADLINE_CONFIGURATION,
  INTERNAL_ACTIVITY_ERROR,
  PROJECTION_REJECTED,
} from '@anjian/contracts';
import { ActivityFailure, ApplicationFailure, WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { Problem } from '../http/problem';
import { isWorkflowTaskRecovering, toProblem } from './temporal-errors';

const failure = (type: string, details: unknown[] = [], cause?: Error) =>
  ApplicationFailure.create({ type, message: `${type} happened`, details, nonRetryable: true, cause });
const updateFailed = (cause: Error) => new WorkflowUpdateFailedError('Workflow Update failed', cause);

describe('Temporal failures as HTTP answers', () => {
  it('maps the known typed failures', () => {
    const refused = toProblem(updateFailed(failure(ACTION_NOT_ALLOWED, [{ action: 'x', currentStep: 's', allowedActions: [] }])));
    expect(refused).toMatchObject({ status: 409, type: '/problems/action-not-allowed', extensions: { currentStep: 's' } });
    expect(toProblem(updateFailed(failure(PROJECTION_REJECTED)))).toMatchObject({ status: 422, type: '/problems/projection-rejected' });
    const db = toProblem(updateFailed(failure(DATABASE_UNAVAILABLE))) as Problem;
    expect(db).toMatchObject({ status: 503, type: '/problems/action-not-applied', extensions: { applied: false } });
    expect(Number(db.headers['Retry-After'])).toBeGreaterThan(0);
    // A second suspension/extension request while one is pending (the fuzz run found it as a 500).
    const pending = toProblem(updateFailed(failure(APPROVAL_PENDING, [{ action: 'suspension', approvalId: 'a-1' }])));
    expect(pending).toMatchObject({ status: 409, type: '/problems/approval-pending', extensions: { approvalId: 'a-1' } });
  });

  it('maps the case and procedure workflows’ refusals: step (409 with allowed actions), role (403), missing item (404), input paths', () => {
    const suspended = toProblem(
      updateFailed(failure(PROCEDURE_SUSPENDED, [{ action: 'hold_interview', currentStep: 'hold_interview', allowedActions: [] }])),
    );
    expect(suspended).toMatchObject({
      status: 409,
      type: '/problems/action-not-allowed',
      extensions: { currentStep: 'hold_interview', allowedActions: [], reason: PROCEDURE_SUSPENDED },
    });
    expect(toProblem(updateFailed(failure(CASE_CLOSED, [{ action: 'escalate' }])))).toMatchObject({
      status: 409,
      extensions: { allowedActions: [] },
    });
    expect(
      toProblem(updateFailed(failure(ROLE_NOT_ALLOWED, [{ action: 'delist', role: 'officer', roles: ['supervisor'] }]))),
    ).toMatchObject({
      status: 403,
      extensions: { roles: ['supervisor'] },
    });
    expect(toProblem(updateFailed(failure(CASE_ITEM_NOT_FOUND, [{ approvalId: 'a9' }])))).toMatchObject({ status: 404 });
    expect(toProblem(updateFailed(failure(UNKNOWN_PROCEDURE_ACTION, [{ action: 'x' }])))).toMatchObject({
      status: 404,
      type: '/problems/unknown-action',
    });
    const invalid = toProblem(
      updateFailed(
        failure(INVALID_INPUT, [
          [
            { path: ['input', 'attendees', '0'], message: 'm' },
            { path: ['procedureId'], message: 'n' },
          ],
        ]),
      ),
    );
    expect((invalid as Problem).extensions['errors']).toEqual([
      { path: 'body.attendees.0', message: 'm' },
      { path: 'body.procedureId', message: 'n' },
    ]);
  });

  it('finds the typed cause of a case that could not be opened (update failure or workflow failure)', () => {
    const missing = failure(DEADLINE_CONFIGURATION, [{ missing: 'rectification/report in sector fire' }]);
    expect(toProblem(updateFailed(missing))).toMatchObject({
      status: 422,
      type: '/problems/deadline-configuration',
      extensions: { missing: [{ reason: 'rectification/report in sector fire' }] },
    });
    const workflowFailed = new WorkflowFailedError('Workflow execution failed', failure(CASE_NOT_OPENED, [], missing), 1 as never);
    expect(toProblem(workflowFailed)).toMatchObject({ status: 422, type: '/problems/deadline-configuration' });
  });

  it('never turns a programming error into a 4xx: unknown or internal types stay errors (500)', () => {
    for (const type of ['TypeError', 'RangeError', INTERNAL_ACTIVITY_ERROR, 'SomethingNew']) {
      const viaActivity = new ActivityFailure('activity failed', 'armDeadline', '1', 1 as never, 'worker', failure(type));
      for (const err of [updateFailed(failure(type)), updateFailed(viaActivity)]) {
        const mapped = toProblem(err);
        expect(mapped instanceof Problem && mapped.status < 500).toBe(false);
      }
    }
    // Not even when its message reads like a connection problem.
    expect(
      toProblem(
        updateFailed(failure(INTERNAL_ACTIVITY_ERROR, [], ApplicationFailure.create({ message: 'connect ECONNREFUSED 127.0.0.1:5432' }))),
      ),
    ).not.toBeInstanceOf(Problem);
    // A case that could not be opened for an unknown reason is a bug too.
    expect(toProblem(updateFailed(failure(CASE_NOT_OPENED, [], failure('TypeError'))))).not.toBeInstanceOf(Problem);
  });

  it('recognises a workflow task being retried (gRPC FAILED_PRECONDITION), and only that', () => {
    const grpc = (code: number, details: string) => Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
    expect(isWorkflowTaskRecovering(grpc(9, 'Workflow Task in failed state.'))).toBe(true);
    expect(isWorkflowTaskRecovering(new Error('wrapped', { cause: grpc(9, 'Workflow Task in failed state.') }))).toBe(true);
    // The task carrying the update failed (the run was continuing as new as it arrived): not accepted either.
    expect(isWorkflowTaskRecovering(grpc(9, 'Unable to perform workflow execution update due to unexpected workflow task failure.'))).toBe(
      true,
    );
    expect(isWorkflowTaskRecovering(grpc(9, 'something else'))).toBe(false);
    expect(isWorkflowTaskRecovering(grpc(5, 'Workflow Task in failed state.'))).toBe(false);
  });
});
