/** Largest attachment accepted (a scanned notice or a few photos; video evidence is out of scope). */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

/**
 * Media types an attachment may have: documents (PDF, OFD 版式文件, Word, Excel, plain text, CSV) and
 * photos. Anything else is a 415, so an executable or an archive never lands in a case file.
 */
export const ATTACHMENT_MEDIA_TYPES = [
  'application/pdf',
  'application/ofd',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/plain',
  'text/csv',
  'image/jpeg',
  'image/png',
  'image/webp',
] as const;
