import { type Context, trace, type ProxyTracerProvider } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, type ReadableSpan, type Span, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

export interface TracingSettings {
  /** OTLP/HTTP base URL (OTEL_EXPORTER_OTLP_ENDPOINT); tracing is off when unset. */
  endpoint?: string;
  serviceName: string;
}

/**
 * Registers the process-wide tracer provider exporting over OTLP/HTTP, or does nothing when no
 * endpoint is configured (the OpenTelemetry API then hands out no-op tracers: no spans, no cost).
 * Returns what flushes and stops it on shutdown.
 */
export function installTracing(s: TracingSettings): () => Promise<void> {
  if (!s.endpoint) return async () => {};
  const provider = new NodeTracerProvider({
    resource: new Resource({ [ATTR_SERVICE_NAME]: s.serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${s.endpoint.replace(/\/+$/, '')}/v1/traces` }))],
  });
  provider.register();
  return () => provider.shutdown();
}

/**
 * Workflow spans are made inside the workflow sandbox and handed to the worker through a sink; this
 * processor passes them to whatever provider is registered globally (installTracing in production,
 * an in-memory exporter in tests), so every span of the process leaves through one place. Without a
 * registered SDK provider they are dropped.
 */
export class GlobalProviderSpanProcessor implements SpanProcessor {
  private target(): SpanProcessor | undefined {
    const global = trace.getTracerProvider() as ProxyTracerProvider;
    const delegate = (typeof global.getDelegate === 'function' ? global.getDelegate() : global) as {
      getActiveSpanProcessor?: () => SpanProcessor;
    };
    return delegate.getActiveSpanProcessor?.();
  }
  onStart(_span: Span, _ctx: Context): void {}
  onEnd(span: ReadableSpan): void {
    this.target()?.onEnd(span);
  }
  async forceFlush(): Promise<void> {
    await this.target()?.forceFlush();
  }
  async shutdown(): Promise<void> {}
}
