import { z } from 'zod';
import { problemResponses } from '../../openapi/problem.schema';
import { ACTOR_HEADERS, registry } from '../../openapi/registry';
import { AdminChangeSchema } from '../admin.schemas';
import { ANY_ADMIN_NOTE, json, jsonBody, NATIONAL_ADMIN_NOTE } from '../admin-openapi';
import {
  CreatePolicyDraftBody,
  DeletePolicyDraftBody,
  DeletePolicyDraftQuery,
  PolicyVersionParams,
  PolicyVersionSchema,
  PolicyVersionSummarySchema,
  PublishPolicyBody,
  ReplacePolicyRulesBody,
} from './policy-admin.schemas';

const tags = ['admin: policies'];

registry.registerPath({
  method: 'get',
  path: '/admin/policies',
  summary: 'Policy versions with status, effective-from and rule counts',
  description: ANY_ADMIN_NOTE,
  tags,
  parameters: ACTOR_HEADERS,
  responses: { 200: json(z.array(PolicyVersionSummarySchema), 'All versions, oldest first'), ...problemResponses(400, 403) },
});

registry.registerPath({
  method: 'post',
  path: '/admin/policies',
  summary: 'Create a draft version (from a copy of another version, or from rules)',
  description: `${ANY_ADMIN_NOTE} Drafts are proposals, so regional administrators may write them too; only publishing needs a national administrator. Rules are checked with the PolicyRule schema and against the catalogs; errors name paths like body.rules.3.duration.amount.`,
  tags,
  parameters: ACTOR_HEADERS,
  request: { body: jsonBody(CreatePolicyDraftBody) },
  responses: { 201: json(PolicyVersionSchema, 'The new draft'), ...problemResponses(400, 403) },
});

registry.registerPath({
  method: 'get',
  path: '/admin/policies/{version}',
  summary: 'One version with all its rules',
  description: ANY_ADMIN_NOTE,
  tags,
  parameters: ACTOR_HEADERS,
  request: { params: PolicyVersionParams },
  responses: { 200: json(PolicyVersionSchema, 'The version'), ...problemResponses(400, 403, 404) },
});

registry.registerPath({
  method: 'put',
  path: '/admin/policies/{version}/rules',
  summary: "Replace a draft's rules",
  description: `${ANY_ADMIN_NOTE} Schema, catalog (unknown sector/procedure/step, untimed step) and duplicate-scope checks → 400 with paths; a published version → 409.`,
  tags,
  parameters: ACTOR_HEADERS,
  request: { params: PolicyVersionParams, body: jsonBody(ReplacePolicyRulesBody) },
  responses: { 200: json(PolicyVersionSchema, 'The draft with its new rules'), ...problemResponses(400, 403, 404, 409) },
});

registry.registerPath({
  method: 'post',
  path: '/admin/policies/{version}/publish',
  summary: 'Publish a draft from an effective-from instant',
  description: `${NATIONAL_ADMIN_NOTE} A published version applies nationwide (every new case from effectiveFrom on pins it), so a regional administrator gets 403 before the draft is read and nothing changes. The whole rule set is re-checked, including a fallback rule for every timed step. An effectiveFrom not after the latest published version's → 400 on body.effectiveFrom (effective periods never overlap). Running cases keep their version until migrated.`,
  tags,
  parameters: ACTOR_HEADERS,
  request: { params: PolicyVersionParams, body: jsonBody(PublishPolicyBody) },
  responses: { 200: json(PolicyVersionSchema, 'The published version'), ...problemResponses(400, 403, 404, 409) },
});

registry.registerPath({
  method: 'delete',
  path: '/admin/policies/{version}',
  summary: 'Delete a draft',
  description: `${ANY_ADMIN_NOTE} The reason goes in the body ({reason}) or the query (?reason=). Published versions cannot be deleted (409).`,
  tags,
  parameters: ACTOR_HEADERS,
  request: {
    params: PolicyVersionParams,
    query: DeletePolicyDraftQuery,
    body: jsonBody(DeletePolicyDraftBody),
  },
  responses: { 204: { description: 'Deleted (the audit trail keeps its content)' }, ...problemResponses(400, 403, 404, 409) },
});

registry.registerPath({
  method: 'get',
  path: '/admin/policies/{version}/changes',
  summary: "A version's audit trail: who, when, why, before and after (incl. migrations of cases to it)",
  description: ANY_ADMIN_NOTE,
  tags,
  parameters: ACTOR_HEADERS,
  request: { params: PolicyVersionParams },
  responses: { 200: json(z.array(AdminChangeSchema), 'Changes, oldest first'), ...problemResponses(400, 403, 404) },
});
