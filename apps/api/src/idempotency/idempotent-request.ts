import type { Request } from 'express';

/** What the idempotency interceptor found on a request, for use cases that derive ids from it. */
export interface IdempotentRequest {
  key: string;
  /** SHA-256 of the canonical request (method, path, query, body). */
  requestHash: string;
  /** Moves on each time an attempt under this key failed without effect inside the workflow. */
  updateGeneration: number;
}

const SLOT = Symbol('idempotency');

export function attachIdempotency(req: Request, value: IdempotentRequest): void {
  (req as unknown as Record<symbol, IdempotentRequest>)[SLOT] = value;
}

/** The request's Idempotency-Key and hash, if it carried one (set by IdempotencyInterceptor). */
export function idempotencyOf(req: Request): IdempotentRequest | undefined {
  return (req as unknown as Record<symbol, IdempotentRequest | undefined>)[SLOT];
}
