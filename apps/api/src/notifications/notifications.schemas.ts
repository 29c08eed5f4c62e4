import { z } from 'zod';
import { cursorParam, pageSize } from '../worklist/list-query';

export const NotificationsQuery = z
  .object({
    unread: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true')
      .describe("'true': only notifications I have not read"),
    limit: pageSize,
    cursor: cursorParam.optional(),
  })
  .strict();
export type NotificationsQuery = z.infer<typeof NotificationsQuery>;

export const NotificationIdParams = z.object({ id: z.string().regex(/^[1-9][0-9]{0,17}$/, 'expected a notification id') }).strict();

export const NotificationSchema = z
  .object({
    id: z.string(),
    caseId: z.uuid(),
    procedureId: z.string().nullable(),
    kind: z.string().describe("'reminder', 'escalation', 'approval_requested', 'approval_decided', 'assigned', …"),
    payload: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'Notification' });

export const NotificationsPageSchema = z
  .object({
    items: z.array(NotificationSchema),
    nextCursor: z.string().nullable(),
    unreadCount: z.number().int(),
  })
  .meta({ id: 'NotificationsPage' });

export const NotificationReadSchema = z.object({ id: z.string(), readAt: z.string() }).meta({ id: 'NotificationRead' });
