import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { trace } from '@opentelemetry/api';
import { installTracing } from './tracing';

describe('installTracing', () => {
  afterEach(() => trace.disable());

  it('is off without an endpoint: spans are not recorded', async () => {
    const stop = installTracing({ serviceName: 'anjian-api' });
    const span = trace.getTracer('t').startSpan('x');
    expect(span.isRecording()).toBe(false);
    span.end();
    await stop();
  });

  it('exports spans over OTLP/HTTP to <endpoint>/v1/traces when an endpoint is set', async () => {
    const received: Array<{ url?: string; method?: string; body: Buffer }> = [];
    const server = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ url: req.url, method: req.method, body: Buffer.concat(chunks) });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      const stop = installTracing({ endpoint: `http://127.0.0.1:${port}/`, serviceName: 'anjian-api-spec' });
      trace.getTracer('t').startSpan('POST /cases').end();
      await stop(); // flushes the batch
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({ url: '/v1/traces', method: 'POST' });
      const body = received[0]!.body.toString('utf8');
      expect(body).toContain('POST /cases');
      expect(body).toContain('anjian-api-spec');
    } finally {
      server.close();
    }
  });
});
