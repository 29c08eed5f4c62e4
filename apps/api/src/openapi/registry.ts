import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';

/** Routes register their zod schemas here; the document is generated from them, never written by hand. */
export const registry = new OpenAPIRegistry();

/**
 * Identity is a bearer token now (docs/identity.md; the security scheme below), not X-Actor-* headers.
 * Kept empty so that routes still spreading it into `parameters` declare nothing.
 * @deprecated declare nothing for identity: every operation but the public ones gets `security`.
 */
export const ACTOR_HEADERS: [] = [];

/** Bearer access tokens of the configured OpenID Connect issuers (JWT, `aud` = the API). */
const BEARER_SCHEME = 'bearer';
registry.registerComponent('securitySchemes', BEARER_SCHEME, {
  type: 'http',
  scheme: 'bearer',
  bearerFormat: 'JWT',
  description:
    'An access token (JWT) of a configured OpenID Connect issuer whose aud is the API (OIDC_AUDIENCE); the user it names must be active in the user directory. In development: TOKEN=$(npm run -s token -- officer@140105).',
});

/** Routes that answer without a token (apps/api/src/auth/public-routes.ts): probes, metrics, this document. */
const isPublicPath = (path: string) => /^\/(health(\/|$)|metrics$|openapi\.json$|docs(\/|$))/.test(path);

/** The Idempotency-Key header as every POST declares it (the same bounds as IdempotencyKey's zod schema). */
const IDEMPOTENCY_KEY_HEADER = {
  name: 'Idempotency-Key',
  in: 'header' as const,
  required: false,
  schema: { type: 'string' as const, minLength: 8, maxLength: 128, pattern: '^[\\x21-\\x7E]+$' },
  description: 'makes a retried POST safe: the same key and request answer what the first one answered (Idempotent-Replayed: true)',
};

type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/**
 * Answers the HTTP edge gives on any operation (docs/http-edge.md), added once here rather than on
 * every route: 413 and 415 wherever a body is read; bearer security, 400, 401 and 403 wherever a token is needed.
 */
function withEdgeResponses(doc: OpenApiDocument): OpenApiDocument {
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const op = item?.[method];
      if (!op) continue;
      const responses = (op.responses ??= {});
      if (op.requestBody) {
        responses['413'] ??= problemResponse('The JSON body is larger than 256 kB');
        responses['415'] ??= problemResponse('The body is not UTF-8 JSON, or its Content-Encoding is unknown');
      }
      if (method === 'post' || method === 'patch') {
        // Every POST takes an Idempotency-Key (apps/api/src/idempotency), whether or not its route says so.
        // A fresh array: the generator shares one parameters array between the operations of a path.
        const params = op.parameters ?? [];
        if (!params.some((p) => 'name' in p && p.name.toLowerCase() === 'idempotency-key'))
          op.parameters = [...params, IDEMPOTENCY_KEY_HEADER];
        responses['409'] ??= problemResponse('The same Idempotency-Key is still being processed (retry after Retry-After)');
        responses['422'] ??= problemResponse('The Idempotency-Key was used before with a different request');
      }
      responses['431'] ??= problemResponse('The request line and headers together exceed 16 KiB');
      if (path !== '/metrics')
        responses['503'] ??= problemResponse('PostgreSQL or Temporal did not answer in time: `detail` says which; retry after Retry-After');
      const secured = !isPublicPath(path);
      if (secured) {
        op.security = [{ [BEARER_SCHEME]: [] }];
        responses['401'] ??= {
          ...problemResponse('No bearer token, or an invalid one (signature, issuer, audience, expiry) or one naming no directory user'),
          headers: {
            'WWW-Authenticate': {
              schema: { type: 'string' },
              description: 'Bearer realm="anjian"[, error="invalid_token", error_description="…"]',
            },
          },
        };
        responses['403'] ??= problemResponse('The caller may not do this (role, jurisdiction, sector), or the account is disabled');
      }
      if (secured || op.requestBody)
        responses['400'] ??= problemResponse('Invalid input: `errors` lists each field path and what was expected');
    }
  }
  return doc;
}

export function buildOpenApiDocument(): OpenApiDocument {
  return withEdgeResponses(
    new OpenApiGeneratorV31(registry.definitions).generateDocument({
      openapi: '3.1.0',
      info: {
        title: 'Anjian — work-safety enforcement cases (安全生产监管执法)',
        version: '0.1.0',
        description: 'Enforcement procedures run as durable Temporal workflows; records in PostgreSQL.',
      },
    }),
  );
}
