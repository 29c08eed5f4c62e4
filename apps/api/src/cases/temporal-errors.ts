import {
  ACTION_NOT_ALLOWED,
  type ActionRefusal,
  DATABASE_UNAVAILABLE,
  DEADLINE_CONFIGURATION,
  INVALID_INPUT,
  PROJECTION_REJECTED,
} from '@anjian/contracts';
import {
  ApplicationFailure,
  isGrpcDeadlineError,
  isGrpcServiceError,
  TemporalFailure,
  WorkflowNotFoundError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ACTION_NOT_APPLIED, Problem, type FieldIssue } from '../http/problem';

/**
 * The failure types the workflows throw on purpose, each with the HTTP answer it means. Only these
 * become 4xx/503: any other failure (INTERNAL_ACTIVITY_ERROR, a TypeError, an unknown type) is a bug
 * and stays a 500. CASE_NOT_OPENED (the workflow could not open the case) is not itself mapped: the
 * typed cause it carries (e.g. DEADLINE_CONFIGURATION) is.
 */
export const NOT_READY = 'NotReady';
const KNOWN_TYPES = new Set([
  ACTION_NOT_ALLOWED,
  INVALID_INPUT,
  DEADLINE_CONFIGURATION,
  PROJECTION_REJECTED,
  DATABASE_UNAVAILABLE,
  NOT_READY,
]);

/** The first ApplicationFailure of a known type in the cause chain (update failure → activity failure → …). */
export function typedFailure(err: unknown): ApplicationFailure | null {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 6; e = (e as Error).cause, depth++) {
    if (e instanceof ApplicationFailure && e.type && KNOWN_TYPES.has(e.type)) return e;
  }
  return null;
}

/** The 4xx a known, typed workflow failure means. */
export function typedProblem(failure: ApplicationFailure): Problem {
  switch (failure.type) {
    case ACTION_NOT_ALLOWED: {
      const refusal = failure.details?.[0] as ActionRefusal;
      return new Problem(409, 'Action not allowed in the current step', failure.message, { ...refusal }, '/problems/action-not-allowed');
    }
    case INVALID_INPUT: {
      const issues = ((failure.details?.[0] as { path: string[]; message: string }[] | undefined) ?? []).map<FieldIssue>((i) => ({
        path: ['body', ...i.path.slice(1)].join('.'),
        message: i.message,
      }));
      return new Problem(400, 'Invalid request', failure.message, { errors: issues }, '/problems/validation');
    }
    case DEADLINE_CONFIGURATION: {
      const detail = failure.details?.[0] as { missing?: unknown } | undefined;
      const reason = typeof detail?.missing === 'string' ? detail.missing : failure.message;
      return new Problem(
        422,
        'No deadline can be computed',
        failure.message,
        { missing: [{ reason }] },
        '/problems/deadline-configuration',
      );
    }
    case PROJECTION_REJECTED:
      return new Problem(
        422,
        'The data cannot be stored',
        `${failure.message}; the case was left as it was`,
        {},
        '/problems/projection-rejected',
      );
    case DATABASE_UNAVAILABLE:
      return new Problem(
        503,
        'Service Unavailable',
        `PostgreSQL did not answer the worker in time (${failure.message}); the action had no effect, retry later`,
        { down: ['postgres'], applied: false },
        ACTION_NOT_APPLIED,
      ).withHeaders({ 'Retry-After': '5' });
    default:
      return new Problem(409, 'Case not ready', failure.message, {}, '/problems/case-not-ready');
  }
}

/** Whether Temporal did not answer in time or could not be reached (vs. answered with a failure). */
export function isTemporalTimeoutOrUnavailable(err: unknown): boolean {
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isGrpcDeadlineError(err)) return true;
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 6; e = (e as Error).cause, depth++) {
    if (e instanceof TemporalFailure) return false; // Temporal answered (with a failure), whatever its message says
    if (isGrpcServiceError(e) && [1, 4, 14].includes(e.code)) return true; // CANCELLED, DEADLINE_EXCEEDED, UNAVAILABLE
    if (/UNAVAILABLE|ECONNREFUSED|deadline exceeded|Failed to connect|No connection established/i.test(e.message)) return true;
  }
  return false;
}

/** gRPC FAILED_PRECONDITION "Workflow Task in failed state": the server retries the task; answer later. */
export function isWorkflowTaskRecovering(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 6; e = (e as Error).cause, depth++) {
    if (isGrpcServiceError(e) && e.code === 9 && /workflow task in failed state/i.test(e.details ?? e.message)) return true;
  }
  return false;
}

/**
 * Turns what Temporal answered into the API's problems: known typed failures → 4xx, a missing
 * workflow → 404, no answer → 503. Anything else is returned as is and becomes a logged 500.
 * (CaseTemporal says more precisely what timed out; this is for callers without a deadline probe.)
 */
export function toProblem(err: unknown): unknown {
  const failure = typedFailure(err);
  if (failure) return typedProblem(failure);
  if (err instanceof WorkflowNotFoundError) return new Problem(404, 'Not Found', 'no running process for this case');
  if (isTemporalTimeoutOrUnavailable(err)) {
    return new Problem(
      503,
      'Service Unavailable',
      'Temporal did not answer in time',
      { down: ['temporal'] },
      '/problems/temporal-unavailable',
    ).withHeaders({ 'Retry-After': '10' });
  }
  return err;
}
