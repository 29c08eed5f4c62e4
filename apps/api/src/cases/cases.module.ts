import { Module } from '@nestjs/common';
import { CaseActionUseCase } from './case-action.use-case';
import { CaseQueriesUseCase } from './case-queries.use-case';
import { CasesController } from './cases.controller';
import './cases.openapi';
import { OpenCaseUseCase } from './open-case.use-case';

@Module({ controllers: [CasesController], providers: [OpenCaseUseCase, CaseActionUseCase, CaseQueriesUseCase] })
export class CasesModule {}
