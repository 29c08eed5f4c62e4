import { z } from 'zod';

/**
 * Worker options the environment may set (both optional; unset = the Temporal SDK's defaults).
 * WORKER_MAX_CACHED_WORKFLOWS bounds the sticky cache: the SDK sizes it from the heap assuming small
 * workflows (≈ 2,300 for a 4 GiB heap), while one cached case or procedure workflow holds ≈ 4 MiB
 * here (its own copy of the domain modules, docs/benchmarks.md), so a busy worker can run out of
 * memory before the cache fills. An evicted workflow is replayed on its next task (slower, not lost).
 */
const Tuning = z.object({
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(2).max(100_000).optional(),
});

export interface WorkerTuning {
  maxCachedWorkflows?: number;
}

/** Reads the tuning from the environment; a malformed value stops the worker at start, naming it. */
export function workerTuning(env: Record<string, string | undefined>): WorkerTuning {
  const parsed = Tuning.safeParse({ WORKER_MAX_CACHED_WORKFLOWS: env['WORKER_MAX_CACHED_WORKFLOWS'] || undefined });
  if (!parsed.success) {
    throw new Error(`invalid worker tuning: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const max = parsed.data.WORKER_MAX_CACHED_WORKFLOWS;
  return max === undefined ? {} : { maxCachedWorkflows: max };
}
