import { ReassignmentRepository } from '@anjian/persistence';
import { Module } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { CaseTemporal } from '../cases/case-temporal';
import { DATA_SOURCE } from '../infrastructure/tokens';
import { ReassignmentController } from './reassignment.controller';
import './reassignment.openapi';
import { ReassignmentUseCase } from './reassignment.use-case';

@Module({
  controllers: [ReassignmentController],
  providers: [
    { provide: ReassignmentRepository, useFactory: (db: DataSource) => new ReassignmentRepository(db), inject: [DATA_SOURCE] },
    CaseTemporal,
    ReassignmentUseCase,
  ],
})
export class ReassignmentModule {}
