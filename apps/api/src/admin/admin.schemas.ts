import { z } from 'zod';

/** Every administrator change says why; the reason is stored with the change in admin_changes. */
export const Reason = z.string().trim().min(1, 'say why: every administrator change records a reason').max(2000);

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
