import { createCaseActivities, createCaseMigrationActivities, createProcedureActivities, DeadlineService } from '@anjian/activities';
import { CalendarRepository, CaseRepository, PolicyVersionRepository, ProcedureProjectionRepository } from '@anjian/persistence';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/worker';
import { Resource } from '@opentelemetry/resources';
import { Client } from '@temporalio/client';
import type { MetricHistogram } from '@temporalio/common';
import type { OpenTelemetryWorkflowExporter } from '@temporalio/interceptors-opentelemetry/lib/workflow/definitions';
import { type InjectedSinks, NativeConnection, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { PROJECTION_LAG_METRIC, ProjectionLagInterceptor } from './projection-lag';
import { GlobalProviderSpanProcessor } from './tracing';

export interface CaseWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: DataSource;
  /** A prebuilt bundle (tests build it once); otherwise the worker bundles `@anjian/workflows`. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** service.name on the workflow spans (OTEL_SERVICE_NAME). */
  serviceName?: string;
  /** HMAC key of the case event chain (EVENT_CHAIN_KEY); the development default when absent. */
  chainKey?: string;
  /** Sticky cache bound (WORKER_MAX_CACHED_WORKFLOWS, see worker-tuning.ts); the SDK's default when absent. */
  maxCachedWorkflows?: number;
  /**
   * Bundle the workflow tracing interceptors (workflowInterceptorModules). Off when traces go nowhere
   * (no OTEL_EXPORTER_OTLP_ENDPOINT): they cost ≈ 20 % of the workflow thread's CPU and ≈ 1 MiB per
   * cached workflow (docs/benchmarks-transitions.md) for spans nobody receives. Default: on. They add no
   * commands, so turning them on or off never affects replay. Ignored with a prebuilt `workflowBundle`.
   */
  workflowTracing?: boolean;
}

export function workflowsPath(): string {
  return require.resolve('@anjian/workflows');
}

/**
 * Workflow interceptor modules bundled with the workflows (here and in tests' prebuilt bundle):
 * OpenTelemetry spans for the workflow run, its updates and the activities it schedules, carried
 * into activities through headers. They add no commands to the history.
 */
export function workflowInterceptorModules(): string[] {
  return [require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors')];
}

/** The workflow interceptor modules to bundle: none with a prebuilt bundle (it has its own) or with tracing off. */
export function bundledInterceptors(o: Pick<CaseWorkerOptions, 'workflowBundle' | 'workflowTracing'>): { workflowModules?: string[] } {
  return o.workflowBundle || o.workflowTracing === false ? {} : { workflowModules: workflowInterceptorModules() };
}

/**
 * Sinks the bundled workflow interceptors call: workflow spans leave the sandbox through `exporter`
 * to the process's registered tracer provider. Replay workers need them too (else the SDK logs an
 * unregistered sink); during replay the SDK does not call them.
 */
export function workflowSinks(serviceName = 'anjian-worker'): InjectedSinks<{ exporter: OpenTelemetryWorkflowExporter }> {
  return { exporter: makeWorkflowExporter(new GlobalProviderSpanProcessor(), new Resource({ 'service.name': serviceName })) };
}

/**
 * Modules evaluated once per worker thread and shared by every workflow (the SDK's `preloadModules`):
 * every other module of the bundle is evaluated again for each new or replayed workflow (per-workflow
 * module state), and zod alone cost ~8 ms per workflow (docs/benchmarks-transitions.md). What it
 * shares and why it is safe: workflows/src/preloaded-modules.ts. Tests' prebuilt bundle uses the same list.
 */
export function workflowPreloadModules(): string[] {
  return [require.resolve('@anjian/workflows/src/preloaded-modules')];
}

let projectionLag: MetricHistogram | undefined;
const projectionLagHistogram = () =>
  (projectionLag ??= Runtime.instance().metricMeter.createHistogram(
    PROJECTION_LAG_METRIC,
    'float',
    's',
    'time from the event committed by the workflow to its projection in PostgreSQL',
  ));

export async function createCaseWorker(o: CaseWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: o.connection,
    namespace: o.namespace,
    taskQueue: o.taskQueue,
    ...(o.workflowBundle
      ? { workflowBundle: o.workflowBundle }
      : { workflowsPath: workflowsPath(), bundlerOptions: { preloadModules: workflowPreloadModules() } }),
    ...(o.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: o.maxCachedWorkflows } : {}),
    activities: {
      ...createCaseActivities({
        cases: new CaseRepository(o.db, o.chainKey),
        deadlines: new DeadlineService(new PolicyVersionRepository(o.db), new CalendarRepository(o.db)),
      }),
      ...createProcedureActivities({ procedures: new ProcedureProjectionRepository(o.db, o.chainKey) }),
      ...createCaseMigrationActivities({ db: o.db, temporal: new Client({ connection: o.connection, namespace: o.namespace }) }),
    },
    interceptors: {
      ...bundledInterceptors(o),
      activity: [
        (ctx) => ({
          inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
          outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
        }),
        (ctx) => ({ inbound: new ProjectionLagInterceptor(ctx, projectionLagHistogram) }),
      ],
    },
    sinks: workflowSinks(o.serviceName),
  });
}
