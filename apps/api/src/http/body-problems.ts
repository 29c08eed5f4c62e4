import { Problem } from './problem';

/** The JSON body limit; docs/http-edge.md states it. Far above any real request (a policy version is ~30 kB). */
export const JSON_BODY_LIMIT_BYTES = 256 * 1024;

const unsupportedMediaType = (detail: string, header: string) =>
  new Problem(
    415,
    'Unsupported Media Type',
    detail,
    { errors: [{ path: `headers.${header}`, message: detail }] },
    '/problems/unsupported-media-type',
  );

const BODY_PARSER_TYPE = /^(entity|request|stream|encoding|charset|parameters)\./;

/**
 * What a body-parser (raw-body) error means for the caller. Every one of them is about the request, so
 * each becomes a 4xx problem; none may surface as a 500. Returns undefined for errors that are not
 * body-parser errors.
 */
export function bodyParserProblem(err: unknown): Problem | undefined {
  const e = err as { type?: unknown; status?: unknown; message?: unknown } | null;
  // Only raw-body/body-parser errors: other errors (Temporal failures among them) also have a `type`.
  if (!e || typeof e !== 'object' || typeof e.type !== 'string' || !BODY_PARSER_TYPE.test(e.type)) return undefined;
  switch (e.type) {
    case 'entity.parse.failed':
      return new Problem(400, 'Malformed JSON', 'the request body is not valid JSON', {}, '/problems/malformed-json');
    case 'entity.too.large':
      return new Problem(
        413,
        'Content Too Large',
        `the request body is larger than the limit of ${JSON_BODY_LIMIT_BYTES} bytes (${JSON_BODY_LIMIT_BYTES / 1024} kB)`,
        { limitBytes: JSON_BODY_LIMIT_BYTES },
        '/problems/content-too-large',
      );
    case 'encoding.unsupported':
      return unsupportedMediaType(
        "the Content-Encoding is not supported; send the body as is ('identity'), or compressed with gzip, deflate or br",
        'content-encoding',
      );
    case 'charset.unsupported':
      return unsupportedMediaType('the body must be UTF-8 JSON (Content-Type: application/json; charset=utf-8)', 'content-type');
    case 'request.aborted':
      return new Problem(
        400,
        'Invalid request',
        'the client closed the connection before the body was complete',
        {},
        '/problems/request-aborted',
      );
    case 'request.size.invalid':
      return new Problem(
        400,
        'Invalid request',
        'the body is shorter or longer than its Content-Length',
        {},
        '/problems/body-size-mismatch',
      );
    default: {
      // stream.encoding.set, stream.not.readable, zlib errors of a corrupt compressed body, …
      const status = typeof e.status === 'number' && e.status >= 400 && e.status < 500 ? e.status : 400;
      return new Problem(status, 'Invalid request', `the request body could not be read (${e.type})`, {}, '/problems/unreadable-body');
    }
  }
}
