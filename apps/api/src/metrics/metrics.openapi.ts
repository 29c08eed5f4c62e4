import { z } from 'zod';
import { registry } from '../openapi/registry';

registry.registerPath({
  method: 'get',
  path: '/metrics',
  summary: 'Prometheus metrics: HTTP latency by route and status, open and overdue cases, projection lag, process figures',
  description:
    'Unauthenticated: it holds counts and route templates, no case data. Keep it off the public ingress (docs/observability.md). ' +
    'The Temporal worker serves its own at WORKER_METRICS_ADDRESS.',
  tags: ['health'],
  responses: {
    200: {
      description: 'Prometheus text exposition format 0.0.4',
      content: { 'text/plain; version=0.0.4; charset=utf-8': { schema: z.string() } },
    },
  },
});
