import type { Env } from '@anjian/config';
import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { Problem } from '../http/problem';
import { ENV, LOGGER, TEMPORAL_CLIENT } from '../infrastructure/tokens';
import { isTemporalTimeoutOrUnavailable, isWorkflowTaskRecovering, toProblem } from './temporal-errors';

/** How long the probe that tells "server down" from "workflow silent" may take. */
const PROBE_MS = 2_000;

/**
 * Every call the cases API makes to Temporal goes through here: each gets a deadline
 * (TEMPORAL_CALL_TIMEOUT_MS), and a call that misses it answers 503 with Retry-After saying what
 * actually did not answer — the server (connection fails) or the case's workflow (server up, update
 * not processed: usually no worker is polling, e.g. during a restart). Known typed failures become
 * 4xx; anything else is a bug: logged loudly and answered 500.
 */
@Injectable()
export class CaseTemporal {
  constructor(
    @Inject(TEMPORAL_CLIENT) readonly client: Client,
    @Inject(ENV) private readonly env: Env,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  get timeoutMs(): number {
    return this.env.TEMPORAL_CALL_TIMEOUT_MS;
  }

  /** `inputAt`: where the request carries what the workflow calls `input` (see typedProblem), for its field paths. */
  async call<T>(what: string, workflowId: string, fn: () => Promise<T>, inputAt?: string): Promise<T> {
    try {
      return await this.client.withDeadline(Date.now() + this.timeoutMs, fn);
    } catch (err) {
      throw await this.explain(err, what, workflowId, inputAt);
    }
  }

  async explain(err: unknown, what: string, workflowId: string, inputAt?: string): Promise<unknown> {
    if (err instanceof Problem) return err;
    if (isTemporalTimeoutOrUnavailable(err)) {
      const seconds = Math.round(this.timeoutMs / 100) / 10;
      if (await this.serverAnswers()) {
        this.log.warn({ workflowId, what, timeoutMs: this.timeoutMs }, 'workflow did not answer within the deadline');
        return new Problem(
          503,
          'Service Unavailable',
          `the case's workflow did not answer within ${seconds} s (the worker may be restarting); retry with the same Idempotency-Key`,
          { down: ['worker'] },
          '/problems/workflow-not-answering',
        ).withHeaders({ 'Retry-After': '5' });
      }
      this.log.warn({ workflowId, what }, 'Temporal is not reachable');
      return new Problem(
        503,
        'Service Unavailable',
        'Temporal is not reachable; retry with the same Idempotency-Key',
        { down: ['temporal'] },
        '/problems/temporal-unavailable',
      ).withHeaders({ 'Retry-After': '10' });
    }
    if (isWorkflowTaskRecovering(err)) {
      // The workflow task that would have taken this request failed (its worker was killed, or the run
      // was completing with continue-as-new as it arrived): transient, and nothing of it was applied.
      this.log.warn({ workflowId, what }, 'workflow task is being retried; answering 503');
      return new Problem(
        503,
        'Service Unavailable',
        "the case's workflow could not take the request in its current workflow task (its worker may have restarted, or it was starting a new run); retry with the same Idempotency-Key",
        { down: ['worker'] },
        '/problems/workflow-recovering',
      ).withHeaders({ 'Retry-After': '2' });
    }
    const mapped = toProblem(err, inputAt);
    if (mapped instanceof Problem) return mapped;
    // Not a failure the workflow throws on purpose: a bug somewhere. Loud, and a 500 (never a 4xx).
    this.log.error({ err, workflowId, what }, 'unexpected failure from Temporal (a bug, not a refusal)');
    return new Problem(500, 'Internal Server Error', 'an unexpected error occurred; it has been logged');
  }

  /** Whether the Temporal server itself answers (quickly), i.e. a timeout was the workflow's, not the server's. */
  private async serverAnswers(): Promise<boolean> {
    try {
      await this.client.connection.withDeadline(Date.now() + PROBE_MS, () => this.client.workflowService.getSystemInfo({}));
      return true;
    } catch {
      return false;
    }
  }
}
