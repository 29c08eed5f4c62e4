import { problemResponses } from '../openapi/problem.schema';
import { registry } from '../openapi/registry';
import { WorklistPageSchema, WorklistQuery } from './worklist.schemas';

registry.registerPath({
  method: 'get',
  path: '/cases',
  summary: 'Worklist (我的待办): my cases, due soon, overdue, by procedure and step; most urgent deadline first',
  description:
    "Open cases in the caller's reach (officers: their jurisdiction and sectors; others: their subtree), keyset-paginated. Each row carries the time left on its current deadline.",
  tags: ['worklist'],
  request: { query: WorklistQuery },
  responses: {
    200: { description: 'One page', content: { 'application/json': { schema: WorklistPageSchema } } },
    ...problemResponses(400, 401, 403),
  },
});
