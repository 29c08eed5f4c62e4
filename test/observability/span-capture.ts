import { trace } from '@opentelemetry/api';
import { Resource } from '@opentelemetry/resources';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/**
 * Registers, for this process, a tracer provider that keeps every finished span in memory: the
 * API's, the Temporal client's, the activities' and (through the worker's sink) the workflow's.
 * Must run before the stack starts. Used by the tracing test and `npm run bench:trace`.
 */
export function captureSpans(): { spans: () => ReadableSpan[]; reset: () => void; stop: () => Promise<void> } {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({
    resource: new Resource({ 'service.name': 'anjian-test' }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  provider.register();
  return {
    spans: () => exporter.getFinishedSpans(),
    reset: () => exporter.reset(),
    stop: async () => {
      await provider.shutdown();
      trace.disable();
    },
  };
}
