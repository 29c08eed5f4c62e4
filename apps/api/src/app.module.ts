import { type DynamicModule, Module } from '@nestjs/common';
import { AccessModule } from './access/access.module';
import { AdminModule } from './admin/admin.module';
import { AttachmentsModule } from './attachments/attachments.module';
import { UsersAdminModule } from './admin/users/users-admin.module';
import { AuthModule } from './auth/auth.module';
import { CasesModule } from './cases/cases.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { HealthController } from './health/health.controller';
import { IdempotencyModule } from './idempotency/idempotency.module';
import './health/health.schema';
import { type Infrastructure, InfrastructureModule } from './infrastructure/infrastructure.module';
import { MetricsModule } from './metrics/metrics.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OpenApiController } from './openapi/openapi.controller';
import { ReassignmentModule } from './reassignment/reassignment.module';
import { ReviewModule } from './review/review.module';
import { StatisticsModule } from './statistics/statistics.module';
import { RateLimitByIpModule, RateLimitByUserModule } from './rate-limit/rate-limit.module';
import { TracingModule } from './tracing/tracing.module';
import { WorklistModule } from './worklist/worklist.module';

@Module({})
export class AppModule {
  static with(infra: Infrastructure): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.with(infra),
        RateLimitByIpModule, // before AuthModule: floods of bad tokens are limited before verification
        // Before the other global guards: access control and every route need the Principal it resolves.
        AuthModule,
        RateLimitByUserModule, // after AuthModule: counts the Principal it resolved
        IdempotencyModule,
        AccessModule,
        CasesModule,
        WorklistModule,
        ReviewModule,
        StatisticsModule,
        NotificationsModule,
        ReassignmentModule,
        AttachmentsModule,
        DeadlinesModule,
        AdminModule,
        UsersAdminModule,
        MetricsModule,
        TracingModule,
      ],
      controllers: [HealthController, OpenApiController],
    };
  }
}
