import { OFFICER } from './http';
import { withBearer } from './test-identity';

/** An HTTP answer, or what happened instead: the client gave up (timeout) or the connection failed. */
export type Outcome =
  | { kind: 'answer'; status: number; headers: Headers; body: any; ms: number }
  | { kind: 'timeout'; ms: number }
  | { kind: 'network'; error: string; ms: number };

/**
 * Like http() but never hangs the test: every request has a client-side deadline, and a refused or
 * reset connection is an outcome, not an exception.
 */
export async function request(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = OFFICER,
  timeoutMs = 60_000,
): Promise<Outcome> {
  // Identity first (directory + token, against the test database directly), outside the timed request:
  // a failure here is the test's setup failing, not an outcome of the request under test.
  const identity = await withBearer(baseUrl, headers);
  const started = Date.now();
  try {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...identity },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON: keep the text */
    }
    return { kind: 'answer', status: res.status, headers: res.headers, body: parsed, ms: Date.now() - started };
  } catch (err) {
    const e = err as Error;
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return { kind: 'timeout', ms: Date.now() - started };
    return {
      kind: 'network',
      error: `${e.message}${(e.cause as Error | undefined)?.message ? `: ${(e.cause as Error).message}` : ''}`,
      ms: Date.now() - started,
    };
  }
}

/** "200", "503", "timeout", "network": for tallies in reports. */
export const outcomeLabel = (o: Outcome): string => (o.kind === 'answer' ? String(o.status) : o.kind);

export class Tally {
  private readonly counts = new Map<string, number>();
  add(label: string): void {
    this.counts.set(label, (this.counts.get(label) ?? 0) + 1);
  }
  get(label: string): number {
    return this.counts.get(label) ?? 0;
  }
  toJSON(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort());
  }
}
