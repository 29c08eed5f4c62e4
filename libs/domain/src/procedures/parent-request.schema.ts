import { z } from 'zod';
import { ProcedureId } from '../catalog/procedure';
import { freeText } from '../text/free-text';
import type { ParentRequest } from './procedure-machine';

/**
 * ParentRequest as data (policy carries requests a machine will raise, e.g. what a rectification's
 * n-th failed re-check asks of the case workflow). Same shape as the `ParentRequest` type.
 */
export const ParentRequestSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('start_procedure'),
      procedure: ProcedureId,
      reason: freeText({ max: 500 }),
      input: z.record(z.string(), z.unknown()).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('approval'),
      approval: z.enum(['closure', 'transfer', 'extension', 'listing_level', 'suspension']),
      approverRole: z.enum(['supervisor', 'agency_head']),
      summary: freeText({ max: 500 }),
      data: z.record(z.string(), z.unknown()).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('completed'), outcome: z.string().min(1).max(64) }).strict(),
  z.object({ kind: z.literal('pause_administrative') }).strict(),
  z.object({ kind: z.literal('resume_administrative') }).strict(),
]);

// Compile-time check that the schema and the interface describe the same thing.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<z.infer<typeof ParentRequestSchema>, ParentRequest> = true;
void sameShape;
