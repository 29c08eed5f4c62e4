import { DEV_CLIENT } from '../../tools/oidc-dev/dev-client';
import { bearerHeaders, cachedDevToken } from '../../tools/oidc-dev/dev-identity';

/**
 * Tests keep describing callers as `x-actor-*` header objects (test/support/http.ts: OFFICER,
 * officerIn(j), inline ones). Before a request those become what the API accepts now
 * (tools/oidc-dev/dev-identity.ts): the user is put into the directory (inserted if missing; role,
 * jurisdiction and sectors brought in line with the headers; `active` never touched, so a test that
 * disables a user sees it refused), and a bearer token for it comes from the development provider
 * global-setup started (cached per user). `x-actor-sectors` (comma-separated) is optional: none = all
 * sectors. `x-actor-name` sets the directory name.
 */

function need(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run integration tests through jest's global setup (npm test)`);
  return v;
}

/** Configuration every API built in a test needs: trust the tests' development provider. */
export function testIdentityEnv(): Record<string, string> {
  return { OIDC_ISSUERS: need('TEST_OIDC_ISSUER'), OIDC_AUDIENCE: DEV_CLIENT.audience };
}

/** APIs of this process that use a database other than the test database (their directory needs the user too). */
const otherDirectories = new Map<string, string>();

/** Tells the identity helper which database an API at `baseUrl` reads its directory from. */
export function registerTestApi(baseUrl: string, databaseUrl: string): void {
  const dbName = (u: string) => new URL(u).pathname;
  if (dbName(databaseUrl) !== dbName(need('TEST_DATABASE_URL'))) otherDirectories.set(new URL(baseUrl).origin, databaseUrl);
}

/** A bearer token of the tests' provider for a directory user (cached). */
export const tokenFor = (username: string): Promise<string> => cachedDevToken(need('TEST_OIDC_ISSUER'), username);

/**
 * The headers to send to the API at `baseUrl`: x-actor-* replaced by a bearer token for that user. The
 * provider reads accounts from the test database, so the user goes there, and also into the API's own
 * database when it uses another one (registerTestApi).
 */
export function withBearer(baseUrl: string, headers: Record<string, string>): Promise<Record<string, string>> {
  const other = otherDirectories.get(new URL(baseUrl).origin);
  return bearerHeaders(headers, { issuer: need('TEST_OIDC_ISSUER'), directories: [need('TEST_DATABASE_URL'), ...(other ? [other] : [])] });
}
