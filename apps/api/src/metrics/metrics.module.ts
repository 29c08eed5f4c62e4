import { Module } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '../infrastructure/tokens';
import { MetricsController } from './metrics.controller';
import { ApiMetrics } from './metrics.registry';

/** GET /metrics; createApp registers ApiMetrics' HTTP middleware ahead of everything else. */
@Module({
  providers: [{ provide: ApiMetrics, useFactory: (db: DataSource) => new ApiMetrics(db), inject: [DATA_SOURCE] }],
  controllers: [MetricsController],
  exports: [ApiMetrics],
})
export class MetricsModule {}
