import { withBearer } from './test-identity';

/**
 * Callers are described as x-actor-* objects (id, role, jurisdiction, optional sectors and name);
 * http() turns one into a bearer token of the development provider for that directory user
 * (test/support/test-identity.ts), so tests read as before while the API sees real tokens.
 */
export const OFFICER = { 'x-actor-id': 'officer-140105-001', 'x-actor-role': 'officer', 'x-actor-jurisdiction': '140105' };

/** An officer of the given county: the cases API only shows cases inside the caller's jurisdiction. */
export const officerIn = (jurisdiction: string) => ({
  'x-actor-id': `officer-${jurisdiction}-001`,
  'x-actor-role': 'officer',
  'x-actor-jurisdiction': jurisdiction,
});

export interface HttpResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A thin fetch wrapper: JSON in, JSON (or problem+json) out; x-actor-* headers become a bearer token. */
export async function http<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = OFFICER,
): Promise<HttpResult<T>> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(await withBearer(baseUrl, headers)) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, headers: res.headers, body: parsed as T };
}
