/** Largest attachment accepted (a scanned notice or a few photos; video evidence is out of scope). */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

/**
 * Media types an attachment may have, each with how its first bytes must look: documents (PDF, OFD
 * 版式文件, Word, Excel, plain text, CSV) and photos. Anything else is refused, so an executable or an
 * archive never lands in a case file under a harmless name.
 */
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP = [0x50, 0x4b, 0x03, 0x04]; // OOXML and OFD are ZIP containers
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // legacy .doc / .xls
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const startsWith = (b: Buffer, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const isWebp = (b: Buffer) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP';
/** Text in any ASCII-compatible encoding (UTF-8, GB 18030): no NUL byte in its first 64 KiB. */
const isText = (b: Buffer) => !b.subarray(0, 64 * 1024).includes(0);

export const ATTACHMENT_CONTENT_CHECKS: Readonly<Record<string, (content: Buffer) => boolean>> = {
  'application/pdf': (b) => startsWith(b, PDF),
  'application/ofd': (b) => startsWith(b, ZIP),
  'application/msword': (b) => startsWith(b, OLE),
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': (b) => startsWith(b, ZIP),
  'application/vnd.ms-excel': (b) => startsWith(b, OLE),
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': (b) => startsWith(b, ZIP),
  'text/plain': isText,
  'text/csv': isText,
  'image/jpeg': (b) => startsWith(b, JPEG),
  'image/png': (b) => startsWith(b, PNG),
  'image/webp': isWebp,
};

export const ATTACHMENT_MEDIA_TYPES: readonly string[] = Object.keys(ATTACHMENT_CONTENT_CHECKS);

export type AttachmentRefusal = 'empty' | 'too_large' | 'unsupported_type' | 'content_mismatch' | 'digest_mismatch' | 'invalid_name';

/** A file the store refuses, with why (the API answers 413 for too_large, 415 for a type, else 400). */
export class AttachmentRejectedError extends Error {
  constructor(
    readonly reason: AttachmentRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'AttachmentRejectedError';
  }
}

/** The media type without parameters, lower case ('Text/Plain; charset=gbk' → 'text/plain'). */
export const mediaTypeOf = (contentType: string): string => contentType.split(';')[0]!.trim().toLowerCase();

/** Refuses an empty or too large file, a media type not allowed, or bytes that are not what the type says. */
export function checkAttachmentContent(contentType: string, content: Buffer, maxBytes = ATTACHMENT_MAX_BYTES): void {
  if (content.length === 0) throw new AttachmentRejectedError('empty', 'the file is empty');
  if (content.length > maxBytes) throw new AttachmentRejectedError('too_large', `an attachment may have at most ${maxBytes} bytes`);
  const check = ATTACHMENT_CONTENT_CHECKS[mediaTypeOf(contentType)];
  if (!check) {
    throw new AttachmentRejectedError(
      'unsupported_type',
      `an attachment must be one of ${ATTACHMENT_MEDIA_TYPES.join(', ')}; not '${contentType}'`,
    );
  }
  if (!check(content)) throw new AttachmentRejectedError('content_mismatch', `the file's content is not ${mediaTypeOf(contentType)}`);
}
