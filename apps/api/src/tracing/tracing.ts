import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

/**
 * Registers the process-wide tracer provider exporting over OTLP/HTTP (the worker has the same in
 * apps/worker/src/tracing.ts), or does nothing when OTEL_EXPORTER_OTLP_ENDPOINT is unset: the
 * OpenTelemetry API then hands out no-op tracers. Returns what flushes and stops it.
 */
export function installTracing(s: { endpoint?: string; serviceName: string }): () => Promise<void> {
  if (!s.endpoint) return async () => {};
  const provider = new NodeTracerProvider({
    resource: new Resource({ [ATTR_SERVICE_NAME]: s.serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${s.endpoint.replace(/\/+$/, '')}/v1/traces` }))],
  });
  provider.register(); // also installs the AsyncLocalStorage context manager and W3C propagation
  return () => provider.shutdown();
}
