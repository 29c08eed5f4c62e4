import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { loadEnv } from '@anjian/config';
import { createDataSource, DirectoryRepository, UnknownJurisdictionError } from '@anjian/persistence';
import { Client } from '@temporalio/client';
import { exportJWK, generateKeyPair, type JWTPayload, type KeyLike, SignJWT } from 'jose';
import pino from 'pino';
import { createApp } from '../../apps/api/src/create-app';
import { ROOT } from '../../tools/stack/temporal-cli';
import { DEV_CLIENT } from '../../tools/oidc-dev/dev-client';
import { startTestStack, type TestStack } from '../support/test-stack';
import { tokenFor } from '../support/test-identity';
import { unreachableTemporal } from '../support/unreachable-temporal';

/**
 * Authentication (docs/identity.md): every route but health, metrics and the API description needs a
 * bearer token of a configured OpenID Connect issuer — signature, iss, aud and exp/nbf (with clock
 * skew) checked through the issuer's discovery document and JWKS — naming an active directory user.
 * Besides the tests' development provider, this file runs a second issuer of its own (discovery +
 * JWKS over HTTP, its own key) so that it can sign exactly the bad tokens it needs.
 */
const SKEW_S = 30;
const DAY_S = 86_400;
const NO_CASE = `/cases/${'00000000-0000-4000-8000-000000000000'}`;

interface TestIssuer {
  issuer: string;
  key: KeyLike;
  server: Server;
}

async function startTestIssuer(): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-issuer-key', alg: 'ES256', use: 'sig' };
  const server = createServer((req, res) => {
    const body =
      req.url === '/.well-known/openid-configuration'
        ? { issuer: issuerUrl(), jwks_uri: `${issuerUrl()}/jwks` }
        : req.url === '/jwks'
          ? { keys: [jwk] }
          : null;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const issuerUrl = () => `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  return { issuer: issuerUrl(), key: privateKey, server };
}

const nowS = () => Math.floor(Date.now() / 1000);

describe('authentication', () => {
  let stack: TestStack;
  let other: TestIssuer;
  let directory: DirectoryRepository;
  const get = (token: string | null, path = NO_CASE) =>
    fetch(`${stack.baseUrl}${path}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });
  /** A token of this file's own issuer: valid unless the test overrides a claim (`iat: null` leaves it out). */
  const sign = (claims: Omit<JWTPayload, 'iat'> & { iat?: number | null } = {}, o: { kid?: string } = {}) => {
    const { iat, ...rest } = claims;
    const jwt = new SignJWT({ sub: 'officer@140105', ...rest })
      .setProtectedHeader({ alg: 'ES256', kid: o.kid ?? 'test-issuer-key', typ: 'at+jwt' })
      .setIssuer((claims.iss as string | undefined) ?? other.issuer)
      .setAudience((claims.aud as string | undefined) ?? DEV_CLIENT.audience)
      .setExpirationTime((claims.exp as number | undefined) ?? nowS() + 300);
    if (iat !== null) jwt.setIssuedAt(iat ?? nowS());
    return jwt.sign(other.key);
  };

  beforeAll(async () => {
    other = await startTestIssuer();
    stack = await startTestStack({
      env: { OIDC_ISSUERS: `${process.env['TEST_OIDC_ISSUER']},${other.issuer}`, OIDC_CLOCK_SKEW_S: String(SKEW_S) },
    });
    directory = new DirectoryRepository(stack.db);
  });
  afterAll(async () => {
    await stack?.stop();
    other?.server.close();
  });

  const expect401 = async (res: Response, description: RegExp | null) => {
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const challenge = res.headers.get('www-authenticate');
    if (description === null) expect(challenge).toBe('Bearer realm="anjian"');
    else {
      expect(challenge).toMatch(/^Bearer realm="anjian", error="invalid_token", error_description="[^"]*"$/);
      expect(challenge).toMatch(description);
    }
    return (await res.json()) as { status: number; type: string };
  };

  it('answers a request without a token with 401 and a Bearer challenge; health, metrics and the document stay public', async () => {
    const body = await expect401(await get(null), null);
    expect(body).toMatchObject({ status: 401, type: '/problems/unauthenticated' });
    for (const path of ['/health', '/metrics', '/openapi.json', '/docs']) expect((await get(null, path)).status).toBe(200);
  });

  it('accepts a token of the development provider for a seeded demo user (the case is simply not there: 404)', async () => {
    expect((await get(await tokenFor('officer@140105'))).status).toBe(404);
  });

  it('refuses a token whose signature does not verify', async () => {
    const [h, p, s] = (await tokenFor('officer@140105')).split('.');
    const flipped = `${s!.slice(0, 10)}${s![10] === 'A' ? 'B' : 'A'}${s!.slice(11)}`;
    await expect401(await get(`${h}.${p}.${flipped}`), /signature verification failed/);
    // Signed by another key while claiming the development provider as issuer: no key of it matches.
    await expect401(await get(await sign({ iss: process.env['TEST_OIDC_ISSUER'] })), /no key of the issuer matches/);
  });

  it('refuses a token of an issuer that is not configured, and one for another audience', async () => {
    await expect401(await get(await sign({ iss: 'https://idp.example.com' })), /not from a trusted issuer/);
    await expect401(await get(await sign({ aud: 'urn:some-other-api' })), /not for this API \(aud\)/);
    // A token of the second configured issuer, all claims right, passes: any configured issuer works.
    expect((await get(await sign())).status).toBe(404);
  });

  it(`refuses a token expired beyond the clock skew (${SKEW_S} s) and takes one expired within it; likewise nbf`, async () => {
    await expect401(await get(await sign({ exp: nowS() - SKEW_S - 30 })), /expired/);
    expect((await get(await sign({ exp: nowS() - SKEW_S + 20 }))).status).toBe(404);
    await expect401(await get(await sign({ nbf: nowS() + SKEW_S + 60 })), /not valid yet \(nbf\)/);
    expect((await get(await sign({ nbf: nowS() + SKEW_S - 20 }))).status).toBe(404);
    await expect401(await get('eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.'), /trusted issuer|malformed/);
  });

  it(`requires iat and refuses one in the future beyond the clock skew (${SKEW_S} s)`, async () => {
    await expect401(await get(await sign({ iat: nowS() + 3600, exp: nowS() + 3900 })), /issued in the future \(iat\)/);
    await expect401(await get(await sign({ iat: nowS() + SKEW_S + 60 })), /issued in the future \(iat\)/);
    expect((await get(await sign({ iat: nowS() + SKEW_S - 20 }))).status).toBe(404);
    await expect401(await get(await sign({ iat: null })), /no usable issue time \(iat\)/);
  });

  it(`bounds a token's lifetime at OIDC_MAX_TOKEN_AGE_S (default ${DAY_S} s), whatever its exp`, async () => {
    // Declared for 100 years: refused at once.
    await expect401(
      await get(await sign({ exp: nowS() + 100 * 365 * DAY_S })),
      /lifetime \(exp - iat, \d+ s\) exceeds the accepted maximum of 86400 s/,
    );
    await expect401(await get(await sign({ iat: nowS() - 60, exp: nowS() + DAY_S })), /exceeds the accepted maximum/);
    // Exactly the maximum passes (Auth0's default API token lifetime, for one).
    expect((await get(await sign({ iat: nowS() - 60, exp: nowS() - 60 + DAY_S }))).status).toBe(404);
    // Issued longer ago than the maximum age (beyond the skew), still within its exp: refused as expired.
    await expect401(
      await get(await sign({ iat: nowS() - DAY_S - SKEW_S - 60, exp: nowS() + 300 })),
      /expired: it was issued longer ago than the accepted maximum age \(iat\)/,
    );
  });

  it('refuses a token it accepted before once the token has expired (a verified token is not remembered past exp + skew)', async () => {
    const token = await sign({ exp: nowS() - SKEW_S + 2 }); // acceptable for about 2 more seconds
    expect((await get(token)).status).toBe(404);
    expect((await get(token)).status).toBe(404); // the second time from the verified-token cache
    await new Promise((r) => setTimeout(r, 3_100));
    await expect401(await get(token), /expired/);
  });

  it('refuses a valid token that names nobody in the user directory (401)', async () => {
    await expect401(await get(await sign({ sub: `nobody-${randomUUID()}` })), /not in the user directory/);
  });

  it('refuses a disabled user at once, and takes a role change at once (the directory is read on every request)', async () => {
    const id = `auth-test-${randomUUID().slice(0, 8)}@140105`;
    await directory.createUser({ id, name: '测试用户', role: 'officer', jurisdiction: '140105', sectors: ['industry_trade'] });
    const token = await sign({ sub: id });
    expect((await get(token)).status).toBe(404);
    expect((await get(token, '/admin/policies')).status).toBe(403);

    await directory.updateUser(id, { role: 'administrator', jurisdiction: '000000' });
    expect((await get(token, '/admin/policies')).status).toBe(200);

    await directory.updateUser(id, { active: false });
    const refused = await get(token);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ status: 403, type: '/problems/account-disabled' });
    // The development provider no longer issues tokens for the disabled user either.
    await expect(tokenFor(id)).rejects.toThrow(/no active user/);

    await directory.updateUser(id, { active: true });
    expect((await get(token)).status).toBe(404);
  });

  it('refuses a user in a jurisdiction that is not in the 行政区划 table', async () => {
    const id = `auth-test-${randomUUID().slice(0, 8)}@999999`;
    await expect(
      directory.createUser({ id, name: '无效辖区', role: 'officer', jurisdiction: '999999', sectors: [] }),
    ).rejects.toBeInstanceOf(UnknownJurisdictionError);
    expect(await directory.findUser(id)).toBeNull();
    await expect(directory.updateUser('officer@140106', { jurisdiction: '999999' })).rejects.toBeInstanceOf(UnknownJurisdictionError);
    expect(await directory.findUser('officer@140106')).toMatchObject({ jurisdiction: '140106' });
  });

  it('answers 503 within the deadline when the issuer cannot be reached (discovery refused or hanging)', async () => {
    const silent = createServer(() => undefined); // accepts connections, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentPort = (silent.address() as { port: number }).port;
    const issuers = ['http://127.0.0.1:1', `http://127.0.0.1:${silentPort}`];
    const env = loadEnv({
      DATABASE_URL: process.env['TEST_DATABASE_URL'],
      API_PORT: '0',
      OIDC_ISSUERS: issuers.join(','),
      OIDC_AUDIENCE: DEV_CLIENT.audience,
      OIDC_HTTP_TIMEOUT_MS: '1000',
    });
    const db = await createDataSource(env.DATABASE_URL, 1).initialize();
    const unreachable = unreachableTemporal(); // nothing listens on port 1
    const { connection } = unreachable;
    const app = await createApp({ env, db, temporal: new Client({ connection }), log: pino({ level: 'silent' }) });
    await app.listen(0, '127.0.0.1');
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    try {
      for (const iss of issuers) {
        const t0 = Date.now();
        const res = await fetch(`${url}${NO_CASE}`, { headers: { authorization: `Bearer ${await sign({ iss })}` } });
        expect(res.status).toBe(503);
        expect(res.headers.get('retry-after')).toBe('5');
        expect(await res.json()).toMatchObject({ type: '/problems/identity-provider-unavailable', down: ['identity-provider'] });
        expect(Date.now() - t0).toBeLessThan(3_000);
      }
    } finally {
      await app.close();
      await unreachable.close();
      await db.destroy();
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('`npm run -s token -- officer@140105` prints a token the API accepts; an unknown user gets an error, not a token', async () => {
    const run = (user: string) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn('npm', ['run', '-s', 'token', '--', user], {
          cwd: ROOT,
          env: { ...process.env, OIDC_DEV_ISSUER: process.env['TEST_OIDC_ISSUER'] },
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
    const ok = await run('officer@140105');
    expect(ok.code).toBe(0);
    const token = ok.stdout.trim();
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect((await get(token)).status).toBe(404);
    expect((await get(token, '/admin/policies')).status).toBe(403); // an officer, as the directory says

    const unknown = await run('nobody@140105');
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/no active user 'nobody@140105'/);
  });
});
