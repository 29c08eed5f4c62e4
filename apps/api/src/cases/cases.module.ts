import { Module } from '@nestjs/common';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { CasePolicyUseCase } from './case-policy.use-case';
import { CaseActionUseCase } from './case-action.use-case';
import { CaseQueriesUseCase } from './case-queries.use-case';
import { CaseActionReplayGuard, OpenCaseReplayGuard } from './case-replay-guards';
import { CaseTemporal } from './case-temporal';
import { CasesController } from './cases.controller';
import './cases.openapi';
import { OpenCaseUseCase } from './open-case.use-case';

@Module({
  imports: [DeadlinesModule],
  controllers: [CasesController],
  providers: [
    OpenCaseUseCase,
    CaseActionUseCase,
    CaseQueriesUseCase,
    CasePolicyUseCase,
    CaseTemporal,
    OpenCaseReplayGuard,
    CaseActionReplayGuard,
  ],
})
export class CasesModule {}
