import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { Access } from '../access/access.decorator';
import { principalFrom } from '../http/actor';
import { parse } from '../http/parse';
import { BulkReassignBody, CaseIdParams, ReassignBody } from './reassignment.schemas';
import { ReassignmentUseCase } from './reassignment.use-case';

const subjectOf = (req: Request) => ({ method: req.method, route: (req.route as { path?: string } | undefined)?.path ?? req.path });

@Controller('cases')
export class ReassignmentController {
  constructor(private readonly reassignment: ReassignmentUseCase) {}

  /**
   * Bulk: the access policy decides the caller's role first, then each case on its own (reach), inside
   * the use case, since a guard sees one route, not 500 cases; each refusal is logged and audited like
   * the guard's.
   */
  @Post('reassignments')
  @HttpCode(200)
  async many(@Req() req: Request, @Body() body: unknown) {
    const principal = principalFrom(req);
    await this.reassignment.assertMayReassign(principal, subjectOf(req));
    const { caseIds, ...rest } = parse(BulkReassignBody, body, 'body');
    return this.reassignment.many(principal, caseIds, rest, subjectOf(req));
  }

  @Post(':id/reassignment')
  @HttpCode(200)
  @Access('reassign')
  async one(@Req() req: Request, @Param() params: unknown, @Body() body: unknown) {
    const { id } = parse(CaseIdParams, params, 'path');
    return this.reassignment.single(principalFrom(req), id, parse(ReassignBody, body, 'body'), subjectOf(req));
  }
}
