import { validationProblem } from './problem';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a header that carries text a person typed (an attachment's file name). HTTP header values are bytes, and
 * Node hands them over one byte per character (latin1), so '李复查' sent as raw UTF-8 arrives as
 * 'æ\u009d\u008eå¤\u008dæ\u009f¥'. Accepted forms, in this order:
 *  - RFC 8187 ext-value `UTF-8''%E6%9D%8E%E5%A4%8D%E6%9F%A5` (charset must be UTF-8);
 *  - percent-encoded UTF-8 `%E6%9D%8E%E5%A4%8D%E6%9F%A5` (what curl examples send);
 *  - raw UTF-8 bytes.
 * Anything that decodes to no valid UTF-8 is refused with 400 naming the header, never guessed at.
 */
export function decodeHeaderText(raw: string, header: string): string {
  const refuse = (message: string) => validationProblem('headers', [{ path: `headers.${header}`, message }]);
  let value = raw;
  const ext = /^([A-Za-z0-9_-]+)'[A-Za-z0-9-]*'(.*)$/.exec(value);
  if (ext) {
    if (ext[1]!.toLowerCase() !== 'utf-8') throw refuse(`charset '${ext[1]}' is not supported; use UTF-8''<percent-encoded UTF-8>`);
    value = ext[2]!;
    if (/[^\x21-\x7e]/.test(value)) throw refuse("an RFC 8187 value (UTF-8''…) must be percent-encoded ASCII");
  }
  if (/[\u0080-\u00ff]/.test(value)) {
    try {
      value = utf8.decode(Buffer.from(value, 'latin1'));
    } catch {
      throw refuse('is not valid UTF-8; send UTF-8 bytes or percent-encoded UTF-8 (e.g. %E6%9D%8E for 李)');
    }
  }
  if (value.includes('%')) {
    try {
      value = decodeURIComponent(value);
    } catch {
      throw refuse('malformed percent-encoding: each % must start %XX, and the bytes must be UTF-8 (e.g. %E6%9D%8E for 李)');
    }
  }
  return value;
}
