import { Global, Module } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { ThrottlerStorageService } from '@nestjs/throttler';
import type { Env } from '@anjian/config';
import { ENV } from '../infrastructure/tokens';
import { type RateLimits, rateLimitsOf } from './rate-limit.config';
import { RateLimitGuard } from './rate-limit.guard';

const CONFIG = Symbol('rate-limit-config');

/** The counters and the configuration both guards share. */
@Global()
@Module({
  providers: [ThrottlerStorageService, { provide: CONFIG, useFactory: (env: Env) => rateLimitsOf(env), inject: [ENV] }],
  exports: [ThrottlerStorageService, CONFIG],
})
class RateLimitStoreModule {}

const guard = (by: 'ip' | 'user') => ({
  provide: APP_GUARD,
  useFactory: async (config: RateLimits, storage: ThrottlerStorageService, reflector: Reflector) => {
    const limit = by === 'ip' ? config.perIp : config.perUser;
    const g = new RateLimitGuard(by, limit, config.windowS, storage, reflector);
    await g.onModuleInit();
    return limit === 0 ? { canActivate: () => true } : g;
  },
  inject: [CONFIG, ThrottlerStorageService, Reflector],
});

/**
 * Per client address. Import BEFORE AuthModule: global guards run in registration order, and a flood
 * of bad tokens must be limited before each is verified.
 */
@Module({ imports: [RateLimitStoreModule], providers: [guard('ip')] })
export class RateLimitByIpModule {}

/** Per signed-in user. Import AFTER AuthModule: it counts the Principal authentication resolved. */
@Module({ imports: [RateLimitStoreModule], providers: [guard('user')] })
export class RateLimitByUserModule {}
