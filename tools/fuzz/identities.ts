/**
 * Who the fuzzer calls as. The fixed identities use valid X-Actor-* headers, so generated requests
 * get past identity checks and reach the use cases; the `fuzzed` profile sends none and lets
 * schemathesis generate the X-Actor-* header parameters the OpenAPI document declares (valid and
 * invalid ones: unknown roles, malformed jurisdictions, missing headers).
 */
export interface FuzzIdentity {
  /** Short name used in reports and file names. */
  name: string;
  /** Identity headers sent with every request; null = generated from the document. */
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
  { name: 'national-admin', headers: as('fuzz-admin', 'administrator', '000000'), opensCases: false },
  { name: 'regional-admin', headers: as('fuzz-admin-sx', 'administrator', '140000'), opensCases: false },
  { name: 'viewer', headers: as('fuzz-viewer', 'viewer', '140105'), opensCases: false },
  { name: 'fuzzed', headers: null, opensCases: false },
];

export function identitiesNamed(list: string | undefined): FuzzIdentity[] {
  if (!list) return [...FUZZ_IDENTITIES];
  const wanted = list.split(',').map((s) => s.trim());
  const unknown = wanted.filter((n) => !FUZZ_IDENTITIES.some((i) => i.name === n));
  if (unknown.length)
    throw new Error(`unknown fuzz identity ${unknown.join(', ')}; known: ${FUZZ_IDENTITIES.map((i) => i.name).join(', ')}`);
  return FUZZ_IDENTITIES.filter((i) => wanted.includes(i.name));
}
