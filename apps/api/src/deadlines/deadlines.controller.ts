import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { actorFrom } from '../http/actor';
import { parse } from '../http/parse';
import { CalculateDeadlineUseCase } from './calculate-deadline.use-case';
import { CalculateByDurationBody, CalculateByPolicyBody, ResolvePolicyQuery } from './deadline.schemas';
import { ResolvePolicyUseCase } from './resolve-policy.use-case';

/** The calculator and rule lookup, for any signed-in user (actor headers required, any role). */
@Controller()
export class DeadlinesController {
  constructor(
    private readonly calculate: CalculateDeadlineUseCase,
    private readonly resolve: ResolvePolicyUseCase,
  ) {}

  @Post('deadlines/calculate')
  @HttpCode(200)
  async calculateDeadline(@Req() req: Request, @Body() body: unknown) {
    const actor = actorFrom(req);
    // Pick the branch by `duration` rather than a zod union, so a mistake is reported on the field
    // the caller actually got wrong instead of as "matches neither shape".
    if (typeof body === 'object' && body !== null && 'duration' in body) {
      return this.calculate.byDuration(actor, parse(CalculateByDurationBody, body, 'body'));
    }
    return this.calculate.byPolicy(actor, parse(CalculateByPolicyBody, body, 'body'));
  }

  @Get('policies/resolve')
  async resolvePolicy(@Req() req: Request, @Query() query: unknown) {
    const actor = actorFrom(req);
    return this.resolve.lookup(actor, parse(ResolvePolicyQuery, query, 'query'));
  }
}
