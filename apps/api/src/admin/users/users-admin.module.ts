import { Module } from '@nestjs/common';
import { JurisdictionsAdminController } from '../jurisdictions/jurisdictions-admin.controller';
import '../jurisdictions/jurisdictions-admin.openapi';
import { JurisdictionsAdminUseCase } from '../jurisdictions/jurisdictions-admin.use-case';
import { UsersAdminController } from './users-admin.controller';
import './users-admin.openapi';
import { UsersAdminUseCase } from './users-admin.use-case';

/** Administration of who may do what: the user directory and the 行政区划 table. */
@Module({
  controllers: [UsersAdminController, JurisdictionsAdminController],
  providers: [UsersAdminUseCase, JurisdictionsAdminUseCase],
})
export class UsersAdminModule {}
