import { problemResponses } from '../openapi/problem.schema';
import { registry } from '../openapi/registry';
import { StatisticsQuery, StatisticsSchema } from './statistics.schemas';

registry.registerPath({
  method: 'get',
  path: '/statistics',
  summary:
    'Figures for the subtree and a period: 动态清零 of major hazards, on-time rates, average durations, 晾晒 rankings, monthly series',
  tags: ['statistics'],
  request: { query: StatisticsQuery },
  responses: {
    200: { description: 'The figures', content: { 'application/json': { schema: StatisticsSchema } } },
    ...problemResponses(400, 401, 403),
  },
});
