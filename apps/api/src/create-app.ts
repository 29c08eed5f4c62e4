import { NestFactory } from '@nestjs/core';
import type { Express, Request } from 'express';
import './auth/principal-request';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { pinoHttp } from 'pino-http';
import { getAbsoluteFSPath } from 'swagger-ui-dist';
import { AppModule } from './app.module';
import { answerClientErrorsAsProblems } from './http/client-error';
import { jsonBody } from './http/json-body';
import { methodNotAllowed } from './http/method-not-allowed';
import { PinoNestLogger } from './http/pino-nest-logger';
import { ProblemFilter } from './http/problem.filter';
import { responseHeaders } from './http/response-headers';
import { applyServerTimeouts } from './http/server-timeouts';
import type { Infrastructure } from './infrastructure/infrastructure.module';
import { ApiMetrics } from './metrics/metrics.registry';

/** Builds the HTTP app around connections made by the caller (main.ts or a test). */
export async function createApp(infra: Infrastructure): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.with(infra), {
    logger: new PinoNestLogger(infra.log),
    // Our own JSON-only parser (http/json-body.ts): no form bodies, a size limit, 4xx for every parser error.
    bodyParser: false,
  });
  // First, so that every answer is timed, the body parser's refusals included.
  app.use(app.get(ApiMetrics).http.middleware());
  app.use(
    pinoHttp({
      logger: infra.log,
      // The caller by directory id only (set by the authentication guard); nothing from request headers,
      // so no bearer token or other secret reaches the logs.
      serializers: { req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }) },
      customProps: (req) => ({ actor: (req as Request).principal?.id }),
    }),
  );
  app.disable('x-powered-by');
  // No computed ETags: every JSON answer carries `now` and times left, so a hash of the body never
  // matches a later one; Express would hash each body (≈ 25 KB for a 50-row list) for nothing. Answers
  // that do have a stable identity set their own (attachments: the SHA-256).
  app.set('etag', false);
  // Behind a load balancer, the client's address (rate limits per address, logs) comes from the proxies
  // named here only; unset, X-Forwarded-For is ignored (a client could forge it).
  if (infra.env.API_TRUST_PROXY !== undefined) app.set('trust proxy', infra.env.API_TRUST_PROXY);
  app.use(responseHeaders());
  const express = app.getHttpAdapter().getInstance() as Express;
  app.use(methodNotAllowed(() => express.router.stack));
  app.use(jsonBody());
  app.useStaticAssets(getAbsoluteFSPath(), { prefix: '/docs/assets' });
  app.useGlobalFilters(new ProblemFilter(infra.log));
  answerClientErrorsAsProblems(app.getHttpServer());
  applyServerTimeouts(app.getHttpServer(), {
    requestTimeoutMs: infra.env.API_REQUEST_TIMEOUT_MS,
    headersTimeoutMs: infra.env.API_HEADERS_TIMEOUT_MS,
  });
  app.enableShutdownHooks();
  return app;
}
