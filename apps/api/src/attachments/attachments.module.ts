import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { CaseReachReplayGuard } from '../cases/case-replay-guards';
import { AttachmentsController } from './attachments.controller';
import './attachments.openapi';
import { AttachmentsUseCase } from './attachments.use-case';
import { attachmentStoreProvider } from './attachment-store.provider';
import { RawUploadMiddleware } from './raw-upload.middleware';

@Module({
  imports: [CasesModule],
  controllers: [AttachmentsController],
  providers: [AttachmentsUseCase, attachmentStoreProvider, CaseReachReplayGuard],
})
export class AttachmentsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // The body is the file: read here (authenticated first, bounded, hashed) before guards and the idempotency interceptor run.
    consumer.apply(RawUploadMiddleware).forRoutes({ path: 'cases/:id/attachments', method: RequestMethod.POST });
  }
}
