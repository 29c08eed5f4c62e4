import { IdempotencyHeaders } from '../idempotency/idempotency-key.schema';
import { problemResponses } from '../openapi/problem.schema';
import { registry } from '../openapi/registry';
import { NotificationIdParams, NotificationReadSchema, NotificationsPageSchema, NotificationsQuery } from './notifications.schemas';

registry.registerPath({
  method: 'get',
  path: '/me/notifications',
  summary: 'My notifications (reminders, escalations, approvals, assignments), newest first',
  description:
    "Addressed to me, or to my role in a jurisdiction inside my subtree; and only about cases in my reach (an officer's sectors included).",
  tags: ['notifications'],
  request: { query: NotificationsQuery },
  responses: {
    200: { description: 'One page', content: { 'application/json': { schema: NotificationsPageSchema } } },
    ...problemResponses(400, 401),
  },
});

registry.registerPath({
  method: 'post',
  path: '/me/notifications/{id}/read',
  summary: 'Mark one of my notifications read (idempotent: again answers the first read)',
  tags: ['notifications'],
  request: { params: NotificationIdParams, headers: IdempotencyHeaders },
  responses: {
    200: { description: 'Read', content: { 'application/json': { schema: NotificationReadSchema } } },
    ...problemResponses(400, 401, 404),
  },
});
