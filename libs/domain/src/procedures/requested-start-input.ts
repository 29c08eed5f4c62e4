import { z } from 'zod';
import type { ProcedureId } from '../catalog/procedure';
import { CriminalTransferStartFields, offenceGoesWithFacts } from './criminal-transfer/criminal-transfer.actions';
import { ListedSupervisionStartInput } from './listed-supervision/listed-supervision.actions';
import { MACHINES } from './machines';
import { RectificationStartInput } from './rectification/rectification.actions';

const BY_POLICY = 'set by the policy in force (现行策略, the procedure links pinned on the case), not by the request';

/**
 * Start-input fields that are the workflow's own: on every start the case workflow sets them from the
 * pinned procedure links or the case (`linkedStartInput`), whatever a request says — a rectification's
 * failure thresholds, whether a transfer pauses the administrative track, the jurisdiction a listing is
 * delisted by. A request that sends one is refused (400 naming the field) instead of being silently
 * overridden, and the request schemas the API publishes leave them out. Each maps to why.
 */
export const WORKFLOW_SET_START_FIELDS: { readonly [P in ProcedureId]?: Readonly<Record<string, string>> } = {
  rectification: { escalations: BY_POLICY },
  criminal_transfer: { pauseAdministrative: BY_POLICY },
  listed_supervision: { caseJurisdiction: "the case's own jurisdiction (案件所属行政区划), not set by the request" },
};

export interface StartInputIssue {
  path: string[];
  message: string;
}

/** The workflow's own fields a request's start input sends (one issue each, path relative to the input). */
export function workflowSetStartFieldIssues(procedure: ProcedureId, input: unknown): StartInputIssue[] {
  const fields = WORKFLOW_SET_START_FIELDS[procedure];
  if (!fields || typeof input !== 'object' || input === null || Array.isArray(input)) return [];
  return Object.keys(fields)
    .filter((field) => Object.prototype.hasOwnProperty.call(input, field))
    .map((field) => ({ path: [field], message: fields[field]! }));
}

/**
 * Per procedure with fields of its own, the machine's start input without them (the spec checks they are
 * exactly WORKFLOW_SET_START_FIELDS). Built from the same parts as the machine's schema: zod cannot omit
 * from an object with a refinement, so the transfer's rule across fields is applied again.
 */
const WITHOUT_OWN_FIELDS: { readonly [P in ProcedureId]?: () => z.ZodType } = {
  rectification: () => RectificationStartInput.omit({ escalations: true }),
  criminal_transfer: () => CriminalTransferStartFields.omit({ pauseAdministrative: true }).superRefine(offenceGoesWithFacts),
  listed_supervision: () => ListedSupervisionStartInput.omit({ caseJurisdiction: true }),
};

const requested = new Map<ProcedureId, z.ZodType>();

/**
 * The start input a request may send: the machine's own (strict) schema without the workflow's fields.
 * The API validates requests with it and publishes it (`Start_<procedure>`); the workflow completes the
 * input with its own fields and validates it with the machine's full schema.
 */
export function requestedStartInput(procedure: ProcedureId): z.ZodType {
  let schema = requested.get(procedure);
  if (!schema) {
    schema = WITHOUT_OWN_FIELDS[procedure]?.() ?? MACHINES[procedure].startInput;
    requested.set(procedure, schema);
  }
  return schema;
}
