import { z } from 'zod';
import { problemResponses } from '../openapi/problem.schema';
import { registry } from '../openapi/registry';
import { StalledCountsSchema, StalledFilterQuery, StalledPageQuery, StalledPageSchema } from './review.schemas';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

registry.registerPath({
  method: 'get',
  path: '/review/stalled',
  summary: 'Stalled-case review (督办): overdue, no progress for N days, awaiting my approval; filters, sorting, keyset pages',
  description: "Open cases in the caller's subtree with at least one of the requested reasons; each row says which apply.",
  tags: ['review'],
  request: { query: StalledPageQuery },
  responses: { 200: json(StalledPageSchema, 'One page'), ...problemResponses(400, 401, 403) },
});

registry.registerPath({
  method: 'get',
  path: '/review/stalled/counts',
  summary: 'How many cases each stalled reason holds under the same filters',
  tags: ['review'],
  request: { query: StalledFilterQuery },
  responses: { 200: json(StalledCountsSchema, 'Counts per reason'), ...problemResponses(400, 401, 403) },
});

for (const [ext, type, what] of [
  ['csv', 'text/csv', 'CSV (UTF-8 with BOM for Excel; text cells starting with = + - @ are prefixed with an apostrophe)'],
  ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'XLSX workbook, one sheet'],
] as const) {
  registry.registerPath({
    method: 'get',
    path: `/review/stalled.${ext}`,
    summary: `The stalled-case review as ${ext.toUpperCase()}, streamed (every matching row, same filters and order)`,
    tags: ['review'],
    request: { query: StalledFilterQuery },
    responses: { 200: { description: what, content: { [type]: { schema: z.string() } } }, ...problemResponses(400, 401, 403) },
  });
}
