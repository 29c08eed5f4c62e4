import type { Actor, CaseRecord } from '@anjian/domain';
import { AttachmentRejectedError, CaseRepository, ProcedureProjectionRepository } from '@anjian/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { Problem } from '../http/problem';
import { assertCaseAccess } from '../cases/case-access';
import { caseClosedProblem } from '../cases/case-closed-problem';
import { isLegacyCase, LEGACY_PROCEDURE_ID } from '../cases/procedures/legacy-rectification';
import { ATTACHMENT_STORE, type AttachmentStorePort, type StoredAttachment } from './attachment-store.port';
import type { UploadedFile } from './raw-upload.middleware';

/** The store's refusal of a file as the HTTP answer (413 too large, 415 a type or content not of that type, else 400). */
function rejectionProblem(err: unknown): Problem | null {
  if (!(err instanceof AttachmentRejectedError)) return null;
  if (err.reason === 'too_large') return new Problem(413, 'Content Too Large', err.message, {}, '/problems/content-too-large');
  if (err.reason === 'unsupported_type' || err.reason === 'content_mismatch')
    return new Problem(
      415,
      'Unsupported Media Type',
      err.message,
      { errors: [{ path: 'headers.content-type', message: err.message }] },
      '/problems/unsupported-media-type',
    );
  const path = err.reason === 'invalid_name' ? 'headers.x-filename' : 'body';
  return new Problem(400, 'Invalid request', err.message, { errors: [{ path, message: err.message }] }, '/problems/validation');
}

/** An attachment as the API shows it, with the {name, sha256, size} reference actions take. */
export const toAttachmentView = (a: StoredAttachment) => ({ ...a, reference: { name: a.name, sha256: a.sha256, size: a.size } });

/**
 * Evidence, notices and minutes of a case (附件). The file is stored before any action refers to it,
 * by its SHA-256, so a retried transition never loses or duplicates it: the action carries only
 * {name, sha256, size}.
 */
@Injectable()
export class AttachmentsUseCase {
  constructor(
    private readonly cases: CaseRepository,
    private readonly procedures: ProcedureProjectionRepository,
    @Inject(ATTACHMENT_STORE) private readonly store: AttachmentStorePort,
  ) {}

  async upload(actor: Actor, caseId: string, procedureId: string | undefined, file: UploadedFile) {
    const record = assertCaseAccess(actor, await this.cases.findById(caseId), 'read', caseId);
    if (record.status === 'closed') throw caseClosedProblem(record);
    if (procedureId !== undefined) await this.assertProcedureOf(record, procedureId);
    try {
      const stored = await this.store.save({
        caseId,
        procedureId: procedureId ?? null,
        name: file.name,
        sha256: file.sha256,
        size: file.size,
        contentType: file.contentType,
        addedBy: actor.id,
        content: file.content,
      });
      return toAttachmentView(stored);
    } catch (err) {
      throw rejectionProblem(err) ?? err;
    }
  }

  /**
   * A file filed under a procedure is filed under one the case has (running or ended): 404 as an
   * action on an unknown procedure. A legacy case's one procedure is 'rectification'.
   */
  private async assertProcedureOf(record: CaseRecord, procedureId: string): Promise<void> {
    const known = isLegacyCase(record)
      ? procedureId === LEGACY_PROCEDURE_ID
      : (await this.procedures.findProcedure(record.id, procedureId)) !== null;
    if (!known) throw new Problem(404, 'Not Found', `case ${record.id} has no procedure ${procedureId}`, {}, '/problems/unknown-procedure');
  }

  async list(actor: Actor, caseId: string, procedureId: string | undefined) {
    assertCaseAccess(actor, await this.cases.findById(caseId), 'read', caseId);
    return (await this.store.list(caseId, procedureId)).map(toAttachmentView);
  }

  async download(actor: Actor, caseId: string, attachmentId: string): Promise<{ attachment: StoredAttachment; content: Buffer }> {
    assertCaseAccess(actor, await this.cases.findById(caseId), 'read', caseId);
    const attachment = await this.store.find(caseId, attachmentId);
    if (!attachment) throw new Problem(404, 'Not Found', `no attachment ${attachmentId} on case ${caseId}`);
    return { attachment, content: await this.store.read(attachment) };
  }
}
