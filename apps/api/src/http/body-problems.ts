import { Problem, validationProblem } from './problem';

/** The JSON body limit; docs/http-edge.md states it. Far above any real request (a policy version is ~30 kB). */
export const JSON_BODY_LIMIT_BYTES = 256 * 1024;

/**
 * How deep objects and arrays may nest in a JSON body, the body itself being level 1; docs/http-edge.md
 * states it. The deepest real bodies (an administrator's policy rules, `rules[].escalation[].after`)
 * reach level 6; 32 leaves room for any of that and refuses what only an attacker sends. Bodies travel on as Temporal payloads and jsonb, whose encoders recurse: at ~20 000 levels
 * (a 120 kB body) the payload converter failed and the request was a 500, and a few thousand levels
 * were accepted into workflow history.
 */
export const JSON_BODY_MAX_DEPTH = 32;

const jsonKind = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'number' ? 'a number' : `a ${typeof value}`;

/**
 * The path (`body.input.escalations.0.request.data.a`, as validation problems name fields) of the first
 * object or array, in document order, nested deeper than `maxDepth`; undefined if there is none. Walks
 * the parsed value with its own stack, never the call stack, so no depth can overflow it; it visits
 * each value once and builds a path only for the value it reports.
 */
export function tooDeepPath(body: unknown, maxDepth: number = JSON_BODY_MAX_DEPTH): string | undefined {
  interface Frame {
    value: object;
    depth: number;
    key: string;
    parent: Frame | undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const stack: Frame[] = [{ value: body, depth: 1, key: 'body', parent: undefined }];
  const push = (parent: Frame, key: string, value: unknown) => {
    if (typeof value === 'object' && value !== null) stack.push({ value, depth: parent.depth + 1, key, parent });
  };
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (frame.depth > maxDepth) {
      const keys: string[] = [];
      for (let f: Frame | undefined = frame; f; f = f.parent) keys.push(f.key);
      return keys.reverse().join('.');
    }
    // Children pushed last to first, so the first is walked first: the report names the first too-deep value.
    if (Array.isArray(frame.value)) {
      for (let i = frame.value.length - 1; i >= 0; i--) push(frame, String(i), frame.value[i]);
    } else {
      const keys = Object.keys(frame.value);
      for (let i = keys.length - 1; i >= 0; i--) push(frame, keys[i]!, (frame.value as Record<string, unknown>)[keys[i]!]);
    }
  }
  return undefined;
}

/**
 * What is wrong with a body that parsed as JSON: every body this API reads is a JSON object, with
 * objects and arrays nested at most JSON_BODY_MAX_DEPTH levels. Undefined when it is fine.
 */
export function parsedBodyProblem(body: unknown): Problem | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return validationProblem('body', [{ path: 'body', message: `expected a JSON object; the body is valid JSON, but ${jsonKind(body)}` }]);
  }
  const path = tooDeepPath(body);
  if (path === undefined) return undefined;
  const problem = validationProblem('body', [
    {
      path,
      message: `nested too deeply: objects and arrays may nest at most ${JSON_BODY_MAX_DEPTH} levels (the body itself is level 1)`,
    },
  ]);
  problem.extensions['maxDepth'] = JSON_BODY_MAX_DEPTH;
  return problem;
}

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
