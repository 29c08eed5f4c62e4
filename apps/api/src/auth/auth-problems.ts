import { Problem } from '../http/problem';

/** Quoted-string value for WWW-Authenticate (RFC 9110 §5.6.4): no quotes, backslashes or controls. */
const quoted = (s: string) => `"${s.replace(/[\\"]/g, "'").replace(/[\u0000-\u001f\u007f-\uffff]/g, ' ')}"`;

/**
 * No credentials: RFC 6750 §3.1 says to answer with the scheme and no error code, so a client knows to
 * authenticate (and a probe learns nothing else).
 */
export const missingToken = (): Problem =>
  new Problem(
    401,
    'Unauthorized',
    'this endpoint needs a bearer token: Authorization: Bearer <access token> (see docs/identity.md; in development `npm run -s token -- officer@140105`)',
    {},
    '/problems/unauthenticated',
  ).withHeaders({ 'WWW-Authenticate': 'Bearer realm="anjian"' });

/** A token that is malformed, badly signed, from an unknown issuer, for another audience or expired. */
export const invalidToken = (description: string): Problem =>
  new Problem(401, 'Unauthorized', `invalid bearer token: ${description}`, {}, '/problems/invalid-token').withHeaders({
    'WWW-Authenticate': `Bearer realm="anjian", error="invalid_token", error_description=${quoted(description)}`,
  });

/** The token is valid but its user is disabled in the directory: known, and refused. */
export const accountDisabled = (userId: string): Problem =>
  new Problem(
    403,
    'Forbidden',
    `the account ${userId} is disabled in the user directory; an administrator can enable it again`,
    {},
    '/problems/account-disabled',
  );

/** The issuer's discovery document or keys could not be fetched in time: nobody can be verified now. */
export const issuerUnavailable = (issuer: string, why: string): Problem =>
  new Problem(
    503,
    'Service Unavailable',
    `the identity provider ${issuer} did not answer in time (${why}); retry later`,
    { down: ['identity-provider'] },
    '/problems/identity-provider-unavailable',
  ).withHeaders({ 'Retry-After': '5' });
