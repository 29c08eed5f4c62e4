import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Access } from '../access/access.decorator';
import { actorFrom } from '../http/actor';
import { noQuery, parse } from '../http/parse';
import { CasePolicyUseCase } from './case-policy.use-case';
import { CaseQueriesUseCase } from './case-queries.use-case';
import { idempotencyOf } from '../idempotency/idempotent-request';
import { GuardReplayWith } from '../idempotency/replay-guard';
import { CaseActionReplayGuard, OpenCaseReplayGuard } from './case-replay-guards';
import { CaseIdParams, OpenCaseBody } from './case.schemas';
import { CaseDetailUseCase } from './procedures/case-detail.use-case';
import { ProcedureActionUseCase } from './procedures/procedure-action.use-case';
import { OpenCaseUseCase } from './open-case.use-case';

/** HTTP ↔ use cases, nothing more: parsing with the zod schemas, status codes, headers. */
@Controller('cases')
export class CasesController {
  constructor(
    private readonly openCase: OpenCaseUseCase,
    private readonly procedureActions: ProcedureActionUseCase,
    private readonly detail: CaseDetailUseCase,
    private readonly queries: CaseQueriesUseCase,
    private readonly policies: CasePolicyUseCase,
  ) {}

  @Post()
  @Access('open')
  @GuardReplayWith(OpenCaseReplayGuard)
  async open(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Body() body: unknown) {
    const actor = actorFrom(req);
    const input = parse(OpenCaseBody, body, 'body');
    const { record, created, detail } = await this.openCase.execute(actor, input, idempotencyOf(req));
    res.status(created ? 201 : 200).location(`/cases/${record.id}`);
    return detail;
  }

  @Get(':id')
  @Access('read')
  async get(@Req() req: Request, @Param() params: unknown, @Query() query: unknown) {
    const { id } = parse(CaseIdParams, params, 'path');
    noQuery(query);
    return this.detail.get(actorFrom(req), id);
  }

  @Get(':id/events')
  @Access('read')
  async events(@Req() req: Request, @Param() params: unknown, @Query() query: unknown) {
    const { id } = parse(CaseIdParams, params, 'path');
    noQuery(query);
    return this.queries.events(actorFrom(req), id);
  }

  @Get(':id/policy')
  @Access('read')
  async policy(@Req() req: Request, @Param() params: unknown, @Query() query: unknown) {
    const { id } = parse(CaseIdParams, params, 'path');
    noQuery(query);
    return this.policies.execute(actorFrom(req), id);
  }

  @Get(':id/integrity')
  @Access('read')
  async integrity(@Req() req: Request, @Param() params: unknown, @Query() query: unknown) {
    const { id } = parse(CaseIdParams, params, 'path');
    noQuery(query);
    return this.queries.integrity(actorFrom(req), id);
  }

  /** Alias of POST /cases/{id}/procedures/{rectification}/actions/submitReport (kept for existing clients). */
  @Post(':id/report')
  @Access('act')
  @HttpCode(200)
  @GuardReplayWith(CaseActionReplayGuard)
  async report(@Req() req: Request, @Param() params: unknown, @Body() body: unknown) {
    const { id } = parse(CaseIdParams, params, 'path');
    return this.procedureActions.alias(actorFrom(req), id, 'submitReport', body, idempotencyOf(req));
  }

  /** Alias of POST /cases/{id}/procedures/{rectification}/actions/recordVerification (kept for existing clients). */
  @Post(':id/verification')
  @Access('act')
  @HttpCode(200)
  @GuardReplayWith(CaseActionReplayGuard)
  async verification(@Req() req: Request, @Param() params: unknown, @Body() body: unknown) {
    const { id } = parse(CaseIdParams, params, 'path');
    return this.procedureActions.alias(actorFrom(req), id, 'recordVerification', body, idempotencyOf(req));
  }
}
