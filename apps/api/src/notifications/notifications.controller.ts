import { Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { Access } from '../access/access.decorator';
import { principalFrom } from '../http/actor';
import { parse } from '../http/parse';
import { NotificationIdParams, NotificationsQuery } from './notifications.schemas';
import { NotificationsUseCase } from './notifications.use-case';

@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsUseCase) {}

  @Get()
  @Access('self')
  async list(@Req() req: Request, @Query() query: unknown) {
    return this.notifications.list(principalFrom(req), parse(NotificationsQuery, query, 'query'));
  }

  @Post(':id/read')
  @HttpCode(200)
  @Access('self')
  async read(@Req() req: Request, @Param() params: unknown) {
    const { id } = parse(NotificationIdParams, params, 'path');
    return this.notifications.markRead(principalFrom(req), id);
  }
}
