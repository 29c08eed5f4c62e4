import { Body, Controller, Get, Param, Patch, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { Access } from '../../access/access.decorator';
import { callerOf } from '../../access/caller';
import { parse } from '../../http/parse';
import { CreateUserBody, PatchUserBody, UserIdParams, UserListQuery } from './users-admin.schemas';
import { UsersAdminUseCase } from './users-admin.use-case';

/** Users (用户管理), administrators only, each inside their own subtree. HTTP ↔ use case. */
@Controller('admin/users')
export class UsersAdminController {
  constructor(private readonly users: UsersAdminUseCase) {}

  @Get()
  @Access('configure_users')
  list(@Req() req: Request, @Query() query: unknown) {
    return this.users.list(callerOf(req), parse(UserListQuery, query, 'query'));
  }

  @Post()
  @Access('configure_users')
  create(@Req() req: Request, @Body() body: unknown) {
    return this.users.create(callerOf(req), parse(CreateUserBody, body, 'body'));
  }

  @Patch(':id')
  @Access('configure_users')
  change(@Req() req: Request, @Param() params: unknown, @Body() body: unknown) {
    const { id } = parse(UserIdParams, params, 'path');
    return this.users.change(callerOf(req), id, parse(PatchUserBody, body, 'body'));
  }
}
