import { z } from 'zod';
import { problemResponses } from '../../openapi/problem.schema';
import { ACTOR_HEADERS, registry } from '../../openapi/registry';
import { ANY_ADMIN_NOTE, CALENDAR_WRITE_NOTE, json, jsonBody } from '../admin-openapi';
import {
  CalendarIdParams,
  CalendarSchema,
  CalendarSummarySchema,
  CalendarVersionChangeSchema,
  CalendarVersionQuery,
  EditCalendarEntriesBody,
  SaveCalendarBody,
} from './calendar-admin.schemas';

const tags = ['admin: calendars'];

registry.registerPath({
  method: 'get',
  path: '/admin/calendars',
  summary: 'Latest version of each working-day calendar (national CN and local CN-<code>)',
  description: ANY_ADMIN_NOTE,
  tags,
  parameters: ACTOR_HEADERS,
  responses: { 200: json(z.array(CalendarSummarySchema), 'Calendars without their entry lists'), ...problemResponses(400, 403) },
});

registry.registerPath({
  method: 'get',
  path: '/admin/calendars/{id}',
  summary: 'A calendar with its entries (latest, or ?version=)',
  description: ANY_ADMIN_NOTE,
  tags,
  parameters: ACTOR_HEADERS,
  request: { params: CalendarIdParams, query: CalendarVersionQuery },
  responses: { 200: json(CalendarSchema, 'The calendar version'), ...problemResponses(400, 403, 404) },
});

registry.registerPath({
  method: 'get',
  path: '/admin/calendars/{id}/history',
  summary: 'Every version of a calendar, with who, why and what each changed',
  description: ANY_ADMIN_NOTE,
  tags,
  parameters: ACTOR_HEADERS,
  request: { params: CalendarIdParams },
  responses: { 200: json(z.array(CalendarVersionChangeSchema), 'Versions, oldest first'), ...problemResponses(400, 403, 404) },
});

registry.registerPath({
  method: 'put',
  path: '/admin/calendars/{id}',
  summary: 'Save a whole calendar as its next version (or create a local calendar)',
  description: `${CALENDAR_WRITE_NOTE} Checked like the engine's CalendarData (entries inside knownYears, no date twice); a local calendar's id must match its jurisdictionPrefix and overlap the national calendar's known years. Running deadlines keep their version until a calendar migration.`,
  tags,
  parameters: ACTOR_HEADERS,
  request: { params: CalendarIdParams, body: jsonBody(SaveCalendarBody) },
  responses: { 200: json(CalendarSchema, 'The new version'), ...problemResponses(400, 403) },
});

registry.registerPath({
  method: 'post',
  path: '/admin/calendars/{id}/entries',
  summary: "Add a year's schedule or correct entries → new version",
  description: `${CALENDAR_WRITE_NOTE} Removals apply before additions, so removing and re-adding a date corrects it.`,
  tags,
  parameters: ACTOR_HEADERS,
  request: { params: CalendarIdParams, body: jsonBody(EditCalendarEntriesBody) },
  responses: { 201: json(CalendarSchema, 'The new version'), ...problemResponses(400, 403, 404) },
});
