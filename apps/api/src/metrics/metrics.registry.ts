import { collectDefaultMetrics, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { registerCaseGauges } from './case-gauges';
import { HttpMetrics } from './http-metrics';

/**
 * One registry per API instance (not prom-client's global one), so that several apps in one process
 * (tests, benchmarks) never clash over metric names. Node's process metrics (CPU, memory, event-loop
 * lag, GC) come with it.
 */
export class ApiMetrics {
  readonly registry = new Registry();
  readonly http: HttpMetrics;

  constructor(db: DataSource) {
    collectDefaultMetrics({ register: this.registry, prefix: 'anjian_api_' });
    this.http = new HttpMetrics(this.registry);
    registerCaseGauges(this.registry, db);
  }
}
