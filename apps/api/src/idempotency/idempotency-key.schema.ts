import { z } from 'zod';

/**
 * The Idempotency-Key header: 8–128 visible ASCII characters (a UUID fits; whitespace, control
 * characters and non-ASCII do not), so keys are bounded in the store and unambiguous in logs.
 */
export const IdempotencyKey = z
  .string()
  .min(8, 'at least 8 characters (a UUID is a good key)')
  .max(128, 'at most 128 characters')
  .regex(/^[\x21-\x7E]+$/, 'visible ASCII characters only (no spaces, no control or non-ASCII characters)')
  .describe('makes a retried POST safe: the same key and request answer what the first one answered');

export const IdempotencyHeaders = z.object({ 'idempotency-key': IdempotencyKey.optional() });
