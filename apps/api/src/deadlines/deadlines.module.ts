import { Module } from '@nestjs/common';
import { CalculateDeadlineUseCase } from './calculate-deadline.use-case';
import { CatalogController } from './catalog.controller';
import { DeadlinesController } from './deadlines.controller';
import './deadlines.openapi';
import { ResolvePolicyUseCase } from './resolve-policy.use-case';

@Module({
  controllers: [DeadlinesController, CatalogController],
  providers: [CalculateDeadlineUseCase, ResolvePolicyUseCase],
  exports: [ResolvePolicyUseCase],
})
export class DeadlinesModule {}
