import { freeText } from '@anjian/domain';
import { z } from 'zod';

/** Every administrator change says why; the reason is stored with the change in admin_changes. */
export const Reason = freeText({ max: 2000, trim: true, tooShort: 'say why: every administrator change records a reason' });

/** A version number as stored (PostgreSQL integer): 1 … 2^31 − 1, so a huge number is a 400, not a database error. */
export const INT32_MAX = 2_147_483_647;
export const VersionNumber = z.number().int().positive().max(INT32_MAX);
/** The same in a path or query, where it arrives as text. */
export const VersionNumberText = z.coerce.number().int().positive().max(INT32_MAX);

export const AdminChangeSchema = z
  .object({
    id: z.number().int(),
    entity: z.enum(['policy_version', 'calendar', 'case_migration']),
    entityId: z.string(),
    action: z.string(),
    actorId: z.string().describe('who'),
    actorRole: z.string(),
    reason: z.string().describe('why'),
    before: z.unknown().describe('state before the change (null for a creation)'),
    after: z.unknown().describe('state after the change (null for a deletion)'),
    at: z.string().describe('when'),
  })
  .meta({ id: 'AdminChange' });
