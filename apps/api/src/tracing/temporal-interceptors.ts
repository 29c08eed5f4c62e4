import type { ClientInterceptors } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry/lib/client';

/**
 * The API's Temporal client interceptors: each start/update/query gets a span, and its context
 * travels in the Temporal headers into the workflow and from there into its activities, so one
 * request is one trace. With tracing off the spans are no-ops and no header is added.
 */
export function temporalClientInterceptors(): ClientInterceptors {
  return { workflow: [new OpenTelemetryWorkflowClientInterceptor()] };
}
