import { invalidToken, missingToken } from './auth-problems';

/** RFC 6750 §2.1 b64token. */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * The token of an `Authorization: Bearer <token>` header (RFC 6750 §2.1). No header, or another
 * scheme (Basic, …), is a request without bearer credentials; a token with characters a bearer token
 * cannot have is an invalid token. Both are 401 with WWW-Authenticate.
 */
export function bearerToken(header: string | undefined): string {
  const match = header === undefined ? null : /^\s*(\S+)(?:\s+(.*?))?\s*$/.exec(header);
  if (!match || match[1]!.toLowerCase() !== 'bearer') throw missingToken();
  const token = match[2] ?? '';
  if (!B64TOKEN.test(token) || token.length > 16_384) throw invalidToken('malformed bearer token');
  return token;
}
