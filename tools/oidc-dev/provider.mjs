// The development OpenID Connect provider (docs/identity.md). oidc-provider 9 is ESM-only, so this runs
// as its own Node process (`npm start` supervises it; the integration tests' global setup starts one).
// Accounts are the active users of the directory (PostgreSQL `users`); the directory, not the token,
// decides what a user may do. Besides the standard flows it offers one development-only grant (via
// oidc-provider's registerGrantType extension point) so that `npm run -s token -- <username>` gets an
// access token without a browser: a confidential client names a username and receives a JWT access
// token for the API resource (aud = OIDC_AUDIENCE). Never run it in production: it refuses to.
//
// Environment: DATABASE_URL, OIDC_DEV_PORT (0 = any free port), OIDC_DEV_HOST (127.0.0.1),
// OIDC_DEV_KEYS_FILE (signing keys, generated on first start), OIDC_AUDIENCE.
// On stdout it prints one JSON line {"ready":true,"issuer":...} once it serves requests.
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { errors } from 'oidc-provider';
import pg from 'pg';

const here = dirname(fileURLToPath(import.meta.url));
const DEV = JSON.parse(readFileSync(join(here, 'client.json'), 'utf8'));

if (process.env.NODE_ENV === 'production') {
  process.stderr.write('oidc-dev: refusing to run with NODE_ENV=production (development provider: anyone on this host can get a token)\n');
  process.exit(1);
}

const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/anjian';
const port = Number(process.env.OIDC_DEV_PORT ?? 3001);
const host = process.env.OIDC_DEV_HOST ?? '127.0.0.1';
const audience = process.env.OIDC_AUDIENCE ?? DEV.audience;
const keysFile = process.env.OIDC_DEV_KEYS_FILE ?? join(here, '..', '..', 'data', 'oidc-dev', 'jwks.json');

/** Signing keys: generated once into the data directory (never committed), reused on every start. */
async function signingKeys() {
  if (existsSync(keysFile)) return JSON.parse(readFileSync(keysFile, 'utf8'));
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: `dev-${Date.now().toString(36)}` };
  const jwks = { keys: [jwk] };
  mkdirSync(dirname(keysFile), { recursive: true });
  writeFileSync(keysFile, JSON.stringify(jwks), { mode: 0o600 });
  return jwks;
}

// Every directory query has a deadline: a database that does not answer fails the token request.
const pool = new pg.Pool({
  connectionString: databaseUrl,
  max: 4,
  connectionTimeoutMillis: 5_000,
  statement_timeout: 5_000,
  query_timeout: 6_000,
  idleTimeoutMillis: 10_000,
});

// An idle connection the server ended (a restart, a dropped test database) is discarded, not fatal.
pool.on('error', (err) => process.stderr.write(`oidc-dev: idle PostgreSQL connection lost: ${err.message}\n`));

/** The directory user behind an account id, or undefined when unknown or disabled. */
async function activeUser(id) {
  if (typeof id !== 'string' || id.length === 0 || id.length > 64) return undefined;
  const { rows } = await pool.query('SELECT id, name FROM users WHERE id = $1 AND active', [id]);
  return rows[0];
}

async function findAccount(_ctx, id) {
  const user = await activeUser(id);
  if (!user) return undefined;
  return {
    accountId: user.id,
    // Only who the user is; role, jurisdiction and sectors are the API's to read from the directory.
    async claims() {
      return { sub: user.id, name: user.name, preferred_username: user.id };
    },
  };
}

const RESOURCE = {
  scope: DEV.scope,
  audience,
  accessTokenFormat: 'jwt',
  accessTokenTTL: DEV.accessTokenTtlSeconds,
  jwt: { sign: { alg: 'RS256' } },
};

// Keys first: from `listen` on, the provider must be attached before the event loop turns again, or
// an early request (a readiness probe) would reach a server with no handler and never be answered.
const jwks = await signingKeys();
const server = createServer();
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(port, host, resolve);
});
const issuer = `http://${host}:${server.address().port}`;

const provider = new Provider(issuer, {
  findAccount,
  jwks,
  clients: [
    {
      client_id: DEV.clientId,
      client_secret: DEV.clientSecret,
      grant_types: [DEV.grantType],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  features: {
    // RFC 8707: the API is a resource server; its tokens are JWTs whose aud is the API.
    resourceIndicators: {
      enabled: true,
      defaultResource: () => audience,
      useGrantedResource: () => true,
      getResourceServerInfo(_ctx, resourceIndicator) {
        if (resourceIndicator !== audience) throw new errors.InvalidTarget(`unknown resource; this provider serves ${audience}`);
        return RESOURCE;
      },
    },
    devInteractions: { enabled: false },
  },
  scopes: ['openid', DEV.scope],
});

/**
 * The development-only grant: `username` names an active directory user; the client must authenticate
 * (client_secret_basic). The token is built with oidc-provider's own models (Grant, AccessToken,
 * ResourceServer), so it is signed, formatted and audited exactly like one from the standard flows.
 */
async function devUserGrant(ctx) {
  const { client, params } = ctx.oidc;
  const username = params.username;
  if (!username) throw new errors.InvalidRequest('missing required parameter: username');
  const resource = params.resource ?? audience;
  if (resource !== audience) throw new errors.InvalidTarget(`unknown resource; this provider serves ${audience}`);
  const account = await findAccount(ctx, username);
  if (!account) throw new errors.InvalidGrant('no active user with this username in the directory');

  const grant = new provider.Grant({ accountId: account.accountId, clientId: client.clientId });
  grant.addResourceScope(audience, DEV.scope);
  const grantId = await grant.save();

  const token = new provider.AccessToken({ accountId: account.accountId, client, grantId, gty: DEV.grantType, scope: DEV.scope });
  token.resourceServer = new provider.ResourceServer(audience, RESOURCE);
  ctx.oidc.entity('AccessToken', token);
  const value = await token.save();
  ctx.body = { access_token: value, token_type: 'Bearer', expires_in: token.expiration, scope: token.scope };
}
provider.registerGrantType(DEV.grantType, devUserGrant, ['username', 'resource']);

provider.on('server_error', (_ctx, err) => process.stderr.write(`oidc-dev: server error: ${err.stack ?? err}\n`));
server.on('request', provider.callback());
process.stdout.write(`${JSON.stringify({ ready: true, issuer })}\n`);

const stop = () => {
  server.close();
  pool.end().finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 3_000).unref();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
// A parent that died without stopping us (a killed test run) must not leave a provider behind.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && stop(), 2_000).unref();
