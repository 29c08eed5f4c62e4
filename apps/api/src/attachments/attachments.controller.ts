import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Access } from '../access/access.decorator';
import { actorFrom } from '../http/actor';
import { noQuery, parse } from '../http/parse';
import { GuardReplayWith } from '../idempotency/replay-guard';
import { CaseReachReplayGuard } from '../cases/case-replay-guards';
import { CaseIdParams } from '../cases/case.schemas';
import { AttachmentParams, UploadQuery } from './attachments.schemas';
import { AttachmentsUseCase } from './attachments.use-case';
import { uploadedFile } from './raw-upload.middleware';

/** HTTP ↔ attachments: the body is the file (read by RawUploadMiddleware), the answer its record. */
@Controller('cases/:id/attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsUseCase) {}

  @Post()
  @Access('act')
  @GuardReplayWith(CaseReachReplayGuard)
  async upload(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Param() params: unknown, @Query() query: unknown) {
    const { id } = parse(CaseIdParams, params, 'path');
    const { procedureId } = parse(UploadQuery, query, 'query');
    const view = await this.attachments.upload(actorFrom(req), id, procedureId, uploadedFile(req)!);
    res.status(201).location(`/cases/${id}/attachments/${view.id}`);
    return view;
  }

  @Get()
  @Access('read')
  async list(@Req() req: Request, @Param() params: unknown, @Query() query: unknown) {
    const { id } = parse(CaseIdParams, params, 'path');
    const { procedureId } = parse(UploadQuery, query, 'query');
    return this.attachments.list(actorFrom(req), id, procedureId);
  }

  @Get(':attachmentId')
  @Access('read')
  async download(@Req() req: Request, @Res() res: Response, @Param() params: unknown, @Query() query: unknown) {
    const { id, attachmentId } = parse(AttachmentParams, params, 'path');
    noQuery(query);
    const { attachment, content } = await this.attachments.download(actorFrom(req), id, attachmentId);
    res
      .status(200)
      .type(attachment.contentType)
      .setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(attachment.name)}`)
      .setHeader('etag', `"${attachment.sha256}"`)
      .setHeader('x-content-sha256', attachment.sha256)
      .send(content);
  }
}
