import { z } from 'zod';
import { IdempotencyHeaders } from '../idempotency/idempotency-key.schema';
import { problemResponses } from '../openapi/problem.schema';
import { ACTOR_HEADERS, registry } from '../openapi/registry';
import { CaseIdParams } from '../cases/case.schemas';
import { AttachmentParams, AttachmentSchema, UploadQuery } from './attachments.schemas';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MEDIA_TYPES } from './upload-limits';

const binary = z.string().meta({ format: 'binary' });
const fileContent = Object.fromEntries(ATTACHMENT_MEDIA_TYPES.map((t) => [t, { schema: binary }]));
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

registry.registerPath({
  method: 'post',
  path: '/cases/{id}/attachments',
  summary: 'Upload an attachment (附件: evidence, notice, minutes); the body is the file itself',
  description: `Content-Type is the file's media type (${ATTACHMENT_MEDIA_TYPES.join(', ')}); the name comes in X-Filename (percent-encoded UTF-8) or Content-Disposition (filename*=UTF-8''…). At most ${ATTACHMENT_MAX_BYTES} bytes. Actions refer to it by its \`reference\` {name, sha256, size}.`,
  tags: ['attachments'],
  request: {
    params: CaseIdParams,
    query: UploadQuery,
    headers: IdempotencyHeaders.extend({
      'x-filename': z
        .string()
        .max(1024)
        .optional()
        .describe("the file's name, percent-encoded UTF-8 (e.g. %E6%95%B4%E6%94%B9%E6%8A%A5%E5%91%8A.pdf)"),
    }),
    body: { content: fileContent, required: true },
  },
  parameters: ACTOR_HEADERS,
  responses: {
    201: { description: 'Stored (Location names it)', content: { 'application/json': { schema: AttachmentSchema } } },
    413: problem(`The file is larger than ${ATTACHMENT_MAX_BYTES} bytes`),
    409: problem('The case is closed (已结案): it takes no more files'),
    415: problem('The media type is not one an attachment may have, or a Content-Encoding was sent'),
    ...problemResponses(400, 403, 503),
    404: problem(
      "No such case (or outside the caller's jurisdiction), or procedureId names a procedure the case does not have (/problems/unknown-procedure)",
    ),
  },
});

registry.registerPath({
  method: 'get',
  path: '/cases/{id}/attachments',
  summary: "A case's attachments (optionally one procedure's), oldest first, each with its reference {name, sha256, size}",
  tags: ['attachments'],
  request: { params: CaseIdParams, query: UploadQuery },
  parameters: ACTOR_HEADERS,
  responses: {
    200: { description: 'The attachments', content: { 'application/json': { schema: z.array(AttachmentSchema) } } },
    ...problemResponses(400, 404),
  },
});

registry.registerPath({
  method: 'get',
  path: '/cases/{id}/attachments/{attachmentId}',
  summary: 'Download an attachment (its bytes, with its media type; ETag and X-Content-SHA256 are its digest)',
  tags: ['attachments'],
  request: { params: AttachmentParams },
  parameters: ACTOR_HEADERS,
  responses: {
    200: { description: 'The file', content: Object.fromEntries(ATTACHMENT_MEDIA_TYPES.map((t) => [t, { schema: binary }])) },
    ...problemResponses(400, 404),
  },
});
