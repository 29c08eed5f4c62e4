import type { Env } from '@anjian/config';
import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Logger } from 'pino';
import { catchError, type Observable, throwError } from 'rxjs';
import { ENV, LOGGER } from '../infrastructure/tokens';
import { databaseProblem } from './database-unavailable';

/** Any request whose PostgreSQL call missed its deadline (or found no server) answers 503 with Retry-After. */
@Injectable()
export class OutageInterceptor implements NestInterceptor {
  constructor(
    @Inject(ENV) private readonly env: Env,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  intercept(_ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((err: unknown) => {
        const problem = databaseProblem(err, this.env.DATABASE_STATEMENT_TIMEOUT_MS);
        if (problem) this.log.warn({ err: (err as Error)?.message }, 'PostgreSQL did not answer');
        return throwError(() => problem ?? err);
      }),
    );
  }
}
