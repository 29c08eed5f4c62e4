import { DEVELOPMENT_OIDC_ISSUER, type Env } from '@anjian/config';
import { DirectoryRepository } from '@anjian/persistence';
import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, ENV } from '../infrastructure/tokens';
import { AuthenticationGuard } from './authentication.guard';
import { TokenVerifier } from './token-verifier';

/**
 * Bearer-token authentication for every route but the public ones (docs/identity.md). Import it
 * before any module that registers its own APP_GUARD (access control): Nest runs global guards in
 * registration order, and access decisions need the Principal this guard puts on the request.
 */
@Global()
@Module({
  providers: [
    {
      provide: TokenVerifier,
      useFactory: (env: Env) => {
        if (env.NODE_ENV === 'production' && env.OIDC_ISSUERS.includes(DEVELOPMENT_OIDC_ISSUER))
          throw new Error(
            `OIDC_ISSUERS: the development provider (${DEVELOPMENT_OIDC_ISSUER}) is not an issuer for production; name yours`,
          );
        return new TokenVerifier({
          issuers: env.OIDC_ISSUERS,
          audience: env.OIDC_AUDIENCE,
          clockSkewS: env.OIDC_CLOCK_SKEW_S,
          maxTokenAgeS: env.OIDC_MAX_TOKEN_AGE_S,
          usernameClaim: env.OIDC_USERNAME_CLAIM,
          httpTimeoutMs: env.OIDC_HTTP_TIMEOUT_MS,
          cacheEntries: env.OIDC_TOKEN_CACHE_ENTRIES,
        });
      },
      inject: [ENV],
    },
    { provide: DirectoryRepository, useFactory: (db: DataSource) => new DirectoryRepository(db), inject: [DATA_SOURCE] },
    AuthenticationGuard,
    { provide: APP_GUARD, useExisting: AuthenticationGuard },
  ],
  exports: [TokenVerifier, DirectoryRepository, AuthenticationGuard],
})
export class AuthModule {}
