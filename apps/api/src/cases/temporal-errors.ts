import {
  ACTION_NOT_ALLOWED,
  type ActionRefusal,
  APPROVAL_PENDING,
  CASE_CLOSED,
  CASE_ITEM_NOT_FOUND,
  DATABASE_UNAVAILABLE,
  DEADLINE_CONFIGURATION,
  INVALID_INPUT,
  JURISDICTION_NOT_ALLOWED,
  PROCEDURE_CATCHING_UP,
  PROCEDURE_ENDED,
  PROCEDURE_NOT_STARTABLE,
  PROCEDURE_SUSPENDED,
  PROJECTION_REJECTED,
  ROLE_NOT_ALLOWED,
  UNKNOWN_PROCEDURE_ACTION,
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
import { notStartableProblem } from './procedures/startable-procedures';

/**
 * The failure types the workflows throw on purpose, each with the HTTP answer it means. Only these
 * become 4xx/503: any other failure (INTERNAL_ACTIVITY_ERROR, a TypeError, an unknown type) is a bug
 * and stays a 500. CASE_NOT_OPENED (the workflow could not open the case) is not itself mapped: the
 * typed cause it carries (e.g. DEADLINE_CONFIGURATION) is.
 */
export const NOT_READY = 'NotReady';
/** The case workflow's refusal of resume for a procedure that is not suspended (details as ActionRefusal). */
export const PROCEDURE_NOT_SUSPENDED = 'ProcedureNotSuspended';
/** Refusals whose details say the current step and what is allowed (409 action-not-allowed). */
const STEP_REFUSALS = new Set([ACTION_NOT_ALLOWED, PROCEDURE_ENDED, PROCEDURE_SUSPENDED, PROCEDURE_NOT_SUSPENDED, CASE_CLOSED]);
const KNOWN_TYPES = new Set([
  ...STEP_REFUSALS,
  APPROVAL_PENDING,
  INVALID_INPUT,
  DEADLINE_CONFIGURATION,
  PROJECTION_REJECTED,
  DATABASE_UNAVAILABLE,
  NOT_READY,
  PROCEDURE_CATCHING_UP,
  PROCEDURE_NOT_STARTABLE,
  ROLE_NOT_ALLOWED,
  JURISDICTION_NOT_ALLOWED,
  CASE_ITEM_NOT_FOUND,
  UNKNOWN_PROCEDURE_ACTION,
]);

/**
 * A workflow's issue path as the request's field path. `inputAt` is where the request carries the
 * input the workflow calls `input`: an action's input sits at the body's root (the default); a
 * procedure's start input under `body.input` (POST /cases/{id}/procedures, or POST /cases for any
 * first procedure but the rectification order, whose fields sit at the root).
 */
function bodyPath(path: unknown, inputAt: string): string {
  const parts = Array.isArray(path) ? path.map(String) : typeof path === 'string' && path ? path.split('.') : [];
  return parts[0] === 'input' ? [inputAt, ...parts.slice(1)].join('.') : ['body', ...parts].join('.');
}

/** The first ApplicationFailure of a known type in the cause chain (update failure → activity failure → …). */
export function typedFailure(err: unknown): ApplicationFailure | null {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 6; e = (e as Error).cause, depth++) {
    if (e instanceof ApplicationFailure && e.type && KNOWN_TYPES.has(e.type)) return e;
  }
  return null;
}

/** The 4xx a known, typed workflow failure means. */
export function typedProblem(failure: ApplicationFailure, inputAt = 'body'): Problem {
  if (failure.type && STEP_REFUSALS.has(failure.type)) {
    const refusal = (failure.details?.[0] ?? {}) as Partial<ActionRefusal>;
    return new Problem(
      409,
      'Action not allowed in the current step',
      failure.message,
      { ...refusal, allowedActions: refusal.allowedActions ?? [], reason: failure.type },
      '/problems/action-not-allowed',
    );
  }
  switch (failure.type) {
    // A second suspension/extension request while one awaits its decision: 409 naming the pending approval.
    case APPROVAL_PENDING: {
      const pending = (failure.details?.[0] ?? {}) as Record<string, unknown>;
      return new Problem(
        409,
        'A request already awaits approval',
        failure.message,
        { ...pending, reason: APPROVAL_PENDING },
        '/problems/approval-pending',
      );
    }
    case ROLE_NOT_ALLOWED:
    case JURISDICTION_NOT_ALLOWED:
      return new Problem(403, 'Forbidden', failure.message, { ...(failure.details?.[0] as object) }, '/problems/forbidden');
    case CASE_ITEM_NOT_FOUND:
      return new Problem(404, 'Not Found', failure.message, { ...(failure.details?.[0] as object) });
    case UNKNOWN_PROCEDURE_ACTION:
      return new Problem(404, 'Not Found', failure.message, { ...(failure.details?.[0] as object) }, '/problems/unknown-action');
    case INVALID_INPUT: {
      const issues = ((failure.details?.[0] as { path: unknown; message: string }[] | undefined) ?? []).map<FieldIssue>((i) => ({
        path: bodyPath(i.path, inputAt),
        message: i.message,
      }));
      // The workflow's generic message says nothing a person can act on: the issues themselves do.
      const detail =
        failure.message === 'invalid input' && issues.length > 0
          ? issues.map((i) => `${i.path}: ${i.message}`).join('; ')
          : failure.message;
      return new Problem(400, 'Invalid request', detail, { errors: issues }, '/problems/validation');
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
    case PROCEDURE_NOT_STARTABLE: {
      // The case's pinned links refused it (the API's early check used the links in force).
      const d = (failure.details?.[0] ?? {}) as { procedure?: string; allowedProcedures?: string[] };
      return notStartableProblem(d.procedure ?? '', d.allowedProcedures ?? [], failure.message);
    }
    case PROCEDURE_CATCHING_UP:
      // Only after the API asked again for a while (case-commands.use-case.ts): a report is late.
      return new Problem(
        503,
        'Service Unavailable',
        `${failure.message}; nothing was changed, retry shortly`,
        { applied: false },
        ACTION_NOT_APPLIED,
      ).withHeaders({ 'Retry-After': '1' });
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

/**
 * gRPC FAILED_PRECONDITION when the workflow task failed: "Workflow Task in failed state" (the server
 * retries the task), or "unexpected workflow task failure" (the task that carried this update failed,
 * e.g. the run was completing with continue-as-new as the update arrived: UnhandledCommand). Either
 * way the update was not accepted; answer later.
 */
export function isWorkflowTaskRecovering(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 6; e = (e as Error).cause, depth++) {
    if (
      isGrpcServiceError(e) &&
      e.code === 9 &&
      /workflow task in failed state|unexpected workflow task failure/i.test(e.details ?? e.message)
    )
      return true;
  }
  return false;
}

/**
 * Turns what Temporal answered into the API's problems: known typed failures → 4xx, a missing
 * workflow → 404, no answer → 503. Anything else is returned as is and becomes a logged 500.
 * (CaseTemporal says more precisely what timed out; this is for callers without a deadline probe.)
 */
export function toProblem(err: unknown, inputAt?: string): unknown {
  const failure = typedFailure(err);
  if (failure) return typedProblem(failure, inputAt);
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
