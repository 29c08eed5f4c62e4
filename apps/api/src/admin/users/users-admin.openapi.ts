import { z } from 'zod';
import { problemResponses } from '../../openapi/problem.schema';
import { registry } from '../../openapi/registry';
import { json, jsonBody } from '../admin-openapi';
import { CreateUserBody, PatchUserBody, UserIdParams, UserListQuery, UserSchema } from './users-admin.schemas';

const tags = ['admin: users'];
const NOTE =
  "Administrators only (others get 403), each inside their own jurisdiction's subtree: a user outside it does not exist for them (404), and nobody may be placed outside it (403, body.jurisdiction) — so only a national administrator (000000) creates national users. Every change records a reason with before/after in the audit log and applies on the caller's next request.";

registry.registerPath({
  method: 'get',
  path: '/admin/users',
  summary: "Users of the directory inside the caller's subtree",
  description: NOTE,
  tags,
  request: { query: UserListQuery },
  responses: { 200: json(z.array(UserSchema), 'Users, by id'), ...problemResponses(400, 403) },
});

registry.registerPath({
  method: 'post',
  path: '/admin/users',
  summary: 'Create a user (role, jurisdiction, sectors), with a reason',
  description: `${NOTE} An existing id is a 409; an unknown jurisdiction a 400.`,
  tags,
  request: { body: jsonBody(CreateUserBody) },
  responses: { 201: json(UserSchema, 'The new user'), ...problemResponses(400, 403, 409) },
});

registry.registerPath({
  method: 'patch',
  path: '/admin/users/{id}',
  summary: 'Disable or enable a user, change role, jurisdiction or sectors, with a reason',
  description: `${NOTE} Administrators may not disable, re-role or move their own account (409).`,
  tags,
  request: { params: UserIdParams, body: jsonBody(PatchUserBody) },
  responses: { 200: json(UserSchema, 'The user after the change'), ...problemResponses(400, 403, 404, 409) },
});
