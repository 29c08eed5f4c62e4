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

/** A thin fetch wrapper: JSON in, JSON (or problem+json) out. */
export async function http<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = OFFICER,
): Promise<HttpResult<T>> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
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
