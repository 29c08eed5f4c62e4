import { type ActionSpec, MACHINES, type ProcedureId, requestedStartInput } from '@anjian/domain';
import { z } from 'zod';
import { IdempotencyHeaders } from '../../idempotency/idempotency-key.schema';
import { problemResponses } from '../../openapi/problem.schema';
import { ACTOR_HEADERS, registry } from '../../openapi/registry';
import { CaseIdParams } from '../case.schemas';
import { CaseDetailSchema, StartedProcedureSchema } from './case-detail.schema';
import { LEGACY_ACTIONS } from './legacy-rectification';
import {
  ApprovalDecisionBody,
  ApprovalParams,
  EscalationBody,
  ExtensionRequestBody,
  ProcedureInstanceId,
  ProcedureParams,
  ReasonBody,
  StartProcedureBody,
} from './procedure.schemas';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const pascal = (s: string) => s.replace(/(^|_)([a-z])/g, (_m, _u, c: string) => c.toUpperCase());

/**
 * One path per action name (the console renders any step's form from its path's body schema). An
 * action name several procedures share gets a oneOf of their schemas, each a component named
 * `<Procedure>_<action>` whose title says which procedure it belongs to.
 */
function actionsByName(): Map<string, Array<{ procedure: string; spec: ActionSpec }>> {
  const byName = new Map<string, Array<{ procedure: string; spec: ActionSpec }>>();
  for (const [procedure, machine] of Object.entries(MACHINES)) {
    for (const spec of Object.values(machine?.actions ?? {})) {
      byName.set(spec.name, [...(byName.get(spec.name) ?? []), { procedure, spec }]);
    }
  }
  return byName;
}

const documented = new Map<string, z.ZodType>();

/** An action's input as a named component (one instance per action, so every path refers to the same one). */
export function actionSchema(procedure: string, spec: ActionSpec): z.ZodType {
  const id = `${pascal(procedure)}_${spec.name}`;
  if (!documented.has(id)) {
    documented.set(
      id,
      spec.input.meta({
        id,
        title: `${procedure}: ${spec.nameEn} (${spec.nameZh})`,
        description: `${spec.nameZh} ${spec.nameEn} — roles: ${spec.roles.join(', ')}; completes step(s) ${spec.steps.join(', ')}`,
      }),
    );
  }
  return documented.get(id)!;
}

for (const [name, owners] of actionsByName()) {
  const schemas = owners.map((o) => actionSchema(o.procedure, o.spec));
  const body = schemas.length === 1 ? schemas[0]! : z.union(schemas as [z.ZodType, z.ZodType, ...z.ZodType[]]);
  const first = owners[0]!.spec;
  const legacyNote = (LEGACY_ACTIONS as readonly string[]).includes(name)
    ? " On a legacy case (workflow `case-<id>-rectification`) use procedureId 'rectification'."
    : '';
  // Several procedures' schemas: anyOf, each branch a component titled with its procedure.
  registry.registerPath({
    method: 'post',
    path: `/cases/{id}/procedures/{procedureId}/actions/${name}`,
    operationId: `action_${name}`,
    summary: `${first.nameEn} (${first.nameZh})`,
    description: `Procedures with this action: ${owners.map((o) => o.procedure).join(', ')}. Roles: ${[...new Set(owners.flatMap((o) => o.spec.roles))].join(', ')}. Sent as the update \`act\` to the procedure's workflow; the Idempotency-Key makes a retry answer the first outcome.${legacyNote}`,
    tags: ['procedures'],
    request: {
      params: ProcedureParams,
      headers: IdempotencyHeaders,
      body: { content: { 'application/json': { schema: body } } },
    },
    parameters: ACTOR_HEADERS,
    responses: {
      200: json(CaseDetailSchema, 'Action recorded: the case as the caller sees it now'),
      ...problemResponses(400, 403, 404, 409, 422, 503),
    },
  });
}

/**
 * StartProcedure in document form: one branch per procedure, with its start input's schema as a request
 * may send it — without the workflow's own fields (WORKFLOW_SET_START_FIELDS), which are refused.
 */
const startBranches = (Object.keys(MACHINES) as ProcedureId[]).map((procedure) =>
  z
    .object({
      procedure: z.literal(procedure),
      reason: StartProcedureBody.shape.reason,
      input: requestedStartInput(procedure).meta({ id: `Start_${procedure}` }),
    })
    .strict(),
);
const startDocument =
  startBranches.length >= 2
    ? z.union(startBranches as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]]).meta({ id: 'StartProcedureByKind' })
    : StartProcedureBody;

registry.registerPath({
  method: 'post',
  path: '/cases/{id}/procedures',
  summary: 'Start another procedure on the case, where the pinned procedure links allow it',
  description: 'Refused with 409 when the links in force on this case do not allow it; the problem says what is allowed.',
  tags: ['procedures'],
  request: { params: CaseIdParams, headers: IdempotencyHeaders, body: { content: { 'application/json': { schema: startDocument } } } },
  parameters: ACTOR_HEADERS,
  responses: {
    201: json(StartedProcedureSchema, 'Procedure started (startedProcedureId names it)'),
    ...problemResponses(400, 403, 404, 409, 422, 503),
  },
});

registry.registerPath({
  method: 'post',
  path: '/cases/{id}/approvals/{approvalId}/decision',
  summary: 'Approve or return an approval waiting in the case workflow (closure, transfer, extension, listing level, suspension)',
  tags: ['procedures'],
  request: {
    params: ApprovalParams,
    headers: IdempotencyHeaders,
    body: { content: { 'application/json': { schema: ApprovalDecisionBody } } },
  },
  parameters: ACTOR_HEADERS,
  responses: { 200: json(CaseDetailSchema, 'Decision recorded'), ...problemResponses(400, 403, 404, 409, 422, 503) },
});

const procedureCommand = (path: string, summary: string, schema: z.ZodType) =>
  registry.registerPath({
    method: 'post',
    path: `/cases/{id}/procedures/{procedureId}/${path}`,
    summary,
    tags: ['procedures'],
    request: { params: ProcedureParams, headers: IdempotencyHeaders, body: { content: { 'application/json': { schema } } } },
    parameters: ACTOR_HEADERS,
    responses: {
      200: json(CaseDetailSchema, 'Request recorded; an approval waits for the supervisor where one is needed'),
      ...problemResponses(400, 403, 404, 409, 422, 503),
    },
  });

procedureCommand(
  'extension',
  'Request an extension (延期) of a step’s deadline, with a reason; a supervisor approves',
  ExtensionRequestBody,
);
procedureCommand('suspension', 'Request suspension (中止) of the procedure’s clock, with a reason; a supervisor approves', ReasonBody);
procedureCommand(
  'escalation',
  'Escalate now (supervisor, agency head): take the next rung of the ladder (or the one named) instead of waiting for its offset',
  EscalationBody,
);
procedureCommand('resumption', 'Resume a suspended procedure: its clock runs on with the time that was left', ReasonBody);

void ProcedureInstanceId;
