import { createHash } from 'node:crypto';
import { canonicalJson } from '@anjian/persistence';

export interface CanonicalRequest {
  method: string;
  /** The concrete path (no query string), e.g. /cases/3f…/report. */
  path: string;
  query?: unknown;
  body?: unknown;
}

/** SHA-256 of the canonical request: what "the same request" means for an Idempotency-Key. */
export function requestHash(r: CanonicalRequest): string {
  const canonical = canonicalJson({ method: r.method.toUpperCase(), path: r.path, query: r.query ?? {}, body: r.body ?? null });
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * A Temporal update id for an action sent with an Idempotency-Key: the same caller, key, case,
 * action and request give the same id (so Temporal answers a retry with the first outcome); any
 * other combination gives another id (so a different request never receives someone else's result).
 */
export function actionUpdateId(p: {
  actorId: string;
  key: string;
  caseId: string;
  action: string;
  requestHash: string;
  /** The key's update generation: a retry after an attempt that failed without effect gets a new id. */
  generation?: number;
}): string {
  const digest = createHash('sha256').update([p.actorId, p.key, p.caseId, p.action, p.requestHash].join('\u0000')).digest('hex');
  const id = `idem-${digest.slice(0, 48)}`;
  return p.generation ? `${id}-g${p.generation}` : id;
}
