import { z } from 'zod';
import { registry } from '../openapi/registry';

const Check = z.object({ ok: z.boolean(), latencyMs: z.number(), error: z.string().optional() });
export const HealthReportSchema = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    live: z.boolean(),
    ready: z.boolean(),
    checks: z.object({ postgres: Check, temporal: Check }),
    down: z.array(z.enum(['postgres', 'temporal'])).describe('the dependencies that did not answer'),
  })
  .meta({ id: 'HealthReport' });
export type HealthReport = z.infer<typeof HealthReportSchema>;

registry.registerPath({
  method: 'get',
  path: '/health',
  summary: 'Liveness and readiness of the API and its dependencies',
  tags: ['health'],
  responses: {
    200: { description: 'Ready', content: { 'application/json': { schema: HealthReportSchema } } },
    503: { description: 'A dependency is down; `down` names it', content: { 'application/json': { schema: HealthReportSchema } } },
  },
});
