/**
 * Citing attachments (引用附件): an action, a procedure's start input or a case's opening input refers
 * to files by {name, sha256, size}; each such reference must be a file uploaded to the same case
 * (POST /cases/{id}/attachments). Pure: the API reads the case's uploads with the cited digests and
 * refuses the request (400, one issue per reference) before anything is sent to a workflow.
 *
 * A reference must equal one upload's own reference exactly (the `reference` the upload answered):
 * - sha256: the file is the case's, not another case's and not one never uploaded;
 * - size: fixed by the bytes, so a different size is a wrong reference, not another file;
 * - name: the same bytes may be uploaded under several names, and the name is what the case's record
 *   of the action shows; it must be one of the names the file was uploaded under, so the record never
 *   names a file the case's attachment list does not have.
 * The reference is checked, never rewritten: the action's event (hash-chained in the case's log)
 * records what the caller sent, and what the caller sent is true.
 */

/** A file as an action cites it. */
export interface AttachmentReference {
  name: string;
  sha256: string;
  size: number;
}

/** One reference and where it sits in the input (e.g. ['notice', 'attachments', '0']). */
export interface CitedAttachment {
  path: string[];
  reference: AttachmentReference;
}

export interface AttachmentCitationIssue {
  path: string[];
  message: string;
}

const isReference = (v: unknown): v is AttachmentReference =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as AttachmentReference).name === 'string' &&
  typeof (v as AttachmentReference).sha256 === 'string' &&
  typeof (v as AttachmentReference).size === 'number';

/**
 * Every attachment reference in an input already validated by its schema: the items of each array
 * under a key `attachments`, at any depth (a criminal transfer's decision notice carries its own).
 */
export function citedAttachments(input: unknown, path: string[] = []): CitedAttachment[] {
  if (Array.isArray(input)) return input.flatMap((v, i) => citedAttachments(v, [...path, String(i)]));
  if (typeof input !== 'object' || input === null) return [];
  return Object.entries(input).flatMap(([key, value]) => {
    if (key === 'attachments' && Array.isArray(value)) {
      return value.flatMap((item, i): CitedAttachment[] =>
        isReference(item) ? [{ path: [...path, key, String(i)], reference: item }] : [],
      );
    }
    return citedAttachments(value, [...path, key]);
  });
}

/**
 * What is wrong with each cited reference, given the case's uploads with the cited digests (of any
 * procedure of the case; uploads of other cases must not be passed in). No issue: every file is the case's.
 */
export function attachmentCitationIssues(
  cited: readonly CitedAttachment[],
  uploaded: readonly AttachmentReference[],
): AttachmentCitationIssue[] {
  return cited.flatMap(({ path, reference }): AttachmentCitationIssue[] => {
    const same = uploaded.filter((u) => u.sha256 === reference.sha256);
    if (same.length === 0)
      return [
        {
          path,
          message: `本案件没有上传过该文件 / no file with SHA-256 ${reference.sha256} was uploaded to this case: upload it first (POST /cases/{id}/attachments), then cite the reference it answers`,
        },
      ];
    const size = same[0]!.size;
    if (reference.size !== size)
      return [
        {
          path: [...path, 'size'],
          message: `附件大小与上传的文件不符 / the file with this SHA-256 uploaded to this case has ${size} bytes, not ${reference.size}`,
        },
      ];
    const name = reference.name.normalize('NFC');
    const names = [...new Set(same.map((u) => u.name))];
    if (!names.includes(name))
      return [
        {
          path: [...path, 'name'],
          message: `附件名称与上传的文件不符 / the file with this SHA-256 was uploaded to this case as ${names.map((n) => JSON.stringify(n)).join(', ')}, not ${JSON.stringify(reference.name)}`,
        },
      ];
    return [];
  });
}

/** Opening a case cites no file: nothing can have been uploaded to a case that does not exist yet. */
export function attachmentsCitedAtOpening(cited: readonly CitedAttachment[]): AttachmentCitationIssue[] {
  return cited.map(({ path }) => ({
    path,
    message:
      '立案时不能引用附件 / a case being opened has no uploaded files to cite: open it, upload the file (POST /cases/{id}/attachments), then cite it in an action',
  }));
}
