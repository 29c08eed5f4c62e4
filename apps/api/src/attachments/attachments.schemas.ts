import { identifier } from '@anjian/domain';
import { z } from 'zod';
import { Uuid } from '../http/uuid';

export const AttachmentParams = z.object({ id: Uuid, attachmentId: Uuid });
export const UploadQuery = z.object({ procedureId: identifier(64).optional() }).strict();

export const AttachmentSchema = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    procedureId: z.string().nullable(),
    name: z.string(),
    sha256: z.string().describe('lowercase hex SHA-256 of the content'),
    size: z.number().int(),
    contentType: z.string(),
    addedBy: z.string(),
    addedAt: z.string(),
    /** What an action's `attachments` field takes: {name, sha256, size}. */
    reference: z.object({ name: z.string(), sha256: z.string(), size: z.number().int() }),
  })
  .meta({ id: 'Attachment' });
