import { z } from 'zod';
import { problemResponses } from '../../openapi/problem.schema';
import { registry } from '../../openapi/registry';
import { json, jsonBody } from '../admin-openapi';
import { CreateJurisdictionBody, JurisdictionSchema } from './jurisdictions-admin.schemas';

const tags = ['admin: jurisdictions'];

registry.registerPath({
  method: 'get',
  path: '/admin/jurisdictions',
  summary: 'Administrative divisions (行政区划) users and cases may belong to',
  description: 'Any administrator (others get 403).',
  tags,
  responses: { 200: json(z.array(JurisdictionSchema), 'Divisions, by code'), ...problemResponses(403) },
});

registry.registerPath({
  method: 'post',
  path: '/admin/jurisdictions',
  summary: 'Add a division under an existing parent, with a reason',
  description:
    'National administrators only (000000; others get 403). The code must lie in the subtree of its parent (140100 → 1401xx) and the parent must exist (400); an existing code is a 409.',
  tags,
  request: { body: jsonBody(CreateJurisdictionBody) },
  responses: { 201: json(JurisdictionSchema, 'The new division'), ...problemResponses(400, 403, 409) },
});
