import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { Access } from '../../access/access.decorator';
import { noQuery, parse } from '../../http/parse';
import { administratorFrom } from '../administrator';
import { CreatePolicyDraftUseCase } from './create-policy-draft.use-case';
import { DeletePolicyDraftUseCase } from './delete-policy-draft.use-case';
import {
  CreatePolicyDraftBody,
  DeletePolicyDraftBody,
  DeletePolicyDraftInput,
  DeletePolicyDraftQuery,
  PolicyVersionParams,
  PublishPolicyBody,
  ReplacePolicyRulesBody,
} from './policy-admin.schemas';
import { PolicyReadsUseCase } from './policy-reads.use-case';
import { PublishPolicyUseCase } from './publish-policy.use-case';
import { ReplacePolicyRulesUseCase } from './replace-policy-rules.use-case';

/** Deadline policy versions (期限策略), administrators only. HTTP ↔ use cases. */
@Controller('admin/policies')
export class AdminPoliciesController {
  constructor(
    private readonly reads: PolicyReadsUseCase,
    private readonly createDraft: CreatePolicyDraftUseCase,
    private readonly replaceRules: ReplacePolicyRulesUseCase,
    private readonly publishDraft: PublishPolicyUseCase,
    private readonly deleteDraft: DeletePolicyDraftUseCase,
  ) {}

  @Get()
  @Access('configure_policies')
  list(@Req() req: Request, @Query() query: unknown) {
    administratorFrom(req);
    noQuery(query);
    return this.reads.list();
  }

  @Post()
  @Access('configure_policies')
  create(@Req() req: Request, @Body() body: unknown) {
    const actor = administratorFrom(req);
    return this.createDraft.execute(actor, parse(CreatePolicyDraftBody, body, 'body'));
  }

  @Get(':version')
  @Access('configure_policies')
  get(@Req() req: Request, @Param() params: unknown, @Query() query: unknown) {
    administratorFrom(req);
    const { version } = parse(PolicyVersionParams, params, 'path');
    noQuery(query);
    return this.reads.get(version);
  }

  @Get(':version/changes')
  @Access('configure_policies')
  changes(@Req() req: Request, @Param() params: unknown, @Query() query: unknown) {
    const actor = administratorFrom(req);
    const { version } = parse(PolicyVersionParams, params, 'path');
    noQuery(query);
    return this.reads.changes(actor, version);
  }

  @Put(':version/rules')
  @Access('configure_policies')
  replace(@Req() req: Request, @Param() params: unknown, @Body() body: unknown) {
    const actor = administratorFrom(req);
    const { version } = parse(PolicyVersionParams, params, 'path');
    const { rules, reason } = parse(ReplacePolicyRulesBody, body, 'body');
    return this.replaceRules.execute(actor, version, rules, reason);
  }

  @Post(':version/publish')
  @Access('publish_policy')
  @HttpCode(200)
  publish(@Req() req: Request, @Param() params: unknown, @Body() body: unknown) {
    const actor = administratorFrom(req);
    const { version } = parse(PolicyVersionParams, params, 'path');
    const { effectiveFrom, reason } = parse(PublishPolicyBody, body, 'body');
    return this.publishDraft.execute(actor, version, new Date(effectiveFrom), reason);
  }

  @Delete(':version')
  @Access('configure_policies')
  @HttpCode(204)
  async remove(@Req() req: Request, @Param() params: unknown, @Body() body: unknown, @Query() query: unknown): Promise<void> {
    const actor = administratorFrom(req);
    const { version } = parse(PolicyVersionParams, params, 'path');
    // Some clients cannot send a body with DELETE, so the reason may come as ?reason= instead; the
    // query takes no other parameter, and a body no other field.
    const inQuery = parse(DeletePolicyDraftQuery, query, 'query');
    const fromBody = (body as { reason?: unknown } | undefined)?.reason;
    const { reason } =
      fromBody !== undefined ? parse(DeletePolicyDraftBody, body, 'body') : parse(DeletePolicyDraftInput, inQuery, 'query');
    await this.deleteDraft.execute(actor, version, reason);
  }
}
