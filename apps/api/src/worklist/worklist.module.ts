import { Module } from '@nestjs/common';
import { caseListRepository } from './list-repositories';
import { WorklistController } from './worklist.controller';
import './worklist.openapi';
import { WorklistUseCase } from './worklist.use-case';

@Module({ controllers: [WorklistController], providers: [caseListRepository, WorklistUseCase] })
export class WorklistModule {}
