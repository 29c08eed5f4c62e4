import { Problem } from '../http/problem';
import { bearerToken } from './bearer-token';

const refusal = (header: string | undefined) => {
  try {
    bearerToken(header);
  } catch (e) {
    return e as Problem;
  }
  throw new Error(`accepted ${header}`);
};

describe('bearerToken (RFC 6750 §2.1)', () => {
  it('takes the token of a Bearer header, whatever the scheme case and surrounding space', () => {
    expect(bearerToken('Bearer abc.def-_~+/=')).toBe('abc.def-_~+/=');
    expect(bearerToken('bearer  x.y.z ')).toBe('x.y.z');
  });

  it.each([[undefined], [''], ['Basic dXNlcjpwYXNz'], ['Token abc']])(
    'answers %p as a request without bearer credentials: 401, a challenge without an error code',
    (header) => {
      const p = refusal(header);
      expect(p).toBeInstanceOf(Problem);
      expect(p.status).toBe(401);
      expect(p.headers['WWW-Authenticate']).toBe('Bearer realm="anjian"');
    },
  );

  it.each([['Bearer'], ['Bearer a b'], ['Bearer a"b'], ['Bearer é'], [`Bearer ${'a'.repeat(16_385)}`]])(
    'answers %p as an invalid token',
    (header) => {
      const p = refusal(header);
      expect(p.status).toBe(401);
      expect(p.headers['WWW-Authenticate']).toMatch(
        /^Bearer realm="anjian", error="invalid_token", error_description="malformed bearer token"$/,
      );
    },
  );
});
