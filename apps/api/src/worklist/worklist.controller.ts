import { Controller, Get, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { Access } from '../access/access.decorator';
import { principalFrom } from '../http/actor';
import { parse } from '../http/parse';
import { WorklistUseCase } from './worklist.use-case';
import { WorklistQuery } from './worklist.schemas';

/** GET /cases: the caller's worklist. The rows are bounded by the caller's scope (visibilityScope). */
@Controller('cases')
export class WorklistController {
  constructor(private readonly worklist: WorklistUseCase) {}

  @Get()
  @Access('worklist')
  async list(@Req() req: Request, @Query() query: unknown) {
    return this.worklist.execute(principalFrom(req), parse(WorklistQuery, query, 'query'), new Date().toISOString());
  }
}
