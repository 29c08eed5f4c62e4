import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Access } from '../../access/access.decorator';
import { actorFrom } from '../../http/actor';
import { parse } from '../../http/parse';
import { idempotencyOf } from '../../idempotency/idempotent-request';
import { GuardReplayWith } from '../../idempotency/replay-guard';
import { CaseReachReplayGuard } from '../case-replay-guards';
import { CaseIdParams } from '../case.schemas';
import { CaseCommandsUseCase } from './case-commands.use-case';
import { ProcedureActionUseCase } from './procedure-action.use-case';
import {
  ApprovalDecisionBody,
  ApprovalParams,
  EscalationBody,
  ExtensionRequestBody,
  ProcedureActionParams,
  ProcedureParams,
  ReasonBody,
  StartProcedureBody,
} from './procedure.schemas';

/** HTTP ↔ the procedures of a case: parsing, status codes, headers; the use cases do the rest. */
@Controller('cases/:id')
export class ProceduresController {
  constructor(
    private readonly actions: ProcedureActionUseCase,
    private readonly commands: CaseCommandsUseCase,
  ) {}

  // The guard admits officers, supervisors and agency heads within reach; the action's own roles decide the rest (403).
  @Post('procedures/:procedureId/actions/:action')
  @Access('act')
  @HttpCode(200)
  @GuardReplayWith(CaseReachReplayGuard)
  async act(@Req() req: Request, @Param() params: unknown, @Body() body: unknown) {
    const { id, procedureId, action } = parse(ProcedureActionParams, params, 'path');
    return this.actions.execute(actorFrom(req), { caseId: id, procedureId, action, body }, idempotencyOf(req));
  }

  @Post('procedures')
  @Access('act')
  @GuardReplayWith(CaseReachReplayGuard)
  async start(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Param() params: unknown, @Body() body: unknown) {
    const { id } = parse(CaseIdParams, params, 'path');
    const detail = await this.commands.startProcedure(actorFrom(req), id, parse(StartProcedureBody, body, 'body'), idempotencyOf(req));
    res.status(201).location(`/cases/${id}`);
    return detail;
  }

  @Post('approvals/:approvalId/decision')
  @Access('approve')
  @HttpCode(200)
  @GuardReplayWith(CaseReachReplayGuard)
  async decide(@Req() req: Request, @Param() params: unknown, @Body() body: unknown) {
    const { id, approvalId } = parse(ApprovalParams, params, 'path');
    return this.commands.decideApproval(actorFrom(req), id, approvalId, parse(ApprovalDecisionBody, body, 'body'), idempotencyOf(req));
  }

  @Post('procedures/:procedureId/extension')
  @Access('act')
  @HttpCode(200)
  @GuardReplayWith(CaseReachReplayGuard)
  async extension(@Req() req: Request, @Param() params: unknown, @Body() body: unknown) {
    const { id, procedureId } = parse(ProcedureParams, params, 'path');
    return this.commands.requestExtension(actorFrom(req), id, procedureId, parse(ExtensionRequestBody, body, 'body'), idempotencyOf(req));
  }

  @Post('procedures/:procedureId/suspension')
  @Access('act')
  @HttpCode(200)
  @GuardReplayWith(CaseReachReplayGuard)
  async suspension(@Req() req: Request, @Param() params: unknown, @Body() body: unknown) {
    const { id, procedureId } = parse(ProcedureParams, params, 'path');
    return this.commands.requestSuspension(actorFrom(req), id, procedureId, parse(ReasonBody, body, 'body'), idempotencyOf(req));
  }

  @Post('procedures/:procedureId/resumption')
  @Access('act')
  @HttpCode(200)
  @GuardReplayWith(CaseReachReplayGuard)
  async resumption(@Req() req: Request, @Param() params: unknown, @Body() body: unknown) {
    const { id, procedureId } = parse(ProcedureParams, params, 'path');
    return this.commands.resume(actorFrom(req), id, procedureId, parse(ReasonBody, body, 'body'), idempotencyOf(req));
  }

  @Post('procedures/:procedureId/escalation')
  @Access('escalate')
  @HttpCode(200)
  @GuardReplayWith(CaseReachReplayGuard)
  async escalation(@Req() req: Request, @Param() params: unknown, @Body() body: unknown) {
    const { id, procedureId } = parse(ProcedureParams, params, 'path');
    return this.commands.escalate(actorFrom(req), id, procedureId, parse(EscalationBody, body, 'body'), idempotencyOf(req));
  }
}
