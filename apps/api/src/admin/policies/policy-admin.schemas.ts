import { freeText, PolicyRule } from '@anjian/domain';
import { z } from 'zod';
import { Instant } from '../../deadlines/instant.schema';
import { Reason, VersionNumber, VersionNumberText } from '../admin.schemas';

export const PolicyRuleSchema = PolicyRule.meta({ id: 'PolicyRule' });

/**
 * Far above the seeds' 53 rules; bounds the work one request can ask for. Small enough that a list
 * one over the cap still fits the 256 kB body limit, so it is answered 400 naming `rules`, not 413.
 */
const MAX_RULES = 500;

export const PolicyVersionParams = z.object({ version: VersionNumberText });

export const CreatePolicyDraftBody = z
  .strictObject({
    label: freeText({ max: 200, trim: true }).describe("e.g. '2027 rules after 应急管理部令第18号'"),
    basedOn: VersionNumber.optional().describe('version whose rules the draft starts from'),
    rules: z.array(PolicyRuleSchema).max(MAX_RULES).optional().describe('the rules themselves; replaces a basedOn copy'),
    reason: Reason,
  })
  .meta({ id: 'CreatePolicyDraft' });

export const ReplacePolicyRulesBody = z
  .strictObject({ rules: z.array(PolicyRuleSchema).max(MAX_RULES), reason: Reason })
  .meta({ id: 'ReplacePolicyRules' });

export const PublishPolicyBody = z
  .strictObject({
    effectiveFrom: Instant.describe('must be after the effectiveFrom of every published version'),
    reason: Reason,
  })
  .meta({ id: 'PublishPolicy' });

/** DELETE's reason, from the body or (for clients that cannot send a body with DELETE) the query. */
export const DeletePolicyDraftInput = z.object({ reason: Reason });
/** The body, when one is sent: the reason and nothing else. */
export const DeletePolicyDraftBody = z.strictObject({ reason: Reason }).meta({ id: 'DeletePolicyDraft' });
/** `?reason=` is the only query parameter: any other is a 400 on `query`, not ignored. */
export const DeletePolicyDraftQuery = z.strictObject({ reason: Reason.optional() });

const policyVersionFields = {
  version: z.number().int(),
  label: z.string(),
  status: z.enum(['draft', 'published']),
  effectiveFrom: z.string().nullable(),
  basedOn: z.number().int().nullable(),
  createdBy: z.string(),
  reason: z.string(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  ruleCount: z.number().int(),
  inForce: z.boolean().describe('the version new cases get now'),
};

export const PolicyVersionSummarySchema = z.object(policyVersionFields).meta({ id: 'PolicyVersionSummary' });
export const PolicyVersionSchema = z.object({ ...policyVersionFields, rules: z.array(PolicyRuleSchema) }).meta({ id: 'PolicyVersion' });
