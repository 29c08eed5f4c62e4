import { problemResponses } from '../../openapi/problem.schema';
import { ACTOR_HEADERS, registry } from '../../openapi/registry';
import { ANY_ADMIN_NOTE, json, jsonBody } from '../admin-openapi';
import { CalendarIdParams } from '../calendars/calendar-admin.schemas';
import { PolicyVersionParams } from '../policies/policy-admin.schemas';
import { MigrationBody, MigrationReportSchema, PolicyPreviewSchema, PreviewBody } from './migration.schemas';

registry.registerPath({
  method: 'post',
  path: '/admin/policies/{version}/preview',
  summary: 'Preview: open cases with their deadline now and under this version (changes nothing)',
  description: `${ANY_ADMIN_NOTE} Only open cases inside the caller's own jurisdiction subtree are considered. Works for drafts. A deadline written on the order keeps its date (change 'order_date_kept').`,
  tags: ['admin: policies'],
  parameters: ACTOR_HEADERS,
  request: { params: PolicyVersionParams, body: jsonBody(PreviewBody) },
  responses: { 200: json(PolicyPreviewSchema, 'Per-case before/after and counts'), ...problemResponses(400, 403, 404) },
});

registry.registerPath({
  method: 'post',
  path: '/admin/policies/{version}/migrations',
  summary: 'Move open cases to a published version (re-arms each running deadline)',
  description: `${ANY_ADMIN_NOTE} Only open cases inside the caller's own jurisdiction subtree are moved, so regional administrators may migrate their own cases. Cases already on the version are skipped, so a run can be repeated. Drafts → 409. Logged in admin_changes (entity case_migration) and on each case (deadline_rearmed).`,
  tags: ['admin: policies'],
  parameters: ACTOR_HEADERS,
  request: { params: PolicyVersionParams, body: jsonBody(MigrationBody) },
  responses: {
    200: json(MigrationReportSchema, 'Per-case outcome: before and after dueAt, or why skipped or failed'),
    ...problemResponses(400, 403, 404, 409),
  },
});

registry.registerPath({
  method: 'post',
  path: '/admin/calendars/{id}/migrations',
  summary: "Recompute open cases' deadlines with the calendar's latest version (each under its own pinned policy)",
  description: `${ANY_ADMIN_NOTE} Only open cases inside the caller's own jurisdiction subtree are touched. A local calendar only concerns cases under its jurisdiction prefix. Logged like a policy migration.`,
  tags: ['admin: calendars'],
  parameters: ACTOR_HEADERS,
  request: { params: CalendarIdParams, body: jsonBody(MigrationBody) },
  responses: { 200: json(MigrationReportSchema, 'Per-case outcome'), ...problemResponses(400, 403, 404) },
});
