/**
 * What the API needs from the attachment store (the projection helper's implementation lives in
 * libs/persistence/src/procedures/; the API binds it in attachments.module.ts).
 */
export interface StoredAttachment {
  id: string;
  caseId: string;
  procedureId: string | null;
  name: string;
  sha256: string;
  size: number;
  contentType: string;
  addedBy: string;
  addedAt: string;
}

export interface AttachmentStorePort {
  save(file: {
    caseId: string;
    procedureId: string | null;
    name: string;
    sha256: string;
    size: number;
    contentType: string;
    addedBy: string;
    content: Buffer;
  }): Promise<StoredAttachment>;
  find(caseId: string, attachmentId: string): Promise<StoredAttachment | null>;
  list(caseId: string, procedureId?: string): Promise<StoredAttachment[]>;
  read(attachment: StoredAttachment): Promise<Buffer>;
}

export const ATTACHMENT_STORE = Symbol('ATTACHMENT_STORE');
