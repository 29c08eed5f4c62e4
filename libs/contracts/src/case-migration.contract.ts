import type { Actor } from '@anjian/domain';

/**
 * Moving running cases to another policy version or calendar (a batch of many cases) as one durable
 * workflow. The API starts it and answers at once; the workflow lists the cases page by page, gives
 * each case one bounded attempt (an activity with a timeout and few retries) and projects every
 * outcome into PostgreSQL (case_migrations, case_migration_cases), where progress is read.
 */
export const CASE_MIGRATION_WORKFLOW = 'caseMigrationWorkflow';
export const caseMigrationWorkflowId = (migrationId: string): string => `case-migration-${migrationId}`;

export type MigrationCause = 'policy_migration' | 'calendar_change';
export type MigrationTarget = { kind: 'policy'; version: number } | { kind: 'calendar'; calendarId: string; calendarVersion: number };

/** Which open cases an administrator means (all open cases in their subtree when empty). */
export interface MigrationCaseFilter {
  sector?: string;
  jurisdictionPrefix?: string;
  procedure?: string;
}

/** Per-case outcome. 'moved': re-armed with another due instant; 'unchanged': re-armed, same instant. */
export type MigrationCaseStatus = 'pending' | 'moved' | 'unchanged' | 'skipped' | 'failed';

/** How hard the batch pushes; defaults in the workflow. Tests shrink pages to force continue-as-new. */
export interface MigrationTuning {
  /** Cases listed (and projected as pending) per page. */
  pageSize: number;
  /** Cases attempted at once. */
  concurrency: number;
  /** One attempt's deadline on a case's workflow; a case that does not answer is retried, then failed. */
  attemptTimeoutMs: number;
  /** Attempts per case (the first included). */
  maxAttempts: number;
  /** Pages per run before continue-as-new (earlier when the server suggests it). */
  pagesPerRun: number;
}

export interface CaseMigrationInput {
  migrationId: string;
  actor: Actor;
  reason: string;
  cause: MigrationCause;
  target: MigrationTarget;
  /** Human-readable target, e.g. 'policy v3' or 'calendar CN-654000 v1'. */
  targetLabel: string;
  filter: MigrationCaseFilter;
  /** Jurisdiction prefixes every case must lie under: the administrator's own subtree, a local calendar's prefix. */
  within: string[];
  tuning?: Partial<MigrationTuning>;
  /** Set by continue-as-new: where listing resumes. */
  resume?: { after: CaseCursor | null; listed: number; runs: number };
}

/** Keyset position in the open cases (opened_at, id). */
export interface CaseCursor {
  openedAt: string;
  id: string;
}

/** A case to send the re-arm to; `route` says which workflow type (and update) it has. */
export interface MigrationWorkItem {
  caseId: string;
  workflowId: string;
  route: 'rectification' | 'case';
  /** The policy version the deadline is recomputed under (the target, or the case's pinned one). */
  policyVersion: number;
}

export interface MigrationPage {
  work: MigrationWorkItem[];
  /** Cases this page listed (work + skipped). */
  listed: number;
  next: CaseCursor | null;
}

export interface MigrationCounts {
  listed: number;
  pending: number;
  moved: number;
  unchanged: number;
  skipped: number;
  failed: number;
}

/** Activities of the migration workflow (implementation: activities/src/migration). */
export interface CaseMigrationActivities {
  /** Records the batch as running (idempotent: the API does the same before answering). */
  beginMigration(req: CaseMigrationInput): Promise<void>;
  /** Lists the next page of matching open cases, projects each as pending or skipped, returns those to send. */
  listMigrationPage(req: { input: CaseMigrationInput; after: CaseCursor | null; listed: number; limit: number }): Promise<MigrationPage>;
  /** One attempt at one case: the re-arm update with a deadline; records moved/unchanged/failed. Throws to retry. */
  migrateCase(req: {
    migrationId: string;
    item: MigrationWorkItem;
    actor: Actor;
    reason: string;
    cause: MigrationCause;
    attemptTimeoutMs: number;
  }): Promise<MigrationCaseStatus>;
  /** A case that did not answer within its attempts: recorded failed with why. */
  recordCaseFailure(req: { migrationId: string; caseId: string; note: string; attempts: number }): Promise<void>;
  /** Marks the batch completed (or failed, with `failure`) and writes the audit row; idempotent. */
  finishMigration(req: { migrationId: string; failure?: string }): Promise<MigrationCounts>;
}
