import { IdempotencyRepository } from '@anjian/persistence';
import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '../infrastructure/tokens';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { OutageInterceptor } from './outage.interceptor';

/**
 * Idempotency-Key for every POST, and 503 + Retry-After when PostgreSQL misses its deadline. The
 * idempotency interceptor is registered first (outermost), so it sees the outage interceptor's 503
 * and releases the key.
 */
@Global()
@Module({
  providers: [
    { provide: IdempotencyRepository, useFactory: (db: DataSource) => new IdempotencyRepository(db), inject: [DATA_SOURCE] },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
    { provide: APP_INTERCEPTOR, useClass: OutageInterceptor },
  ],
  exports: [IdempotencyRepository],
})
export class IdempotencyModule {}
