import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { caseBody, eventually } from '../support/fixtures';
import { http } from '../support/http';
import { startTestStack, type TestStack } from '../support/test-stack';
import { actionPath, document } from '../api/procedure-support';
import { captureSpans } from './span-capture';
import { uploadFile } from '../support/uploads';

/**
 * One request, one trace: the API's server span, the Temporal client call, the case workflow's update
 * handler, the procedure workflow (a child of the case workflow) and the activities it runs all carry
 * the trace id of the HTTP request.
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

  it('POST /cases produces API, case workflow, procedure workflow and activity spans sharing one trace id', async () => {
    capture.reset();
    const res = await http(stack.baseUrl, 'POST', '/cases', caseBody());
    expect(res.status).toBe(201);

    const server = await eventually(
      async () => capture.spans().find((s) => s.name === 'POST /cases'),
      (s) => s !== undefined,
    );
    const traceId = server!.spanContext().traceId;
    const inTraceNow = () => capture.spans().filter((s) => s.spanContext().traceId === traceId);
    await eventually(
      async () => names(inTraceNow()),
      (seen) =>
        ['HandleUpdate:opened', 'HandleSignal:procedureReport', 'RunActivity:projectProcedure', 'RunActivity:armDeadline'].every((n) =>
          seen.includes(n),
        ),
      20_000,
      'the spans of the case workflow, its child and their activities',
    );
    const inTrace = inTraceNow();

    expect(names(inTrace)).toEqual(
      expect.arrayContaining([
        'POST /cases', // API: HTTP server span
        'UpdateWithStartWorkflow:opened', // API: Temporal client
        'HandleUpdate:opened', // the case workflow's update handler
        'StartChildWorkflow:procedureWorkflow', // it starts the first procedure as a child
        'StartActivity:armDeadline', // the procedure schedules its local activities
        'StartActivity:projectProcedure',
        'RunActivity:armDeadline', // worker: the activities themselves
        'RunActivity:projectProcedure',
        'SignalWorkflow:procedureReport', // the child reports its start to the case workflow …
        'HandleSignal:procedureReport', // … which handles it
      ]),
    );
    // (RunWorkflow spans end with their workflows; both still run, so none is finished to look at.)
    // Parent links hold the tree together: the client span is the server span's child, an activity
    // run the child of its StartActivity span, the report's handling the child of its sending.
    const byName = (n: string) => inTrace.find((s) => s.name === n)!;
    expect(byName('UpdateWithStartWorkflow:opened').parentSpanId).toBe(server!.spanContext().spanId);
    const projection = byName('RunActivity:projectProcedure');
    expect(inTrace.filter((s) => s.name === 'StartActivity:projectProcedure').map((s) => s.spanContext().spanId)).toContain(
      projection.parentSpanId,
    );
    expect(byName('HandleSignal:procedureReport').parentSpanId).toBe(byName('SignalWorkflow:procedureReport').spanContext().spanId);
    expect(server!.attributes['http.route']).toBe('/cases');
    expect(server!.attributes['http.response.status_code']).toBe(201);
  });

  it('an action on the case is a trace of its own, with the same chain through the procedure workflow', async () => {
    const opened = await http(stack.baseUrl, 'POST', '/cases', caseBody());
    expect(opened.status).toBe(201);
    await uploadFile(stack.baseUrl, opened.body.id, '整改报告.pdf');
    capture.reset();
    const res = await http(stack.baseUrl, 'POST', actionPath(opened.body.id, 'rectification-1', 'submit_report'), {
      summary: '已整改',
      attachments: [document('整改报告.pdf')],
    });
    expect(res.status).toBe(200);
    const route = '/cases/:id/procedures/:procedureId/actions/:action';
    const server = await eventually(
      async () => capture.spans().find((s) => s.name === `POST ${route}`),
      (s) => s !== undefined,
    );
    expect(server!.attributes['http.route']).toBe(route);
    const traceId = server!.spanContext().traceId;
    const inTrace = await eventually(
      async () => capture.spans().filter((s) => s.spanContext().traceId === traceId),
      (spans) => names(spans).includes('RunActivity:projectProcedure'),
    );
    expect(names(inTrace)).toEqual(
      expect.arrayContaining([`POST ${route}`, 'StartWorkflowUpdate:act', 'HandleUpdate:act', 'RunActivity:projectProcedure']),
    );
    const byName = (n: string) => inTrace.find((s) => s.name === n)!;
    expect(byName('StartWorkflowUpdate:act').parentSpanId).toBe(server!.spanContext().spanId);
  });
});
