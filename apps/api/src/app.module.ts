import { type DynamicModule, Module } from '@nestjs/common';
import { AdminModule } from './admin/admin.module';
import { AuthModule } from './auth/auth.module';
import { CasesModule } from './cases/cases.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { HealthController } from './health/health.controller';
import { IdempotencyModule } from './idempotency/idempotency.module';
import './health/health.schema';
import { type Infrastructure, InfrastructureModule } from './infrastructure/infrastructure.module';
import { MetricsModule } from './metrics/metrics.module';
import { OpenApiController } from './openapi/openapi.controller';
import { TracingModule } from './tracing/tracing.module';

@Module({})
export class AppModule {
  static with(infra: Infrastructure): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.with(infra),
        // First of the global guards: access control and every route need the Principal it resolves.
        AuthModule,
        IdempotencyModule,
        CasesModule,
        DeadlinesModule,
        AdminModule,
        MetricsModule,
        TracingModule,
      ],
      controllers: [HealthController, OpenApiController],
    };
  }
}
