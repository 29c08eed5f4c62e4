import { IdempotencyHeaders } from '../idempotency/idempotency-key.schema';
import { problemResponses } from '../openapi/problem.schema';
import { registry } from '../openapi/registry';
import { BulkReassignBody, BulkReassignmentSchema, CaseIdParams, ReassignBody, ReassignmentResultSchema } from './reassignment.schemas';

registry.registerPath({
  method: 'post',
  path: '/cases/reassignments',
  summary: 'Reassign many cases (改派) to one officer, with a reason; one result per case',
  description:
    "Each case: reassigned; not_found (no such case, or out of the caller's reach: the same answer); refused with why (closed, role, an assignee who cannot act on it); failed (Temporal did not answer: retry). List each case once: a repeated id (also in other letter case) is a 400 naming each later occurrence (`body.caseIds.<i>`), and nothing is reassigned.",
  tags: ['reassignment'],
  request: { headers: IdempotencyHeaders, body: { content: { 'application/json': { schema: BulkReassignBody } } } },
  responses: {
    200: { description: 'Per-case results', content: { 'application/json': { schema: BulkReassignmentSchema } } },
    ...problemResponses(400, 401),
  },
});

registry.registerPath({
  method: 'post',
  path: '/cases/{id}/reassignment',
  summary: 'Reassign one case (改派), with a reason',
  tags: ['reassignment'],
  request: { params: CaseIdParams, headers: IdempotencyHeaders, body: { content: { 'application/json': { schema: ReassignBody } } } },
  responses: {
    200: { description: 'Reassigned', content: { 'application/json': { schema: ReassignmentResultSchema } } },
    ...problemResponses(400, 401, 403, 404, 409),
  },
});
