import { Body, Controller, Get, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { Access } from '../../access/access.decorator';
import { callerOf } from '../../access/caller';
import { noQuery, parse } from '../../http/parse';
import { CreateJurisdictionBody } from './jurisdictions-admin.schemas';
import { JurisdictionsAdminUseCase } from './jurisdictions-admin.use-case';

/** Administrative divisions (行政区划). HTTP ↔ use case. */
@Controller('admin/jurisdictions')
export class JurisdictionsAdminController {
  constructor(private readonly jurisdictions: JurisdictionsAdminUseCase) {}

  @Get()
  @Access('read_jurisdictions')
  list(@Query() query: unknown) {
    noQuery(query);
    return this.jurisdictions.list();
  }

  @Post()
  @Access('configure_jurisdictions')
  create(@Req() req: Request, @Body() body: unknown) {
    return this.jurisdictions.create(callerOf(req), parse(CreateJurisdictionBody, body, 'body'));
  }
}
