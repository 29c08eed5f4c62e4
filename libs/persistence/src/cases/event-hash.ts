import { createHash, createHmac } from 'node:crypto';

/** JSON with keys sorted at every level, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * How a row's hash was computed (column `case_events.hash_alg`). Rows written before the chain was
 * keyed are `sha256`: still verifiable, but anyone with write access to the database can recompute
 * them, so the integrity check reports them. Every new row is `hmac-sha256` under EVENT_CHAIN_KEY.
 */
export const HASH_ALG = { legacy: 'sha256', keyed: 'hmac-sha256' } as const;
export type HashAlg = (typeof HASH_ALG)[keyof typeof HASH_ALG];

/** Legacy, unkeyed: each event's hash covers its content and its predecessor's hash. */
export function eventHash(prevHash: string | null, content: Record<string, unknown>): string {
  return createHash('sha256')
    .update(prevHash ?? '')
    .update(canonicalJson(content))
    .digest('hex');
}

/**
 * Keyed: the same input under HMAC-SHA256. Without the key a rewritten row cannot be given a hash
 * that verifies, even if the whole chain after it is recomputed (the attack an unkeyed chain allows).
 */
export function keyedEventHash(key: string, prevHash: string | null, content: Record<string, unknown>): string {
  return createHmac('sha256', key)
    .update(prevHash ?? '')
    .update(canonicalJson(content))
    .digest('hex');
}

/** The hash a row must carry, given the algorithm it declares. */
export function hashFor(alg: string, key: string, prevHash: string | null, content: Record<string, unknown>): string | null {
  if (alg === HASH_ALG.keyed) return keyedEventHash(key, prevHash, content);
  if (alg === HASH_ALG.legacy) return eventHash(prevHash, content);
  return null;
}

/** The seal of the legacy watermark (the last event id that may be unkeyed). */
export function legacyWatermarkMac(key: string, maxEventId: string | number): string {
  return createHmac('sha256', key)
    .update(`anjian:event-chain-legacy-watermark:${String(maxEventId)}`)
    .digest('hex');
}
