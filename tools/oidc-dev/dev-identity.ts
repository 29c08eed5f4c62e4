import { Pool } from 'pg';
import { type DevToken, fetchDevToken } from './dev-token';

/**
 * Callers described as `x-actor-*` header objects (the tests' OFFICER, the fuzzer's identities) made
 * into real ones: a directory user (inserted if missing, role/jurisdiction/sectors brought in line
 * with the description, `active` never touched) and a bearer token of the development provider for it.
 * Development and test tooling only; the API itself never reads x-actor-* headers.
 */
export interface DescribedUser {
  id: string;
  /** null = keep the directory's name (a new user is named by its id). */
  name: string | null;
  role: string;
  jurisdiction: string;
  /** [] = all sectors. */
  sectors: string[];
}

const ACTOR_HEADER = /^x-actor-/i;

const decodeName = (raw: string) => {
  try {
    return decodeURIComponent(raw.replace(/^UTF-8''/i, ''));
  } catch {
    return raw;
  }
};

/** The user an x-actor-* object describes (null without x-actor-id), and the other headers. */
export function describedUser(headers: Record<string, string>): { user: DescribedUser | null; rest: Record<string, string> } {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const rest = Object.fromEntries(Object.entries(headers).filter(([k]) => !ACTOR_HEADER.test(k)));
  const id = lower['x-actor-id'];
  if (!id) return { user: null, rest };
  return {
    user: {
      id,
      name: lower['x-actor-name'] ? decodeName(lower['x-actor-name']) : null,
      role: lower['x-actor-role'] ?? 'officer',
      jurisdiction: lower['x-actor-jurisdiction'] ?? '140105',
      sectors: (lower['x-actor-sectors'] ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    },
    rest,
  };
}

const pools = new Map<string, Pool>();
const poolFor = (url: string) => {
  let pool = pools.get(url);
  if (!pool) {
    pool = new Pool({
      connectionString: url,
      max: 2,
      allowExitOnIdle: true,
      idleTimeoutMillis: 1_000,
      connectionTimeoutMillis: 5_000,
      statement_timeout: 10_000,
    });
    // An idle connection ended by the server (a test dropping its database WITH (FORCE)) is discarded, not fatal.
    pool.on('error', () => undefined);
    pools.set(url, pool);
  }
  return pool;
};

/** Puts the user into the directory of `databaseUrl` (see above); a clear error for an unknown jurisdiction. */
export async function ensureDirectoryUser(databaseUrl: string, u: DescribedUser): Promise<void> {
  try {
    await poolFor(databaseUrl).query(
      `INSERT INTO users (id, name, role, jurisdiction, sectors) VALUES ($1, COALESCE($2, $1), $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET name = COALESCE($2, users.name), role = $3, jurisdiction = $4, sectors = $5, updated_at = now()
       WHERE (users.role, users.jurisdiction, users.sectors) IS DISTINCT FROM ($3, $4::char(6), $5::text[])
          OR ($2::text IS NOT NULL AND users.name <> $2)`,
      [u.id, u.name, u.role, u.jurisdiction, u.sectors],
    );
  } catch (err) {
    const e = err as { code?: string; message: string };
    if (e.code === '23503')
      throw new Error(`directory: jurisdiction ${u.jurisdiction} is not in the jurisdictions table (seeds/directory/jurisdictions.ts)`);
    if (e.code === '23514') throw new Error(`directory: refuses ${JSON.stringify(u)}: ${e.message}`);
    throw err;
  }
}

const tokens = new Map<string, Promise<DevToken>>();

/** A bearer token of the development provider at `issuer` for a directory user, cached until a minute before it expires. */
export async function cachedDevToken(issuer: string, username: string): Promise<string> {
  const key = `${issuer} ${username}`;
  const cached = tokens.get(key);
  if (cached) {
    const t = await cached.catch(() => null);
    if (t && t.expiresAt - Date.now() > 60_000) return t.accessToken;
  }
  const fresh = fetchDevToken(issuer, username);
  tokens.set(key, fresh);
  fresh.catch(() => tokens.delete(key));
  return (await fresh).accessToken;
}

/**
 * The headers to send: x-actor-* replaced by `Authorization: Bearer …` for the user they describe,
 * after putting that user into each directory named. An explicit Authorization header wins (the
 * x-actor-* ones are dropped); headers without x-actor-id pass through unchanged.
 */
export async function bearerHeaders(
  headers: Record<string, string>,
  o: { issuer: string; directories: string[] },
): Promise<Record<string, string>> {
  const { user, rest } = describedUser(headers);
  if (!user) return headers;
  if (Object.keys(rest).some((k) => k.toLowerCase() === 'authorization')) return rest;
  for (const db of o.directories) await ensureDirectoryUser(db, user);
  return { ...rest, authorization: `Bearer ${await cachedDevToken(o.issuer, user.id)}` };
}
