/**
 * The attachment store port (附件存储): where the bytes of evidence, notices and minutes live. Files
 * are content-addressed by SHA-256, so storing the same bytes again (a retried upload, a retried
 * transition) writes nothing new and loses nothing; metadata rows live in PostgreSQL
 * (`attachments`, AttachmentRepository). Local disk is the default adapter; an object store can
 * implement the same three calls.
 */
export interface StoredBlob {
  /** Where the adapter keeps it (recorded in `attachments.storage_key`). */
  storageKey: string;
  sha256: string;
  size: number;
}

export interface AttachmentStore {
  /** Stores the bytes durably (flushed before it returns) under their SHA-256; idempotent. */
  put(content: Buffer): Promise<StoredBlob>;
  /** The bytes under a key; throws AttachmentMissingError when there are none. */
  get(storageKey: string): Promise<Buffer>;
  has(storageKey: string): Promise<boolean>;
}

export class AttachmentMissingError extends Error {
  constructor(readonly storageKey: string) {
    super(`no stored attachment content under ${storageKey}`);
    this.name = 'AttachmentMissingError';
  }
}
