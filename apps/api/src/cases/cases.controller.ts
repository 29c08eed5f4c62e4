import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actorFrom } from '../http/actor';
import { parse } from '../http/parse';
import { CaseActionUseCase } from './case-action.use-case';
import { CasePolicyUseCase } from './case-policy.use-case';
import { CaseQueriesUseCase } from './case-queries.use-case';
import { toCaseView } from './case-view';
import { CaseIdParams, IdempotencyHeaders, OpenCaseBody, RecordVerificationBody, SubmitReportBody } from './case.schemas';
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
  async open(@Req() req: Request, @Res() res: Response, @Body() body: unknown): Promise<void> {
    const actor = actorFrom(req);
    const input = parse(OpenCaseBody, body, 'body');
    const { 'idempotency-key': key } = parse(IdempotencyHeaders, req.headers, 'headers');
    const { record, created } = await this.openCase.execute(actor, input, key);
    res
      .status(created ? 201 : 200)
      .location(`/cases/${record.id}`)
      .json(toCaseView(record));
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
  async report(@Req() req: Request, @Param() params: unknown, @Body() body: unknown) {
    const { id } = parse(CaseIdParams, params, 'path');
    const actor = actorFrom(req);
    return toCaseView(await this.actions.submitReport(id, actor, parse(SubmitReportBody, body, 'body')));
  }

  @Post(':id/verification')
  @HttpCode(200)
  async verification(@Req() req: Request, @Param() params: unknown, @Body() body: unknown) {
    const { id } = parse(CaseIdParams, params, 'path');
    const actor = actorFrom(req);
    return toCaseView(await this.actions.recordVerification(id, actor, parse(RecordVerificationBody, body, 'body')));
  }
}
