import { createHash, randomUUID } from 'node:crypto';
import { codePointLength, unpairedSurrogateAt } from '@anjian/domain';
import { AttachmentRejectedError, checkAttachmentContent, mediaTypeOf } from './attachment-limits';
import type { DataSource } from 'typeorm';
import type { AttachmentStore } from './attachment-store';
import { type AttachmentRecord, AttachmentRepository } from './attachment.repository';
import { LocalDiskAttachmentStore } from './local-disk-attachment-store';

export interface AttachmentUpload {
  caseId: string;
  procedureId: string | null;
  name: string;
  contentType: string;
  addedBy: string;
  content: Buffer;
  /** What the client (or the API's body reader) computed; checked against the bytes when given. */
  sha256?: string;
  size?: number;
  /** Defaults to now. */
  addedAt?: string;
}

/** The stored bytes do not hash to what the row says: damaged or replaced on disk. */
export class AttachmentIntegrityError extends Error {
  constructor(readonly attachmentId: string) {
    super(`attachment ${attachmentId}: stored content does not match its SHA-256`);
    this.name = 'AttachmentIntegrityError';
  }
}

const CONTROL = /[\u0000-\u001f\u007f]/;

function checkName(name: string): void {
  const bad = (why: string) => new AttachmentRejectedError('invalid_name', `file name ${why}`);
  if (codePointLength(name) < 1 || codePointLength(name) > 255) throw bad('must have 1 to 255 characters');
  if (CONTROL.test(name) || unpairedSurrogateAt(name) >= 0) throw bad('must not contain control characters or invalid Unicode');
  if (/[/\\]/.test(name) || name === '.' || name === '..') throw bad('must be a name, not a path');
}

/**
 * Attachments as a use case (附件): the API's upload, download and listing call this. Bytes first,
 * then the row: a row never points at bytes that are not there, and a retried upload (same file,
 * same name, same case and procedure) returns the attachment the first one made.
 */
export class AttachmentService {
  constructor(
    private readonly attachments: AttachmentRepository,
    private readonly store: AttachmentStore,
    private readonly maxBytes?: number,
  ) {}

  async save(upload: AttachmentUpload): Promise<AttachmentRecord> {
    const name = upload.name.normalize('NFC');
    checkName(name);
    checkAttachmentContent(upload.contentType, upload.content, this.maxBytes);
    const sha256 = createHash('sha256').update(upload.content).digest('hex');
    if ((upload.sha256 !== undefined && upload.sha256 !== sha256) || (upload.size !== undefined && upload.size !== upload.content.length)) {
      throw new AttachmentRejectedError('digest_mismatch', 'the file is not the one described (SHA-256 or size differ)');
    }
    const blob = await this.store.put(upload.content);
    return this.attachments.insertOrFind({
      id: randomUUID(),
      caseId: upload.caseId,
      procedureId: upload.procedureId,
      name,
      sha256,
      size: upload.content.length,
      contentType: mediaTypeOf(upload.contentType),
      addedBy: upload.addedBy,
      addedAt: upload.addedAt ?? new Date().toISOString(),
      storageKey: blob.storageKey,
    });
  }

  find(caseId: string, attachmentId: string): Promise<AttachmentRecord | null> {
    return this.attachments.find(caseId, attachmentId);
  }

  list(caseId: string, procedureId?: string): Promise<AttachmentRecord[]> {
    return this.attachments.listForCase(caseId, procedureId);
  }

  /** The bytes of an attachment, checked against its SHA-256 (a damaged file is an error, never served). */
  async read(attachment: Pick<AttachmentRecord, 'id' | 'caseId' | 'sha256'>): Promise<Buffer> {
    const key = await this.attachments.storageKeyOf(attachment.caseId, attachment.id);
    if (!key) throw new AttachmentIntegrityError(attachment.id);
    const content = await this.store.get(key);
    if (createHash('sha256').update(content).digest('hex') !== attachment.sha256) throw new AttachmentIntegrityError(attachment.id);
    return content;
  }
}

/**
 * The default wiring: metadata in this database, bytes on local disk under `dir` (ATTACHMENTS_DIR).
 * The API binds its ATTACHMENT_STORE port to this (the service has the port's save/find/read).
 */
export function createLocalAttachmentService(db: DataSource, dir: string, maxBytes?: number): AttachmentService {
  return new AttachmentService(new AttachmentRepository(db), new LocalDiskAttachmentStore(dir), maxBytes);
}
