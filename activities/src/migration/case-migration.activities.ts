import { ApplicationFailure, Context } from '@temporalio/activity';
import {
  type CaseMigrationActivities,
  caseStateQuery,
  type CaseSnapshot,
  type MigrationWorkItem,
  rearmDeadlinesUpdate,
  rearmDeadlineUpdate,
  type RectificationSnapshot,
} from '@anjian/contracts';
import type { Actor, RearmDeadlineCommand } from '@anjian/domain';
import { type Client, TemporalFailure, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { databaseFailure } from '../activity-failures';
import * as store from './migration-store';

export interface CaseMigrationActivityDeps {
  db: DataSource;
  /** A client on the worker's own connection: the activities send each case's re-arm update through it. */
  temporal: Client;
}

/** The update id of one case's re-arm in one batch: a retried attempt reaches the same update, never a second one. */
export const rearmUpdateId = (migrationId: string, caseId: string) => `migration-${migrationId}-${caseId}`;

/** What a case's workflow answered: its deadline after the re-arm. */
interface Rearmed {
  dueAt: string | null;
  policyVersion: number | null;
  /** Set when the answer may not show the final deadline yet. */
  note?: string;
}

/** How long to wait for a case workflow's procedures to report their re-armed deadlines. */
const SETTLE_MS = 5_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The migration workflow's activities. `migrateCase` is the only one that waits on another workflow,
 * and it bounds that wait itself (`attemptTimeoutMs`): an answer (applied, or refused with a reason)
 * is recorded and ends the case; silence throws, so the workflow's retry policy gives it its few
 * further attempts and then records it as failed.
 */
export function createCaseMigrationActivities(deps: CaseMigrationActivityDeps): CaseMigrationActivities {
  const db = <T>(what: string, fn: () => Promise<T>): Promise<T> =>
    fn().catch((err: unknown) => {
      throw databaseFailure(what, err, { rejectable: false });
    });

  async function rearm(item: MigrationWorkItem, cmd: RearmDeadlineCommand, updateId: string, deadline: number): Promise<Rearmed> {
    if (item.route === 'rectification') {
      const snap: RectificationSnapshot = await deps.temporal.workflow
        .getHandle(item.workflowId)
        .executeUpdate(rearmDeadlineUpdate, { args: [cmd], updateId });
      return { dueAt: snap.state.deadline?.dueAt ?? null, policyVersion: snap.state.deadline?.policyVersion ?? null };
    }
    // The case workflow pins the version and tells each active procedure (child) to re-arm its
    // deadlines; the children do so after the update returns and report back. Wait (briefly) until
    // every active procedure has committed something since, so before/after compare real deadlines.
    // The case row summarises the most urgent deadline, so that is what before/after compare.
    const handle = deps.temporal.workflow.getHandle(item.workflowId);
    const seqBefore = new Map((await handle.query(caseStateQuery)).procedures.filter(isRunning).map((p) => [p.procedureId, p.seq]));
    let snap: CaseSnapshot = await handle.executeUpdate(rearmDeadlinesUpdate, { args: [cmd], updateId });
    const settled = (s: CaseSnapshot) => s.procedures.filter(isRunning).every((p) => p.seq > (seqBefore.get(p.procedureId) ?? -1));
    const until = Math.min(Date.now() + SETTLE_MS, deadline - 500);
    while (!settled(snap) && Date.now() < until) {
      await sleep(200);
      snap = await handle.query(caseStateQuery);
    }
    return {
      dueAt: mostUrgentDue(snap),
      policyVersion: snap.policyVersion,
      ...(settled(snap) ? {} : { note: 'the procedures had not all reported their re-armed deadlines when checked' }),
    };
  }

  return {
    beginMigration: async (input) => {
      await db('beginMigration', () => store.beginMigration(deps.db, input));
    },
    listMigrationPage: (req) => db('listMigrationPage', () => store.listMigrationPage(deps.db, req)),
    recordCaseFailure: ({ migrationId, caseId, note, attempts }) =>
      db('recordCaseFailure', () =>
        store.recordCaseOutcome(deps.db, migrationId, caseId, { status: 'failed', after: null, note, attempts }),
      ),
    finishMigration: ({ migrationId, failure }) => db('finishMigration', () => store.finishMigration(deps.db, migrationId, failure)),

    migrateCase: async ({ migrationId, item, actor, reason, cause, attemptTimeoutMs }) => {
      const existing = await db('migrateCase', () => store.caseMigrationItem(deps.db, migrationId, item.caseId));
      if (!existing) throw ApplicationFailure.nonRetryable(`case ${item.caseId} is not part of migration ${migrationId}`, 'NotListed');
      // An earlier attempt finished but its completion was lost (worker killed): never send twice.
      if (existing.status !== 'pending') return existing.status;
      const attempt = Context.current().info.attempt;
      const cmd: RearmDeadlineCommand = { actor: actor as Actor, reason, cause, policyVersion: item.policyVersion };
      let outcome: store.CaseOutcome;
      try {
        const deadline = Date.now() + attemptTimeoutMs;
        const { note, ...after } = await deps.temporal.connection.withDeadline(deadline, () =>
          rearm(item, cmd, rearmUpdateId(migrationId, item.caseId), deadline),
        );
        const moved = after.dueAt !== existing.before.dueAt;
        outcome = { status: moved ? 'moved' : 'unchanged', after, note: note ?? null, attempts: attempt };
      } catch (err) {
        const refusal = answeredRefusal(err);
        // Silence (deadline passed, server unreachable): let the retry policy try again, then the workflow records it.
        if (refusal === null) {
          throw ApplicationFailure.retryable(
            `the case's workflow ${item.workflowId} did not answer within ${attemptTimeoutMs / 1000} s (${(err as Error).message})`,
            'CaseDidNotAnswer',
          );
        }
        outcome = { status: 'failed', after: null, note: refusal, attempts: attempt };
      }
      await db('migrateCase', () => store.recordCaseOutcome(deps.db, migrationId, item.caseId, outcome));
      return outcome.status;
    },
  };
}

/**
 * The reason when the case's workflow (or the server on its behalf) answered with a refusal, e.g. the
 * step has no deadline, no rule for the new version, the workflow is closed or gone; null when
 * nothing answered (then the attempt is retried).
 */
function answeredRefusal(err: unknown): string | null {
  if (err instanceof WorkflowNotFoundError)
    return `no running workflow ${err.workflowId ?? ''} for this case (closed or never started)`.trim();
  if (err instanceof WorkflowUpdateFailedError) {
    const cause = err.cause;
    return cause instanceof TemporalFailure ? `refused: ${cause.message}` : `refused: ${err.message}`;
  }
  if (err instanceof ApplicationFailure && err.nonRetryable) return err.message;
  return null;
}

const isRunning = (p: CaseSnapshot['procedures'][number]) => p.status === 'active' && !p.suspended;

/** The earliest running due instant over the active, not suspended procedures (what the case row shows). */
function mostUrgentDue(snap: CaseSnapshot): string | null {
  const dues = snap.procedures
    .filter(isRunning)
    .flatMap((p) => p.deadlines.filter((d) => !d.overdue).map((d) => d.dueAt))
    .sort();
  return dues[0] ?? null;
}
