import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { bodyParserProblem, JSON_BODY_LIMIT_BYTES, parsedBodyProblem } from './body-problems';
import { Problem } from './problem';
import { sendProblem } from './problem-response';

/** Encodings body-parser can undo; anything else is refused before a byte is read. */
const KNOWN_ENCODINGS = new Set(['identity', 'gzip', 'x-gzip', 'deflate', 'br']);

const refuse = (status: number, title: string, detail: string, header: string, type: string) =>
  new Problem(status, title, detail, { errors: [{ path: `headers.${header}`, message: detail }] }, type);

/**
 * Uploads whose body is the file itself (POST /cases/{id}/attachments): the attachments module reads
 * them with its own size and type limits (apps/api/src/attachments/raw-upload.middleware.ts).
 */
export const isRawUpload = (req: Request): boolean => req.method === 'POST' && /^\/cases\/[^/]+\/attachments\/?$/.test(req.path);

/** A request carries a body when it says so: chunked, or a Content-Length above zero. */
function hasBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = req.headers['content-length'];
  return length !== undefined && length !== '0';
}

/** application/json or application/<something>+json, with no charset or charset=utf-8. */
export function contentTypeProblem(contentType: string | undefined): Problem | undefined {
  const unsupported = (detail: string) => refuse(415, 'Unsupported Media Type', detail, 'content-type', '/problems/unsupported-media-type');
  if (!contentType) return unsupported('a request body needs Content-Type: application/json');
  const [mediaType, ...params] = contentType.split(';').map((p) => p.trim().toLowerCase());
  if (!mediaType || !/^application\/([a-z0-9.+-]+\+)?json$/.test(mediaType)) {
    return unsupported(`this API reads JSON only (Content-Type: application/json), not '${mediaType ?? ''}'`);
  }
  for (const p of params) {
    const [name, value = ''] = p.split('=').map((s) => s.trim());
    if (name === 'charset' && value.replace(/^"|"$/g, '') !== 'utf-8') {
      return unsupported(`the body must be UTF-8 JSON; charset '${value}' is not supported`);
    }
  }
  return undefined;
}

/**
 * The only body parser: JSON, UTF-8, at most JSON_BODY_LIMIT_BYTES, a JSON object nested at most
 * JSON_BODY_MAX_DEPTH levels. Form-encoded and other bodies are refused with 415 (a form-encoded
 * POST /cases once opened a real case), and every parser error becomes a 4xx problem here, before any
 * route or use case runs.
 */
export function jsonBody(): RequestHandler {
  // Not `strict`: body-parser's strict mode calls a valid `null` or `1e999` "not valid JSON";
  // parsedBodyProblem refuses every body that is not an object, and says so.
  const parse = express.json({ limit: JSON_BODY_LIMIT_BYTES, strict: false, type: () => true });
  return (req: Request, res: Response, next: NextFunction) => {
    if (!hasBody(req) || isRawUpload(req)) return next();
    const encodings = (req.header('content-encoding') ?? 'identity')
      .split(',')
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean);
    const unknown = encodings.find((e) => !KNOWN_ENCODINGS.has(e));
    if (unknown !== undefined || encodings.length > 1) {
      const detail =
        unknown !== undefined
          ? `Content-Encoding '${unknown}' is not supported; send identity, gzip, deflate or br`
          : 'one Content-Encoding at most';
      return sendProblem(req, res, refuse(415, 'Unsupported Media Type', detail, 'content-encoding', '/problems/unsupported-media-type'));
    }
    const typeProblem = contentTypeProblem(req.header('content-type'));
    if (typeProblem) return sendProblem(req, res, typeProblem);
    parse(req, res, (err?: unknown) => {
      if (err === undefined || err === null) {
        const shapeProblem = parsedBodyProblem(req.body);
        return shapeProblem ? sendProblem(req, res, shapeProblem) : next();
      }
      const status = (err as { status?: unknown }).status;
      const problem =
        bodyParserProblem(err) ??
        new Problem(
          typeof status === 'number' && status >= 400 && status < 500 ? status : 400,
          'Invalid request',
          'the request body could not be read (corrupt or truncated)',
          {},
          '/problems/unreadable-body',
        );
      sendProblem(req, res, problem);
    });
  };
}
