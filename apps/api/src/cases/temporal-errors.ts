import { ACTION_NOT_ALLOWED, type ActionRefusal, DEADLINE_CONFIGURATION, INVALID_INPUT } from '@anjian/contracts';
import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { Problem, type FieldIssue } from '../http/problem';

function isUnavailable(err: unknown): boolean {
  const msg = (err as Error)?.message ?? '';
  return /UNAVAILABLE|ECONNREFUSED|deadline exceeded|Failed to connect|transport/i.test(msg);
}

/** Turns what Temporal answered into the API's problems: 409 refusal, 400 input, 404, 503. */
export function toProblem(err: unknown): unknown {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const failure = err.cause;
    if (failure.type === ACTION_NOT_ALLOWED) {
      const refusal = failure.details?.[0] as ActionRefusal;
      return new Problem(409, 'Action not allowed in the current step', failure.message, { ...refusal }, '/problems/action-not-allowed');
    }
    if (failure.type === INVALID_INPUT) {
      const issues = (failure.details?.[0] as { path: string[]; message: string }[]).map<FieldIssue>((i) => ({
        path: ['body', ...i.path.slice(1)].join('.'),
        message: i.message,
      }));
      return new Problem(400, 'Invalid request', failure.message, { errors: issues }, '/problems/validation');
    }
    if (failure.type === DEADLINE_CONFIGURATION) {
      return new Problem(422, 'No deadline can be computed', failure.message, {}, '/problems/deadline-configuration');
    }
    if (failure.type === 'NotReady') return new Problem(409, 'Case not ready', failure.message);
  }
  if (err instanceof WorkflowNotFoundError) return new Problem(404, 'Not Found', 'no running process for this case');
  if (isUnavailable(err)) return new Problem(503, 'Service Unavailable', 'Temporal is not reachable', { down: ['temporal'] });
  return err;
}
