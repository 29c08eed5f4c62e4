import type { Env } from '@anjian/config';
import { ProcedureProjectionRepository } from '@anjian/persistence';
import { Module } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { DATA_SOURCE, ENV } from '../infrastructure/tokens';
import { AttachmentCitations } from './attachment-citations';
import { CasePolicyUseCase } from './case-policy.use-case';
import { CaseActionUseCase } from './case-action.use-case';
import { CaseQueriesUseCase } from './case-queries.use-case';
import { CaseActionReplayGuard, CaseReachReplayGuard, OpenCaseReplayGuard } from './case-replay-guards';
import { CaseTemporal } from './case-temporal';
import { CasesController } from './cases.controller';
import './cases.openapi';
import { OpenCaseUseCase } from './open-case.use-case';
import { CaseCommandsUseCase } from './procedures/case-commands.use-case';
import { CaseDetailUseCase } from './procedures/case-detail.use-case';
import { ProcedureActionUseCase } from './procedures/procedure-action.use-case';
import { ProceduresController } from './procedures/procedures.controller';
import './procedures/procedures.openapi';

@Module({
  imports: [DeadlinesModule],
  controllers: [CasesController, ProceduresController],
  providers: [
    OpenCaseUseCase,
    CaseActionUseCase,
    CaseQueriesUseCase,
    CasePolicyUseCase,
    CaseTemporal,
    CaseDetailUseCase,
    ProcedureActionUseCase,
    CaseCommandsUseCase,
    AttachmentCitations,
    OpenCaseReplayGuard,
    CaseActionReplayGuard,
    CaseReachReplayGuard,
    {
      provide: ProcedureProjectionRepository,
      useFactory: (db: DataSource, env: Env) => new ProcedureProjectionRepository(db, env.EVENT_CHAIN_KEY),
      inject: [DATA_SOURCE, ENV],
    },
  ],
  exports: [CaseTemporal, CaseDetailUseCase, ProcedureProjectionRepository],
})
export class CasesModule {}
