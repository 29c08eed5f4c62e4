import { problemResponses } from '../../openapi/problem.schema';
import { ACTOR_HEADERS, registry } from '../../openapi/registry';
import { ANY_ADMIN_NOTE, json, jsonBody } from '../admin-openapi';
import { CalendarIdParams } from '../calendars/calendar-admin.schemas';
import { PolicyVersionParams } from '../policies/policy-admin.schemas';
import {
  MigrationBody,
  MigrationCasesPageSchema,
  MigrationCasesQuery,
  MigrationIdParams,
  MigrationListSchema,
  MigrationStartedSchema,
  MigrationStatusSchema,
  PolicyPreviewSchema,
  PreviewBody,
} from './migration.schemas';

const BATCH_NOTE =
  'The request starts a durable batch (Temporal workflow caseMigrationWorkflow) and answers 202 at once with its id; ' +
  'the Location header and statusUrl give its progress, counts and failures, read from PostgreSQL while it runs. ' +
  'Each case gets one bounded attempt (10 s, retried once): a case whose workflow does not answer is recorded as failed with the reason and the batch goes on. ' +
  'A repeated run skips cases already moved. The same Idempotency-Key reaches the same batch.';

const started = {
  description: 'The batch was started (or, for a repeated Idempotency-Key, already exists)',
  headers: { Location: { description: 'the status URL', schema: { type: 'string' as const } } },
  content: { 'application/json': { schema: MigrationStartedSchema } },
};

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
  summary: 'Move open cases to a published version (re-arms each running deadline), as a batch',
  description: `${ANY_ADMIN_NOTE} ${BATCH_NOTE} Only open cases inside the caller's own jurisdiction subtree are moved, so regional administrators may migrate their own cases. Cases already on the version are skipped. Drafts → 409. Logged in admin_changes (entity case_migration: start, and finish with every case's outcome) and on each case (deadline_rearmed).`,
  tags: ['admin: policies'],
  parameters: ACTOR_HEADERS,
  request: { params: PolicyVersionParams, body: jsonBody(MigrationBody) },
  responses: { 202: started, ...problemResponses(400, 403, 404, 409, 503) },
});

registry.registerPath({
  method: 'post',
  path: '/admin/calendars/{id}/migrations',
  summary: "Recompute open cases' deadlines with the calendar's latest version (each under its own pinned policy), as a batch",
  description: `${ANY_ADMIN_NOTE} ${BATCH_NOTE} Only open cases inside the caller's own jurisdiction subtree are touched. A local calendar only concerns cases under its jurisdiction prefix. Logged like a policy migration.`,
  tags: ['admin: calendars'],
  parameters: ACTOR_HEADERS,
  request: { params: CalendarIdParams, body: jsonBody(MigrationBody) },
  responses: { 202: started, ...problemResponses(400, 403, 404, 503) },
});

const READ_NOTE = `${ANY_ADMIN_NOTE} Visible to the administrator who started the batch, to administrators whose subtree contains theirs, and to those with a case in it; counts and cases only ever cover the caller's own subtree. Read from PostgreSQL: answers while Temporal is down.`;

registry.registerPath({
  method: 'get',
  path: '/admin/migrations',
  summary: 'Case migrations the caller may see, newest first (at most 100)',
  description: READ_NOTE,
  tags: ['admin: migrations'],
  parameters: ACTOR_HEADERS,
  responses: { 200: json(MigrationListSchema, 'Batches with their counts'), ...problemResponses(403) },
});

registry.registerPath({
  method: 'get',
  path: '/admin/migrations/{id}',
  summary: 'A case migration: status, progress counts, the first failures',
  description: `${READ_NOTE} Poll until status is 'completed' (or 'failed': the batch itself stopped).`,
  tags: ['admin: migrations'],
  parameters: ACTOR_HEADERS,
  request: { params: MigrationIdParams },
  responses: { 200: json(MigrationStatusSchema, 'Where the batch stands'), ...problemResponses(400, 403, 404) },
});

registry.registerPath({
  method: 'get',
  path: '/admin/migrations/{id}/cases',
  summary: "A case migration's cases with their outcome (moved, unchanged, skipped, failed, pending), paged",
  description: READ_NOTE,
  tags: ['admin: migrations'],
  parameters: ACTOR_HEADERS,
  request: { params: MigrationIdParams, query: MigrationCasesQuery },
  responses: { 200: json(MigrationCasesPageSchema, 'One page of cases in listing order'), ...problemResponses(400, 403, 404) },
});
