import { type ProcedureId, requestedStartInput, workflowSetStartFieldIssues } from '@anjian/domain';
import { validationProblem } from '../../http/problem';
import { parseAt } from './parse-at';

/**
 * A start input as a request sends it (POST /cases' first procedure, POST /cases/{id}/procedures): the
 * workflow's own fields (a rectification's `escalations`, a listing's `caseJurisdiction`, a transfer's
 * `pauseAdministrative`) are refused naming each, then the rest is validated by the machine's schema
 * without them. The case workflow adds its own fields before the machine sees the input.
 */
export function parseStartInput(procedure: ProcedureId, raw: unknown, at: string): Record<string, unknown> {
  const own = workflowSetStartFieldIssues(procedure, raw);
  if (own.length > 0)
    throw validationProblem(
      at.split('.')[0]!,
      own.map((i) => ({ path: [at, ...i.path].join('.'), message: i.message })),
    );
  return parseAt(requestedStartInput(procedure), raw, at) as Record<string, unknown>;
}
