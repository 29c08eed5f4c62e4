import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  ContinueAsNew,
  continueAsNew,
  proxyActivities,
  workflowInfo,
} from '@temporalio/workflow';
import type {
  CaseCursor,
  CaseMigrationActivities,
  CaseMigrationInput,
  MigrationCounts,
  MigrationTuning,
  MigrationWorkItem,
} from '@anjian/contracts';

export const DEFAULT_MIGRATION_TUNING: MigrationTuning = {
  pageSize: 200,
  concurrency: 4,
  attemptTimeoutMs: 10_000,
  maxAttempts: 2,
  // ~4,000 cases per run keeps a run's history far below the server's limits; continue-as-new after.
  pagesPerRun: 20,
};

/**
 * Bookkeeping activities (PostgreSQL only): retried patiently, since a batch may simply wait for the
 * database to come back; none of them waits on a case's workflow.
 */
const store = proxyActivities<CaseMigrationActivities>({
  startToCloseTimeout: '60s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s', maximumAttempts: 30 },
});

/**
 * Moves running cases to a policy version or calendar (the administrator's migration), one bounded
 * attempt per case, several at once: a case whose workflow does not answer (no worker on its queue, a
 * workflow task failing) is recorded as failed with the reason after `maxAttempts`, and the others go
 * on meanwhile. Every outcome is projected as it happens, so progress is read from PostgreSQL.
 * Pages of cases are listed by keyset, so a batch of any size continues-as-new where it stopped.
 */
export async function caseMigrationWorkflow(input: CaseMigrationInput): Promise<MigrationCounts> {
  const tuning: MigrationTuning = { ...DEFAULT_MIGRATION_TUNING, ...input.tuning };
  const perCase = proxyActivities<CaseMigrationActivities>({
    // The activity gives the update `attemptTimeoutMs`; the rest is for its PostgreSQL write.
    startToCloseTimeout: tuning.attemptTimeoutMs + 5_000,
    retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '10s', maximumAttempts: tuning.maxAttempts },
  });

  try {
    if (!input.resume) await store.beginMigration(input);
    let after: CaseCursor | null = input.resume?.after ?? null;
    let listed = input.resume?.listed ?? 0;
    for (let pages = 0; ; pages++) {
      if (pages >= tuning.pagesPerRun || (pages > 0 && workflowInfo().continueAsNewSuggested)) {
        // No handlers are registered, so nothing can be in flight: safe to continue at once.
        await continueAsNew<typeof caseMigrationWorkflow>({
          ...input,
          resume: { after, listed, runs: (input.resume?.runs ?? 1) + 1 },
        });
      }
      const page = await store.listMigrationPage({ input, after, listed, limit: tuning.pageSize });
      await eachAtMost(tuning.concurrency, page.work, (item) => attempt(item));
      listed += page.listed;
      if (!page.next) break;
      after = page.next;
    }
    return await store.finishMigration({ migrationId: input.migrationId });
  } catch (err) {
    // A batch never ends silently as "running": say why it stopped, then fail the run.
    if (!(err instanceof ContinueAsNew)) {
      const failure = err instanceof Error ? err.message : String(err);
      await CancellationScope.nonCancellable(() => store.finishMigration({ migrationId: input.migrationId, failure }));
    }
    throw err;
  }

  async function attempt(item: MigrationWorkItem): Promise<void> {
    try {
      await perCase.migrateCase({
        migrationId: input.migrationId,
        item,
        actor: input.actor,
        reason: input.reason,
        cause: input.cause,
        attemptTimeoutMs: tuning.attemptTimeoutMs,
      });
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      await store.recordCaseFailure({
        migrationId: input.migrationId,
        caseId: item.caseId,
        attempts: tuning.maxAttempts,
        note: `no answer after ${tuning.maxAttempts} attempt(s) of ${tuning.attemptTimeoutMs / 1000} s: ${failureText(err)}; run the migration again later`,
      });
    }
  }
}

/** The innermost message of an activity failure (the timeout, or what the last attempt threw). */
function failureText(err: ActivityFailure): string {
  const cause = err.cause;
  if (cause instanceof ApplicationFailure) return cause.message;
  return cause?.message ?? err.message;
}

/** Runs `fn` over `items`, at most `limit` at once (deterministic: the order items start in is fixed). */
async function eachAtMost<T>(limit: number, items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
