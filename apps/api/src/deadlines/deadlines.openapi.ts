import { Procedure, Sector } from '@anjian/domain';
import { z } from 'zod';
import { problemResponses } from '../openapi/problem.schema';
import { ACTOR_HEADERS, registry } from '../openapi/registry';
import { CalculateDeadlineBody, DeadlineCalculationSchema, PolicyResolutionSchema, ResolvePolicyQuery } from './deadline.schemas';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

registry.registerPath({
  method: 'post',
  path: '/deadlines/calculate',
  summary: 'Deadline calculator (期限计算): a procedure step under a policy version, or a plain period',
  description:
    'Give either `sector`, `procedure`, `step` (and optionally `grade`, `policyVersion`) to use the policy, or `duration` to count a period directly. ' +
    "`jurisdiction` defaults to the caller's. The answer explains the rule, the policy resolution, the calendar and each day that moved the end.",
  tags: ['deadlines'],
  request: { body: { content: { 'application/json': { schema: CalculateDeadlineBody } } } },
  parameters: ACTOR_HEADERS,
  responses: { 200: json(DeadlineCalculationSchema, 'The deadline with its explanation'), ...problemResponses(400, 403, 422) },
});

registry.registerPath({
  method: 'get',
  path: '/policies/resolve',
  summary: 'Which policy rule applies to a step, and why',
  tags: ['deadlines'],
  request: { query: ResolvePolicyQuery },
  parameters: ACTOR_HEADERS,
  responses: {
    200: json(PolicyResolutionSchema, 'The chosen rule (or none) with every candidate and its verdict'),
    ...problemResponses(400, 403, 422),
  },
});

registry.registerPath({
  method: 'get',
  path: '/catalog/sectors',
  summary: 'Sector catalog (行业领域)',
  tags: ['catalog'],
  responses: { 200: json(z.array(Sector.meta({ id: 'Sector' })), 'All sectors') },
});

registry.registerPath({
  method: 'get',
  path: '/catalog/procedures',
  summary: 'Procedure catalog with ordered steps; timed steps carry deadlines',
  tags: ['catalog'],
  responses: { 200: json(z.array(Procedure.meta({ id: 'Procedure' })), 'All procedures') },
});
