import { Module } from '@nestjs/common';
import { CaseActionUseCase } from './case-action.use-case';
import { CasesController } from './cases.controller';
import './cases.openapi';
import { OpenCaseUseCase } from './open-case.use-case';

@Module({ controllers: [CasesController], providers: [OpenCaseUseCase, CaseActionUseCase] })
export class CasesModule {}
