import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { parse } from '../../http/parse';
import { administratorFrom } from '../administrator';
import { CalendarIdParams } from '../calendars/calendar-admin.schemas';
import { PolicyVersionParams } from '../policies/policy-admin.schemas';
import { MigrateCasesUseCase } from './migrate-cases.use-case';
import { MigrationBody, PreviewBody } from './migration.schemas';
import { PreviewPolicyUseCase } from './preview-policy.use-case';

/** Preview and migration of running cases, administrators only. HTTP ↔ use cases. */
@Controller('admin')
export class AdminMigrationsController {
  constructor(
    private readonly preview: PreviewPolicyUseCase,
    private readonly migrate: MigrateCasesUseCase,
  ) {}

  @Post('policies/:version/preview')
  @HttpCode(200)
  previewPolicy(@Req() req: Request, @Param() params: unknown, @Body() body: unknown) {
    const actor = administratorFrom(req);
    const { version } = parse(PolicyVersionParams, params, 'path');
    return this.preview.execute(actor, version, parse(PreviewBody, body ?? {}, 'body').filter);
  }

  @Post('policies/:version/migrations')
  @HttpCode(200)
  migrateToPolicy(@Req() req: Request, @Param() params: unknown, @Body() body: unknown) {
    const actor = administratorFrom(req);
    const { version } = parse(PolicyVersionParams, params, 'path');
    const { filter, reason } = parse(MigrationBody, body, 'body');
    return this.migrate.toPolicy(actor, version, filter, reason);
  }

  @Post('calendars/:id/migrations')
  @HttpCode(200)
  migrateAfterCalendarChange(@Req() req: Request, @Param() params: unknown, @Body() body: unknown) {
    const actor = administratorFrom(req);
    const { id } = parse(CalendarIdParams, params, 'path');
    const { filter, reason } = parse(MigrationBody, body, 'body');
    return this.migrate.afterCalendarChange(actor, id, filter, reason);
  }
}
