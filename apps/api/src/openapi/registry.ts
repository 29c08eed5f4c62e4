import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';

/** Routes register their zod schemas here; the document is generated from them, never written by hand. */
export const registry = new OpenAPIRegistry();

/**
 * X-Actor-Name in JSON Schema terms (apps/api/src/http/header-text.ts decodes it, Actor.name caps it at 100
 * characters). One "character" of the pattern is a printable ASCII character other than '%' or one
 * percent-encoded UTF-8 sequence (well-formed lead and continuation bytes; %00–%1F only tab, LF, CR), so
 * {0,100} of them is the decoded cap. After an RFC 8187 prefix it is {1,100} (`UTF-8''` alone decodes to
 * an empty name, a 400); without the prefix, a value shaped like `<charset>'<language>'…` is excluded
 * because the API reads it as RFC 8187. Raw UTF-8 bytes are accepted too but cannot be written as ASCII.
 */
const HEX = '[0-9A-Fa-f]';
const CONT = `%[89ABab]${HEX}`;
const PCT_UTF8 = [
  `%(?:0[9ADad]|[2-7]${HEX})`, // one byte: ASCII, no control but tab, LF, CR
  `%(?:[Cc][2-9A-Fa-f]|[Dd]${HEX})${CONT}`, // two bytes
  `%(?:[Ee]0%[ABab]|[Ee][1-9A-Ca-cEeFf]%[89ABab]|[Ee][Dd]%[89])${HEX}${CONT}`, // three bytes, no surrogates
  `%(?:[Ff]0%(?:9|[ABab])|[Ff][1-3]%[89ABab]|[Ff]4%8)${HEX}${CONT}${CONT}`, // four bytes, up to U+10FFFF
].join('|');
const NAME_CHAR = `(?:[\\t\\x20-\\x24\\x26-\\x7E]|${PCT_UTF8})`;
const NAME_CHAR_NO_SPACE = `(?:[\\x21-\\x24\\x26-\\x7E]|${PCT_UTF8})`;
const ACTOR_NAME_PATTERN = `^(?:[Uu][Tt][Ff]-8'[A-Za-z0-9-]{0,35}'${NAME_CHAR_NO_SPACE}{1,100}|(?![A-Za-z0-9_-]+'[A-Za-z0-9-]*')${NAME_CHAR}{0,100})$`;
/** The longest header the pattern allows: RFC 8187 prefix with a 35-character language tag, 100 four-byte sequences. */
const ACTOR_NAME_MAX_ENCODED = "UTF-8''".length + 35 + 100 * '%F0%A0%80%80'.length;

export const ACTOR_HEADERS = [
  {
    name: 'x-actor-id',
    in: 'header' as const,
    required: true,
    schema: { type: 'string' as const, minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._:@-]*$' },
    description: 'acting user id',
  },
  {
    name: 'x-actor-name',
    in: 'header' as const,
    required: false,
    schema: { type: 'string' as const, maxLength: ACTOR_NAME_MAX_ENCODED, pattern: ACTOR_NAME_PATTERN },
    description:
      "display name, recorded with the action: at most 100 characters after decoding (Actor.name); percent-encoded UTF-8 ('%E6%9D%8E%E5%A4%8D%E6%9F%A5' for 李复查), RFC 8187 (UTF-8''…) or raw UTF-8. The pattern counts one character per plain ASCII character or percent-encoded UTF-8 sequence, so the raw header may be up to 12 × 100 characters long; malformed encoding, control characters or more than 100 decoded characters are a 400",
  },
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
 * every route: 413 and 415 wherever a body is read, 400 wherever identity headers are read.
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
      const readsActor = (op.parameters ?? []).some((p) => 'name' in p && p.name === 'x-actor-id');
      if (readsActor || op.requestBody)
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
