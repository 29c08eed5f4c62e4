import { Body, Controller, Get, Param, Post, Put, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { Access } from '../../access/access.decorator';
import { noQuery, parse } from '../../http/parse';
import { administratorFrom } from '../administrator';
import { CalendarIdParams, CalendarVersionQuery, EditCalendarEntriesBody, SaveCalendarBody } from './calendar-admin.schemas';
import { CalendarReadsUseCase } from './calendar-reads.use-case';
import { EditCalendarEntriesUseCase } from './edit-calendar-entries.use-case';
import { SaveCalendarVersionUseCase } from './save-calendar-version.use-case';

/** Working-day calendars (工作日历), administrators only. HTTP ↔ use cases. */
@Controller('admin/calendars')
export class AdminCalendarsController {
  constructor(
    private readonly reads: CalendarReadsUseCase,
    private readonly save: SaveCalendarVersionUseCase,
    private readonly edit: EditCalendarEntriesUseCase,
  ) {}

  @Get()
  @Access('configure_calendars')
  list(@Req() req: Request, @Query() query: unknown) {
    administratorFrom(req);
    noQuery(query);
    return this.reads.list();
  }

  @Get(':id')
  @Access('configure_calendars')
  get(@Req() req: Request, @Param() params: unknown, @Query() query: unknown) {
    administratorFrom(req);
    const { id } = parse(CalendarIdParams, params, 'path');
    return this.reads.get(id, parse(CalendarVersionQuery, query, 'query').version);
  }

  @Get(':id/history')
  @Access('configure_calendars')
  history(@Req() req: Request, @Param() params: unknown, @Query() query: unknown) {
    administratorFrom(req);
    const { id } = parse(CalendarIdParams, params, 'path');
    noQuery(query);
    return this.reads.history(id);
  }

  @Put(':id')
  @Access('configure_calendars')
  put(@Req() req: Request, @Param() params: unknown, @Body() body: unknown) {
    const actor = administratorFrom(req);
    const { id } = parse(CalendarIdParams, params, 'path');
    return this.save.execute(actor, id, parse(SaveCalendarBody, body, 'body'));
  }

  @Post(':id/entries')
  @Access('configure_calendars')
  entries(@Req() req: Request, @Param() params: unknown, @Body() body: unknown) {
    const actor = administratorFrom(req);
    const { id } = parse(CalendarIdParams, params, 'path');
    return this.edit.execute(actor, id, parse(EditCalendarEntriesBody, body, 'body'));
  }
}
