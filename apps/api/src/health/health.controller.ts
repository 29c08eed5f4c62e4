import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, TEMPORAL_CLIENT } from '../infrastructure/tokens';
import type { HealthReport } from './health.schema';

const TIMEOUT_MS = 2000;

async function probe(fn: () => Promise<unknown>): Promise<{ ok: boolean; latencyMs: number; error?: string }> {
  const t0 = performance.now();
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref()),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - t0) };
  } catch (e) {
    return { ok: false, latencyMs: Math.round(performance.now() - t0), error: (e as Error).message };
  }
}

/** Liveness (the process answers) and readiness (Temporal and PostgreSQL answer); 503 names the one down. */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  @Get()
  async health(@Res() res: Response): Promise<void> {
    const [postgres, temporal] = await Promise.all([
      probe(() => this.db.query('SELECT 1')),
      // A gRPC deadline stops the client's own retries, so a probe never outlives the request.
      probe(() =>
        this.temporal.connection.withDeadline(Date.now() + TIMEOUT_MS - 500, () => this.temporal.workflowService.getSystemInfo({})),
      ),
    ]);
    const ready = postgres.ok && temporal.ok;
    const body: HealthReport = {
      status: ready ? 'ok' : 'unavailable',
      live: true,
      ready,
      checks: { postgres, temporal },
      down: (['postgres', 'temporal'] as const).filter((name) => !{ postgres, temporal }[name].ok),
    };
    res.status(ready ? 200 : 503).json(body);
  }
}
