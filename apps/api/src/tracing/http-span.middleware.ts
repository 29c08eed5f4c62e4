import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { methodLabel, routeLabel } from '../metrics/route-label';

const tracer = trace.getTracer('anjian-api');

/**
 * One server span per HTTP request, named by method and route template once routing is known,
 * continuing a caller's `traceparent` if it sent one. The rest of the request (use case, Temporal
 * client, read-back) runs inside its context, so their spans are its children. Registered as Nest
 * middleware, i.e. after the body parser, whose stream callbacks would otherwise lose the context.
 */
@Injectable()
export class HttpSpanMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    const parent = propagation.extract(context.active(), req.headers);
    const method = methodLabel(req.method);
    const span = tracer.startSpan(
      `${method}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'url.path': req.path } },
      parent,
    );
    res.once('finish', () => {
      const route = routeLabel(req);
      span.updateName(`${method} ${route}`);
      span.setAttribute('http.route', route);
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  }
}
