import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { caseBody, eventually } from '../support/fixtures';
import { http } from '../support/http';
import { startTestStack, type TestStack } from '../support/test-stack';
import { captureSpans } from './span-capture';

/**
 * One request, one trace: the API's server span, the Temporal client call, the workflow's update
 * handler and the activities it runs all carry the trace id of the HTTP request.
 */
describe('OpenTelemetry traces follow a request from the API through the workflow into its activities', () => {
  const capture = captureSpans();
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
    await capture.stop();
  });

  const names = (spans: ReadableSpan[]) => spans.map((s) => s.name).sort();

  it('POST /cases produces API, workflow and activity spans sharing one trace id', async () => {
    capture.reset();
    const res = await http(stack.baseUrl, 'POST', '/cases', caseBody());
    expect(res.status).toBe(201);

    const server = await eventually(
      async () => capture.spans().find((s) => s.name === 'POST /cases'),
      (s) => s !== undefined,
    );
    const traceId = server!.spanContext().traceId;
    const inTrace = await eventually(
      async () => capture.spans().filter((s) => s.spanContext().traceId === traceId),
      (spans) => ['HandleUpdate:opened', 'RunActivity:projectCase', 'RunActivity:armDeadline'].every((n) => names(spans).includes(n)),
    );

    expect(names(inTrace)).toEqual(
      expect.arrayContaining([
        'POST /cases', // API: HTTP server span
        'UpdateWithStartWorkflow:opened', // API: Temporal client
        'HandleUpdate:opened', // workflow: the update handler
        'StartActivity:armDeadline', // workflow: schedules the local activities
        'StartActivity:projectCase',
        'RunActivity:armDeadline', // worker: the activities themselves
        'RunActivity:projectCase',
      ]),
    );
    // Parent links hold the tree together: the client span is the server span's child, the activity
    // run is the child of the workflow's StartActivity span.
    const byName = (n: string) => inTrace.find((s) => s.name === n)!;
    expect(byName('UpdateWithStartWorkflow:opened').parentSpanId).toBe(server!.spanContext().spanId);
    expect(byName('RunActivity:projectCase').parentSpanId).toBe(byName('StartActivity:projectCase').spanContext().spanId);
    expect(server!.attributes['http.route']).toBe('/cases');
    expect(server!.attributes['http.response.status_code']).toBe(201);
  });

  it('a report on the case is a trace of its own, with the same chain', async () => {
    const opened = await http(stack.baseUrl, 'POST', '/cases', caseBody());
    capture.reset();
    const res = await http(stack.baseUrl, 'POST', `/cases/${opened.body.id}/report`, { summary: '已整改' });
    expect(res.status).toBe(200);
    const server = await eventually(
      async () => capture.spans().find((s) => s.name === 'POST /cases/:id/report'),
      (s) => s !== undefined,
    );
    const traceId = server!.spanContext().traceId;
    const inTrace = await eventually(
      async () => capture.spans().filter((s) => s.spanContext().traceId === traceId),
      (spans) => names(spans).includes('RunActivity:projectCase'),
    );
    expect(names(inTrace)).toEqual(
      expect.arrayContaining(['POST /cases/:id/report', 'HandleUpdate:submitReport', 'RunActivity:projectCase']),
    );
  });
});
