import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { noQuery, parse } from '../../http/parse';
import { idempotencyOf } from '../../idempotency/idempotent-request';
import { administratorFrom } from '../administrator';
import { CalendarIdParams } from '../calendars/calendar-admin.schemas';
import { PolicyVersionParams } from '../policies/policy-admin.schemas';
import { MigrationReadsUseCase } from './migration-reads.use-case';
import { MigrationBody, MigrationCasesQuery, MigrationIdParams, PreviewBody } from './migration.schemas';
import { PreviewPolicyUseCase } from './preview-policy.use-case';
import { StartMigrationUseCase } from './start-migration.use-case';

/** Preview and migration of running cases, administrators only. HTTP ↔ use cases. */
@Controller('admin')
export class AdminMigrationsController {
  constructor(
    private readonly preview: PreviewPolicyUseCase,
    private readonly start: StartMigrationUseCase,
    private readonly reads: MigrationReadsUseCase,
  ) {}

  @Post('policies/:version/preview')
  @HttpCode(200)
  previewPolicy(@Req() req: Request, @Param() params: unknown, @Body() body: unknown) {
    const actor = administratorFrom(req);
    const { version } = parse(PolicyVersionParams, params, 'path');
    return this.preview.execute(actor, version, parse(PreviewBody, body ?? {}, 'body').filter);
  }

  /** 202: the batch runs on; its status URL (Location) shows progress. */
  @Post('policies/:version/migrations')
  @HttpCode(202)
  async migrateToPolicy(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Param() params: unknown, @Body() body: unknown) {
    const actor = administratorFrom(req);
    const { version } = parse(PolicyVersionParams, params, 'path');
    const { filter, reason } = parse(MigrationBody, body, 'body');
    const started = await this.start.toPolicy(actor, version, filter, reason, idempotencyOf(req));
    res.setHeader('Location', started.statusUrl);
    return started;
  }

  @Post('calendars/:id/migrations')
  @HttpCode(202)
  async migrateAfterCalendarChange(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param() params: unknown,
    @Body() body: unknown,
  ) {
    const actor = administratorFrom(req);
    const { id } = parse(CalendarIdParams, params, 'path');
    const { filter, reason } = parse(MigrationBody, body, 'body');
    const started = await this.start.afterCalendarChange(actor, id, filter, reason, idempotencyOf(req));
    res.setHeader('Location', started.statusUrl);
    return started;
  }

  @Get('migrations')
  list(@Req() req: Request, @Query() query: unknown) {
    const actor = administratorFrom(req);
    noQuery(query);
    return this.reads.list(actor);
  }

  @Get('migrations/:id')
  status(@Req() req: Request, @Param() params: unknown, @Query() query: unknown) {
    const actor = administratorFrom(req);
    const { id } = parse(MigrationIdParams, params, 'path');
    noQuery(query);
    return this.reads.status(actor, id);
  }

  @Get('migrations/:id/cases')
  cases(@Req() req: Request, @Param() params: unknown, @Query() query: unknown) {
    const actor = administratorFrom(req);
    const { id } = parse(MigrationIdParams, params, 'path');
    return this.reads.cases(actor, id, parse(MigrationCasesQuery, query, 'query'));
  }
}
