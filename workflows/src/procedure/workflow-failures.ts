import { ActivityFailure, ApplicationFailure, TimeoutFailure } from '@temporalio/workflow';
import {
  ACTION_NOT_ALLOWED,
  type ActionRefusal,
  DATABASE_UNAVAILABLE,
  INTERNAL_ACTIVITY_ERROR,
  INVALID_INPUT,
  JURISDICTION_NOT_ALLOWED,
  ROLE_NOT_ALLOWED,
  UNKNOWN_PROCEDURE_ACTION,
} from '@anjian/contracts';
import {
  ActionJurisdictionNotAllowedError,
  ActionRoleNotAllowedError,
  InvalidProcedureInputError,
  ProcedureActionNotAllowedError,
  UnexpectedProcedureInputError,
  UnknownProcedureActionError,
} from '@anjian/domain/src/procedures/procedure-machine';
import { ZodError } from 'zod';

/**
 * Typed, non-retryable failures for the case and procedure workflows (same mapping as the legacy
 * rectification workflow): an activity's failure or a machine's refusal becomes the ApplicationFailure
 * the API turns into its answer; nothing else may escape an update handler (it would fail the
 * workflow task instead of the update).
 */

/** An activity's failure as the typed failure an update (or the start) ends with. */
export function typedFailure(err: unknown): unknown {
  if (!(err instanceof ActivityFailure)) return err;
  const cause = err.cause;
  if (cause instanceof ApplicationFailure) {
    return ApplicationFailure.create({
      type: cause.type ?? INTERNAL_ACTIVITY_ERROR,
      message: cause.message,
      details: cause.details ? [...cause.details] : undefined,
      nonRetryable: true,
    });
  }
  if (cause instanceof TimeoutFailure) {
    return ApplicationFailure.create({
      type: DATABASE_UNAVAILABLE,
      message: `${err.activityType} did not finish in time (${cause.timeoutType ?? 'timeout'}): PostgreSQL did not answer`,
      details: [{ activity: err.activityType }],
      nonRetryable: true,
    });
  }
  return ApplicationFailure.create({ type: INTERNAL_ACTIVITY_ERROR, message: err.message, nonRetryable: true });
}

/** Inside an update, an activity's failure must fail the update, not the workflow task. */
export async function orRefuse<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    throw typedFailure(err);
  }
}

export function refusal(type: string, message: string, details: unknown): ApplicationFailure {
  return ApplicationFailure.create({ type, message, details: [details], nonRetryable: true });
}

export function invalidInput(issues: { path: string[]; message: string }[], message = 'invalid input'): ApplicationFailure {
  return refusal(INVALID_INPUT, message, issues);
}

/** zod issues with their field paths, under `prefix` (e.g. ['input'] for an action's input). */
export function zodIssues(err: ZodError, prefix: string[] = []): { path: string[]; message: string }[] {
  return err.issues.map((i) => ({ path: [...prefix, ...i.path.map(String)], message: i.message }));
}

export function notAllowed(details: ActionRefusal, message?: string): ApplicationFailure {
  return refusal(ACTION_NOT_ALLOWED, message ?? `"${details.action}" is not allowed in step "${details.currentStep}"`, details);
}

/**
 * A machine's refusal (thrown by the pure machine) as the typed failure; a plain Error (a bug) fails
 * the update with its message rather than blocking the workflow.
 */
export function machineFailure(err: unknown, currentStep: string, inputPrefix: string[] = ['input']): ApplicationFailure {
  if (err instanceof ApplicationFailure) return err;
  if (err instanceof ZodError) return invalidInput(zodIssues(err, inputPrefix));
  if (err instanceof InvalidProcedureInputError) {
    return invalidInput(err.issues.map((i) => ({ path: [...inputPrefix, ...(i.path ? i.path.split('.') : [])], message: i.message })));
  }
  if (err instanceof ActionJurisdictionNotAllowedError) {
    return refusal(JURISDICTION_NOT_ALLOWED, err.message, { action: err.action, jurisdiction: err.jurisdiction, required: err.required });
  }
  if (err instanceof ProcedureActionNotAllowedError) return notAllowed(err.details, err.message);
  if (err instanceof ActionRoleNotAllowedError) {
    return refusal(ROLE_NOT_ALLOWED, err.message, { action: err.action, role: err.role, roles: [...err.roles], currentStep });
  }
  if (err instanceof UnknownProcedureActionError)
    return refusal(UNKNOWN_PROCEDURE_ACTION, err.message, { action: err.action, currentStep });
  if (err instanceof UnexpectedProcedureInputError) return refusal('UnexpectedProcedureInput', err.message, { currentStep });
  const message = err instanceof Error ? err.message : String(err);
  return ApplicationFailure.create({ type: 'ProcedureMachineError', message, nonRetryable: true });
}
