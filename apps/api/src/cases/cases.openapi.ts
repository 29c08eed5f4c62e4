import { z } from 'zod';
import { PolicyResolutionSchema } from '../deadlines/deadline.schemas';
import { IdempotencyHeaders } from '../idempotency/idempotency-key.schema';
import { problemResponses } from '../openapi/problem.schema';
import { MACHINES } from '@anjian/domain';
import { ACTOR_HEADERS, registry } from '../openapi/registry';
import { CaseDetailSchema } from './procedures/case-detail.schema';
import { actionSchema } from './procedures/procedures.openapi';
import { CaseEventSchema, CaseIdParams, IntegritySchema, OpenCaseBody, RecordVerificationBody, SubmitReportBody } from './case.schemas';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

/** The old routes' bodies: the legacy schema, or the rectification machine's action (cases of the case workflow). */
const aliasBody = (legacy: z.ZodType, action: string): z.ZodType => {
  const spec = MACHINES.rectification?.actions[action];
  return spec ? z.union([actionSchema('rectification', spec), legacy]) : legacy;
};

registry.registerPath({
  method: 'post',
  path: '/cases',
  summary: 'Open a case: starts its case workflow and the first procedure (default: a rectification order 责令限期整改)',
  tags: ['cases'],
  request: {
    headers: IdempotencyHeaders,
    body: { content: { 'application/json': { schema: OpenCaseBody } } },
  },
  parameters: ACTOR_HEADERS,
  responses: {
    201: json(
      CaseDetailSchema,
      'Case opened, first procedure started (default: rectification order issued), deadline armed (a replay with the same Idempotency-Key repeats it with Idempotent-Replayed: true)',
    ),
    200: json(CaseDetailSchema, 'Same Idempotency-Key after its answer was forgotten: the existing case (also when closed)'),
    ...problemResponses(400, 403, 404, 409, 422, 503),
  },
});

registry.registerPath({
  method: 'get',
  path: '/cases/{id}',
  summary:
    "A case with every procedure: steps, armed deadlines (basis, time left), suspensions, pending approvals, the caller's actions, Temporal Web UI links",
  tags: ['cases'],
  request: { params: CaseIdParams },
  parameters: ACTOR_HEADERS,
  responses: { 200: json(CaseDetailSchema, 'The case'), ...problemResponses(400, 404) },
});

registry.registerPath({
  method: 'get',
  path: '/cases/{id}/events',
  summary: "A case's append-only, hash-chained event log",
  tags: ['cases'],
  request: { params: CaseIdParams },
  parameters: ACTOR_HEADERS,
  responses: { 200: json(z.array(CaseEventSchema), 'Events in order'), ...problemResponses(400, 404) },
});

registry.registerPath({
  method: 'get',
  path: '/cases/{id}/integrity',
  summary: "Re-verifies the case's event hash chain",
  tags: ['cases'],
  request: { params: CaseIdParams },
  parameters: ACTOR_HEADERS,
  responses: { 200: json(IntegritySchema, 'Whether the chain is intact, and where it breaks'), ...problemResponses(400, 404) },
});

registry.registerPath({
  method: 'post',
  path: '/cases/{id}/report',
  summary: "Record the enterprise's rectification report (整改报告)",
  tags: ['cases'],
  description:
    'Alias of the rectification procedure’s submit_report (its schema on a case opened by the case workflow); a legacy case (workflow case-<id>-rectification) takes the legacy SubmitReport.',
  request: {
    params: CaseIdParams,
    headers: IdempotencyHeaders,
    body: { content: { 'application/json': { schema: aliasBody(SubmitReportBody, 'submit_report') } } },
  },
  parameters: ACTOR_HEADERS,
  responses: { 200: json(CaseDetailSchema, 'Report recorded; re-check deadline armed'), ...problemResponses(400, 403, 404, 409, 422, 503) },
});

registry.registerPath({
  method: 'post',
  path: '/cases/{id}/verification',
  summary: 'Record the signed re-check result (复查); passing closes the case',
  tags: ['cases'],
  request: {
    params: CaseIdParams,
    headers: IdempotencyHeaders,
    body: { content: { 'application/json': { schema: aliasBody(RecordVerificationBody, 'record_recheck') } } },
  },
  parameters: ACTOR_HEADERS,
  responses: { 200: json(CaseDetailSchema, 'Result recorded'), ...problemResponses(400, 403, 404, 409, 422, 503) },
});

registry.registerPath({
  method: 'get',
  path: '/cases/{id}/policy',
  summary: "Which rule of the case's pinned policy version governs each timed step, and why",
  tags: ['cases'],
  request: { params: CaseIdParams },
  parameters: ACTOR_HEADERS,
  responses: {
    200: json(
      z
        .object({
          caseId: z.uuid(),
          policyVersion: z.number().int().nullable(),
          currentStep: z.string(),
          steps: z.array(PolicyResolutionSchema),
        })
        .meta({ id: 'CasePolicy' }),
      'Resolution per timed step',
    ),
    ...problemResponses(400, 403, 404),
  },
});
