import { createHash } from 'node:crypto';
import { Attachment } from '@anjian/domain';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AuthenticationGuard } from '../auth/authentication.guard';
import { decodeHeaderText } from '../http/header-text';
import { Problem, validationProblem } from '../http/problem';
import { sendProblem } from '../http/problem-response';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MEDIA_TYPES } from './upload-limits';

/** A file read from the request body, with what identifies it. */
export interface UploadedFile {
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  content: Buffer;
}

const SLOT = Symbol('uploaded-file');

export const uploadedFile = (req: Request): UploadedFile | undefined => (req as unknown as Record<symbol, UploadedFile | undefined>)[SLOT];

const unsupported = (detail: string, header: string) =>
  new Problem(
    415,
    'Unsupported Media Type',
    detail,
    { errors: [{ path: `headers.${header}`, message: detail }] },
    '/problems/unsupported-media-type',
  );

const tooLarge = () =>
  new Problem(
    413,
    'Content Too Large',
    `an attachment may have at most ${ATTACHMENT_MAX_BYTES} bytes (${ATTACHMENT_MAX_BYTES / 1024 / 1024} MiB)`,
    { limitBytes: ATTACHMENT_MAX_BYTES },
    '/problems/content-too-large',
  );

/** The file's name: X-Filename (percent-encoded UTF-8 or RFC 8187), else Content-Disposition's filename* / filename. */
export function fileNameOf(req: Pick<Request, 'header'>): string {
  const header = req.header('x-filename');
  let name: string | undefined;
  if (header !== undefined) name = decodeHeaderText(header, 'x-filename');
  else {
    const disposition = req.header('content-disposition') ?? '';
    const extended = /filename\*\s*=\s*([^;]+)/i.exec(disposition);
    const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(disposition);
    if (extended) name = decodeHeaderText(extended[1]!.trim(), 'content-disposition');
    else if (plain) name = decodeHeaderText((plain[2] ?? plain[1]!).trim(), 'content-disposition');
  }
  if (name === undefined)
    throw validationProblem('headers', [
      { path: 'headers.x-filename', message: 'name the file: X-Filename: <percent-encoded UTF-8 name>' },
    ]);
  const parsed = Attachment.shape.name.safeParse(name);
  if (!parsed.success)
    throw validationProblem(
      'headers',
      parsed.error.issues.map((i) => ({ path: 'headers.x-filename', message: i.message })),
    );
  if (/[/\\]/.test(parsed.data))
    throw validationProblem('headers', [{ path: 'headers.x-filename', message: 'a file name, not a path (no / or \\)' }]);
  return parsed.data;
}

function mediaTypeOf(req: Request): string {
  const mediaType = (req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!(ATTACHMENT_MEDIA_TYPES as readonly string[]).includes(mediaType))
    throw unsupported(`an attachment must be one of ${ATTACHMENT_MEDIA_TYPES.join(', ')}; not '${mediaType}'`, 'content-type');
  const encoding = (req.header('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity') throw unsupported('send the file as it is (no Content-Encoding)', 'content-encoding');
  return mediaType;
}

/** Reads the body up to the limit, hashing as it goes; refuses (413) as soon as it is too large. */
function readBounded(req: Request): Promise<{ content: Buffer; sha256: string }> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.header('content-length') ?? NaN);
    if (declared > ATTACHMENT_MAX_BYTES) return reject(tooLarge());
    const hash = createHash('sha256');
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > ATTACHMENT_MAX_BYTES) {
        req.removeAllListeners('data');
        req.resume(); // drain what is still coming, so the 413 reaches the client
        return reject(tooLarge());
      }
      hash.update(chunk);
      chunks.push(chunk);
    });
    req.on('end', () => resolve({ content: Buffer.concat(chunks), sha256: hash.digest('hex') }));
    req.on('error', () => reject(new Problem(400, 'Invalid request', 'the upload was interrupted', {}, '/problems/unreadable-body')));
  });
}

/**
 * Body reader of POST /cases/{id}/attachments (the JSON edge lets this route through: see
 * http/json-body.ts isRawUpload). It runs before the idempotency interceptor and leaves a small
 * descriptor in req.body ({name, contentType, size, sha256}), so the request fingerprint covers the
 * file itself: the same Idempotency-Key with another file is a 422, not the first file's answer.
 *
 * Middleware runs before guards, so it authenticates first (the same check as AuthenticationGuard,
 * which runs again afterwards): a caller without a valid token is refused before a byte of the file
 * is read, instead of making the API read and hash up to 20 MiB per request for nothing.
 */
@Injectable()
export class RawUploadMiddleware implements NestMiddleware {
  constructor(private readonly authentication: AuthenticationGuard) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    let name: string;
    let contentType: string;
    try {
      await this.authentication.authenticate(req);
      contentType = mediaTypeOf(req);
      name = fileNameOf(req);
    } catch (err) {
      if (!(err instanceof Problem)) return next(err);
      // The unread body must not be taken for the next request on this connection.
      res.setHeader('connection', 'close');
      return sendProblem(req, res, err);
    }
    return readBounded(req).then(
      ({ content, sha256 }) => {
        if (content.length === 0) return sendProblem(req, res, validationProblem('body', [{ path: 'body', message: 'the file is empty' }]));
        const file: UploadedFile = { name, contentType, size: content.length, sha256, content };
        (req as unknown as Record<symbol, UploadedFile>)[SLOT] = file;
        req.body = { name, contentType, size: file.size, sha256 };
        next();
      },
      (err: Problem) => {
        res.setHeader('connection', 'close');
        sendProblem(req, res, err);
      },
    );
  }
}
