import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { HttpSpanMiddleware } from './http-span.middleware';

@Module({})
export class TracingModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpSpanMiddleware).forRoutes('{*path}');
  }
}
