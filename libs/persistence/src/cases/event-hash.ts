import { createHash } from 'node:crypto';

/** JSON with keys sorted at every level, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Each event's hash covers its content and its predecessor's hash: editing any row breaks the chain. */
export function eventHash(prevHash: string | null, content: Record<string, unknown>): string {
  return createHash('sha256')
    .update(prevHash ?? '')
    .update(canonicalJson(content))
    .digest('hex');
}
