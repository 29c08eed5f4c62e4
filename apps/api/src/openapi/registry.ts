import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';

/** Routes register their zod schemas here; the document is generated from them, never written by hand. */
export const registry = new OpenAPIRegistry();

export const ACTOR_HEADERS = [
  { name: 'x-actor-id', in: 'header' as const, required: true, schema: { type: 'string' as const }, description: 'acting user id' },
  {
    name: 'x-actor-role',
    in: 'header' as const,
    required: true,
    schema: { type: 'string' as const, enum: ['officer', 'supervisor', 'administrator', 'viewer'] },
  },
  {
    name: 'x-actor-jurisdiction',
    in: 'header' as const,
    required: true,
    schema: { type: 'string' as const, pattern: '^\\d{6}$' },
    description: '行政区划代码',
  },
];

export function buildOpenApiDocument(): ReturnType<OpenApiGeneratorV31['generateDocument']> {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Anjian — work-safety enforcement cases (安全生产监管执法)',
      version: '0.1.0',
      description: 'Enforcement procedures run as durable Temporal workflows; records in PostgreSQL.',
    },
  });
}
