import { bearerHeaders } from '../oidc-dev/dev-identity';

/**
 * Who the fuzzer calls as. Each fixed identity describes a directory user with x-actor-* fields;
 * before a run it becomes a real caller: the user is put into the API's directory and the development
 * provider issues a bearer token for it (tools/oidc-dev/dev-identity.ts), so generated requests get
 * past authentication and reach the use cases. The `anonymous` profile sends no token: every
 * operation but the public ones must answer 401 (as the document says).
 */
export interface FuzzIdentity {
  /** Short name used in reports and file names. */
  name: string;
  /** The directory user (x-actor-* fields); null = no token at all. */
  headers: Record<string, string> | null;
  /** May this identity open cases (so the runner seeds some for it)? */
  opensCases: boolean;
}

const as = (id: string, role: string, jurisdiction: string): Record<string, string> => ({
  'x-actor-id': id,
  'x-actor-role': role,
  'x-actor-jurisdiction': jurisdiction,
});

export const FUZZ_IDENTITIES: readonly FuzzIdentity[] = [
  { name: 'officer', headers: as('fuzz-officer', 'officer', '140105'), opensCases: true },
  { name: 'supervisor', headers: as('fuzz-supervisor', 'supervisor', '140100'), opensCases: true },
  { name: 'agency-head', headers: as('fuzz-head', 'agency_head', '140100'), opensCases: false },
  { name: 'national-admin', headers: as('fuzz-admin', 'administrator', '000000'), opensCases: false },
  { name: 'regional-admin', headers: as('fuzz-admin-sx', 'administrator', '140000'), opensCases: false },
  { name: 'viewer', headers: as('fuzz-viewer', 'viewer', '140105'), opensCases: false },
  { name: 'anonymous', headers: null, opensCases: false },
];

export function identitiesNamed(list: string | undefined): FuzzIdentity[] {
  if (!list) return [...FUZZ_IDENTITIES];
  const wanted = list.split(',').map((s) => s.trim());
  const unknown = wanted.filter((n) => !FUZZ_IDENTITIES.some((i) => i.name === n));
  if (unknown.length)
    throw new Error(`unknown fuzz identity ${unknown.join(', ')}; known: ${FUZZ_IDENTITIES.map((i) => i.name).join(', ')}`);
  return FUZZ_IDENTITIES.filter((i) => wanted.includes(i.name));
}

/**
 * Where identities get their tokens and directory entries: FUZZ_OIDC_ISSUER / FUZZ_DIRECTORY_URL
 * (set by the fuzz stack, or by hand for FUZZ_BASE_URL), else the integration tests' provider and
 * database (TEST_OIDC_ISSUER / TEST_DATABASE_URL), else `npm start`'s provider and DATABASE_URL.
 */
function identitySource(): { issuer: string; directories: string[] } {
  const env = process.env;
  const issuer = env['FUZZ_OIDC_ISSUER'] ?? env['TEST_OIDC_ISSUER'] ?? `http://127.0.0.1:${env['OIDC_DEV_PORT'] ?? 3001}`;
  const directory =
    env['FUZZ_DIRECTORY_URL'] ?? env['TEST_DATABASE_URL'] ?? env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/anjian';
  return { issuer, directories: [directory] };
}

/** The headers a request as this identity carries: a bearer token, or nothing for `anonymous`. */
export async function identityHeaders(identity: FuzzIdentity): Promise<Record<string, string>> {
  return identity.headers ? bearerHeaders(identity.headers, identitySource()) : {};
}
