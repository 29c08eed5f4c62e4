import { Module } from '@nestjs/common';
import { statisticsRepository } from '../worklist/list-repositories';
import { StatisticsController } from './statistics.controller';
import './statistics.openapi';
import { StatisticsUseCase } from './statistics.use-case';

@Module({ controllers: [StatisticsController], providers: [statisticsRepository, StatisticsUseCase] })
export class StatisticsModule {}
