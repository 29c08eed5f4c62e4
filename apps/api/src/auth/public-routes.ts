import { SetMetadata } from '@nestjs/common';
import { HealthController } from '../health/health.controller';
import { MetricsController } from '../metrics/metrics.controller';
import { OpenApiController } from '../openapi/openapi.controller';

export const PUBLIC_ROUTE = 'anjian:public-route';

/** Marks a controller or handler as answering without a token (probes, metrics, the API description). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/**
 * Controllers that answer without a token: health probes (/health), Prometheus (/metrics) and the API
 * description (/openapi.json, /docs). Everything else needs a bearer token. Listed here rather than
 * decorated so that the whole exception list is in one place.
 */
export const PUBLIC_CONTROLLERS: ReadonlySet<unknown> = new Set([HealthController, MetricsController, OpenApiController]);
