import { Controller, Get, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { Access } from '../access/access.decorator';
import { principalFrom } from '../http/actor';
import { parse } from '../http/parse';
import { StatisticsQuery } from './statistics.schemas';
import { StatisticsUseCase } from './statistics.use-case';

@Controller('statistics')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsUseCase) {}

  @Get()
  @Access('statistics')
  async get(@Req() req: Request, @Query() query: unknown) {
    return this.statistics.execute(principalFrom(req), parse(StatisticsQuery, query, 'query'), new Date().toISOString());
  }
}
