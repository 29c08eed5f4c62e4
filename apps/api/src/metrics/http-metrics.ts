import type { NextFunction, Request, Response } from 'express';
import { Histogram, type Registry } from 'prom-client';
import { methodLabel, routeLabel } from './route-label';

/** HTTP latency by method, route template and status: one histogram, bounded labels. */
export class HttpMetrics {
  readonly duration: Histogram<'method' | 'route' | 'status'>;

  constructor(registry: Registry) {
    this.duration = new Histogram({
      name: 'anjian_http_request_duration_seconds',
      help: 'Time from the request reaching the API to the last byte of the answer, by route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.35, 0.5, 0.75, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });
  }

  /** Express middleware; registered before the body parser so that its refusals (413, 415) count too. */
  middleware() {
    return (req: Request, res: Response, next: NextFunction): void => {
      const end = this.duration.startTimer();
      res.once('finish', () => end({ method: methodLabel(req.method), route: routeLabel(req), status: String(res.statusCode) }));
      next();
    };
  }
}
