import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actorFrom } from '../http/actor';
import { parse } from '../http/parse';
import { CaseActionUseCase } from './case-action.use-case';
import { CasePolicyUseCase } from './case-policy.use-case';
import { CaseQueriesUseCase } from './case-queries.use-case';
import { toCaseView } from './case-view';
import { idempotencyOf } from '../idempotency/idempotent-request';
import { GuardReplayWith } from '../idempotency/replay-guard';
import { CaseActionReplayGuard, OpenCaseReplayGuard } from './case-replay-guards';
import { CaseIdParams, OpenCaseBody, RecordVerificationBody, SubmitReportBody } from './case.schemas';
import { OpenCaseUseCase } from './open-case.use-case';

/** HTTP ↔ use cases, nothing more: parsing with the zod schemas, status codes, headers. */
@Controller('cases')
export class CasesController {
  constructor(
    private readonly openCase: OpenCaseUseCase,
    private readonly actions: CaseActionUseCase,
    private readonly queries: CaseQueriesUseCase,
    private readonly policies: CasePolicyUseCase,
  ) {}

  @Post()
  @GuardReplayWith(OpenCaseReplayGuard)
  async open(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Body() body: unknown) {
    const actor = actorFrom(req);
    const input = parse(OpenCaseBody, body, 'body');
    const { record, created } = await this.openCase.execute(actor, input, idempotencyOf(req));
    res.status(created ? 201 : 200).location(`/cases/${record.id}`);
    return toCaseView(record);
  }

  @Get(':id')
  async get(@Req() req: Request, @Param() params: unknown) {
    const { id } = parse(CaseIdParams, params, 'path');
    return toCaseView(await this.queries.get(actorFrom(req), id));
  }

  @Get(':id/events')
  async events(@Req() req: Request, @Param() params: unknown) {
    const { id } = parse(CaseIdParams, params, 'path');
    return this.queries.events(actorFrom(req), id);
  }

  @Get(':id/policy')
  async policy(@Req() req: Request, @Param() params: unknown) {
    const { id } = parse(CaseIdParams, params, 'path');
    return this.policies.execute(actorFrom(req), id);
  }

  @Get(':id/integrity')
  async integrity(@Req() req: Request, @Param() params: unknown) {
    const { id } = parse(CaseIdParams, params, 'path');
    return this.queries.integrity(actorFrom(req), id);
  }

  @Post(':id/report')
  @HttpCode(200)
  @GuardReplayWith(CaseActionReplayGuard)
  async report(@Req() req: Request, @Param() params: unknown, @Body() body: unknown) {
    const { id } = parse(CaseIdParams, params, 'path');
    const actor = actorFrom(req);
    return toCaseView(await this.actions.submitReport(id, actor, parse(SubmitReportBody, body, 'body'), idempotencyOf(req)));
  }

  @Post(':id/verification')
  @HttpCode(200)
  @GuardReplayWith(CaseActionReplayGuard)
  async verification(@Req() req: Request, @Param() params: unknown, @Body() body: unknown) {
    const { id } = parse(CaseIdParams, params, 'path');
    const actor = actorFrom(req);
    return toCaseView(await this.actions.recordVerification(id, actor, parse(RecordVerificationBody, body, 'body'), idempotencyOf(req)));
  }
}
