import { type DynamicModule, Module } from '@nestjs/common';
import { CasesModule } from './cases/cases.module';
import { HealthController } from './health/health.controller';
import './health/health.schema';
import { type Infrastructure, InfrastructureModule } from './infrastructure/infrastructure.module';
import { OpenApiController } from './openapi/openapi.controller';

@Module({})
export class AppModule {
  static with(infra: Infrastructure): DynamicModule {
    return {
      module: AppModule,
      imports: [InfrastructureModule.with(infra), CasesModule],
      controllers: [HealthController, OpenApiController],
    };
  }
}
