import type { CaseEvent } from '@anjian/domain';
import type { Context as ActivityContext } from '@temporalio/activity';
import type { MetricHistogram } from '@temporalio/common';
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, Next } from '@temporalio/worker';

/**
 * Projection lag (投影延迟): for each event the projection writes, the time from the instant the
 * workflow committed it (the event's `at`, stored as occurred_at) to the moment PostgreSQL has it (the projection returned).
 * It grows when the worker is behind, the projection retries, or PostgreSQL is slow.
 */
export function projectionLagsSeconds(events: ReadonlyArray<Pick<CaseEvent, 'at'>>, nowMs: number): number[] {
  return events.map((e) => Math.max(0, (nowMs - Date.parse(e.at)) / 1000)).filter((s) => Number.isFinite(s));
}

export const PROJECTION_LAG_METRIC = 'anjian_projection_lag_seconds';

/** The legacy rectification workflow projects with projectCase; the case and procedure workflows with projectProcedure. */
const PROJECTION_ACTIVITIES: ReadonlySet<string> = new Set(['projectCase', 'projectProcedure']);

/** Records projection lag into the Temporal runtime's meter, so it is served with the SDK's metrics. */
export class ProjectionLagInterceptor implements ActivityInboundCallsInterceptor {
  constructor(
    private readonly ctx: ActivityContext,
    private readonly histogram: () => MetricHistogram,
  ) {}

  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    const result = await next(input);
    if (PROJECTION_ACTIVITIES.has(this.ctx.info.activityType)) {
      const events = (input.args[0] as { events?: Array<Pick<CaseEvent, 'at'>> } | undefined)?.events ?? [];
      const h = this.histogram();
      for (const s of projectionLagsSeconds(events, Date.now())) h.record(s);
    }
    return result;
  }
}
