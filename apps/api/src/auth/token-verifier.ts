import { createRemoteJWKSet, decodeJwt, type JWTPayload, jwtVerify } from 'jose';
import { invalidToken, issuerUnavailable } from './auth-problems';
import { VerifiedTokenCache } from './verified-token-cache';

export interface TokenVerifierConfig {
  /** Issuer identifiers (URLs) whose tokens are accepted; each is found through OIDC discovery. */
  issuers: string[];
  /** The `aud` an access token must carry: this API's resource identifier. */
  audience: string;
  /** Tolerance on exp/nbf/iat, seconds. */
  clockSkewS: number;
  /**
   * Longest accepted token lifetime, seconds: `iat` is required and may not lie in the future (beyond
   * the skew), `exp − iat` may not exceed it, and a token is refused once this long past its `iat` (plus
   * the skew) whatever its `exp`.
   */
  maxTokenAgeS: number;
  /** Claim naming the directory user (users.id). */
  usernameClaim: string;
  /** Deadline on each HTTP call to an issuer (discovery, JWKS). */
  httpTimeoutMs: number;
  /** How many verified tokens to remember (verified-token-cache.ts); 0 verifies every request. */
  cacheEntries?: number;
}

/** A verified token is trusted again for 5 minutes at most (less than jose's 10-minute key-set cache). */
const VERIFIED_MAX_AGE_MS = 5 * 60_000;

export interface VerifiedToken {
  issuer: string;
  username: string;
  claims: JWTPayload;
}

type Keys = ReturnType<typeof createRemoteJWKSet>;

/** Asymmetric algorithms only: a shared-secret (HS*) token could be forged by anyone holding the secret. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** jose failures that mean "the issuer or its keys could not be reached", not "the token is bad". */
const UNREACHABLE_CODES = new Set(['ERR_JWKS_TIMEOUT', 'ERR_JOSE_GENERIC', 'ERR_JWKS_INVALID']);

const WHY: Record<string, (e: { claim?: string; reason?: string; message: string }) => string> = {
  ERR_JWT_EXPIRED: (e) =>
    e.claim === 'iat' ? 'the token has expired: it was issued longer ago than the accepted maximum age (iat)' : 'the token has expired',
  ERR_JWT_CLAIM_VALIDATION_FAILED: (e) =>
    e.claim === 'aud'
      ? 'the token is not for this API (aud)'
      : e.claim === 'iss'
        ? 'unexpected issuer (iss)'
        : e.claim === 'nbf'
          ? 'the token is not valid yet (nbf)'
          : e.claim === 'iat'
            ? e.reason === 'check_failed'
              ? 'the token is issued in the future (iat)'
              : 'the token has no usable issue time (iat)'
            : `claim check failed: ${e.claim ?? e.message}`,
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: () => 'signature verification failed',
  ERR_JWKS_NO_MATCHING_KEY: () => 'no key of the issuer matches the token (kid/alg)',
  ERR_JWKS_MULTIPLE_MATCHING_KEYS: () => 'the token names no single key of the issuer',
  ERR_JOSE_ALG_NOT_ALLOWED: () => 'signing algorithm not accepted',
  ERR_JOSE_NOT_SUPPORTED: () => 'signing algorithm not supported',
  ERR_JWS_INVALID: () => 'malformed token',
  ERR_JWT_INVALID: () => 'malformed token',
};

/**
 * Verifies bearer access tokens of any configured OpenID Connect issuer (docs/identity.md): the issuer
 * is looked up by the token's `iss` among the configured ones, its keys come from the `jwks_uri` of its
 * discovery document (cached; refetched for an unknown `kid`), and jose checks the signature, `iss`,
 * `aud`, `exp` and `iat` (both required), `nbf`, and the token's age against `maxTokenAgeS`, with the
 * configured clock skew; this class refuses a declared lifetime (`exp − iat`) beyond `maxTokenAgeS`.
 * Throws Problems: 401 for a bad token, 503 when the issuer cannot be reached in time.
 */
export class TokenVerifier {
  private readonly keys = new Map<string, Promise<Keys>>();
  private readonly verified: VerifiedTokenCache<VerifiedToken>;

  constructor(private readonly config: TokenVerifierConfig) {
    this.verified = new VerifiedTokenCache({ maxEntries: config.cacheEntries ?? 10_000, maxAgeMs: VERIFIED_MAX_AGE_MS });
  }

  async verify(token: string): Promise<VerifiedToken> {
    const known = this.verified.get(token);
    if (known) return known;
    const result = await this.verifyOnce(token);
    // jose required `exp` and `iat`; the token stays acceptable up to exp + the clock skew and up to
    // iat + the maximum age + the skew, as jose judged it, whichever comes first.
    const { exp, iat } = result.claims as { exp: number; iat: number };
    this.verified.set(token, result, (Math.min(exp, iat + this.config.maxTokenAgeS) + this.config.clockSkewS) * 1000);
    return result;
  }

  private async verifyOnce(token: string): Promise<VerifiedToken> {
    let unverified: JWTPayload;
    try {
      unverified = decodeJwt(token);
    } catch {
      throw invalidToken('malformed token (expected a signed JWT access token)');
    }
    const issuer = typeof unverified.iss === 'string' ? unverified.iss : undefined;
    if (!issuer || !this.config.issuers.includes(issuer)) throw invalidToken('the token is not from a trusted issuer (iss)');

    const keys = await this.keysOf(issuer);
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, keys, {
        issuer,
        audience: this.config.audience,
        clockTolerance: this.config.clockSkewS,
        requiredClaims: ['exp', 'iat'],
        // Also refuses an `iat` in the future beyond the clock tolerance.
        maxTokenAge: this.config.maxTokenAgeS,
        algorithms: ALGORITHMS,
      }));
    } catch (err) {
      const e = err as { code?: string; claim?: string; reason?: string; message: string };
      const why = e.code ? WHY[e.code] : undefined;
      if (why) throw invalidToken(why(e));
      // Anything else is the issuer's keys not being reachable or readable (timeout, refused, not 200).
      if (!e.code || UNREACHABLE_CODES.has(e.code)) {
        this.keys.delete(issuer);
        throw issuerUnavailable(issuer, e.code === 'ERR_JWKS_TIMEOUT' ? 'keys (JWKS) timed out' : `keys (JWKS): ${e.message}`);
      }
      throw invalidToken(e.message);
    }
    // A lifetime longer than allowed is refused outright, not only once it has run for maxTokenAgeS:
    // the issuer is configured for longer-lived tokens than this API accepts (OIDC_MAX_TOKEN_AGE_S).
    const lifetimeS = (claims.exp as number) - (claims.iat as number);
    if (lifetimeS > this.config.maxTokenAgeS)
      throw invalidToken(`the token's lifetime (exp - iat, ${lifetimeS} s) exceeds the accepted maximum of ${this.config.maxTokenAgeS} s`);
    const username = claims[this.config.usernameClaim];
    if (typeof username !== 'string' || username.length === 0 || username.length > 64)
      throw invalidToken(`the token has no usable '${this.config.usernameClaim}' claim`);
    return { issuer, username, claims };
  }

  /** The issuer's key set, found through discovery once; a failed discovery is retried on the next request. */
  private keysOf(issuer: string): Promise<Keys> {
    let keys = this.keys.get(issuer);
    if (!keys) {
      keys = this.discover(issuer);
      this.keys.set(issuer, keys);
      keys.catch(() => this.keys.delete(issuer));
    }
    return keys;
  }

  private async discover(issuer: string): Promise<Keys> {
    const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    let doc: { issuer?: unknown; jwks_uri?: unknown };
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(this.config.httpTimeoutMs), headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(`discovery answered ${res.status}`);
      doc = (await res.json()) as typeof doc;
    } catch (err) {
      const e = err as Error;
      throw issuerUnavailable(issuer, e.name === 'TimeoutError' ? 'discovery timed out' : `discovery: ${e.message}`);
    }
    // OpenID Connect Discovery §4.3: the document must name exactly the issuer it was fetched for.
    if (doc.issuer !== issuer || typeof doc.jwks_uri !== 'string')
      throw issuerUnavailable(issuer, 'its discovery document names another issuer or no jwks_uri');
    return createRemoteJWKSet(new URL(doc.jwks_uri), { timeoutDuration: this.config.httpTimeoutMs });
  }
}
