import type { AdminChangeRecord } from '@anjian/persistence';

interface CaseRef {
  caseId: string;
}
interface MigrationStart {
  filter?: unknown;
  cases?: CaseRef[];
}
interface MigrationFinish {
  target?: unknown;
  counts?: unknown;
  truncated?: unknown;
  results?: (CaseRef & { status?: string })[];
}

/** Every case id a migration row names (its start lists the matched cases, its finish each outcome). */
export function migrationCaseIds(row: AdminChangeRecord): string[] {
  const before = row.before as MigrationStart | null;
  const after = row.after as MigrationFinish | null;
  return [...(before?.cases ?? []), ...(after?.results ?? [])].map((c) => c.caseId).filter((id) => typeof id === 'string');
}

/**
 * A migration row as an administrator may see it: a national migration touched cases across the
 * country, and a regional administrator must not learn other regions' case ids (nor their outcomes)
 * from the audit trail. The row keeps only the cases `visible` says the caller reaches; the counts are
 * recounted over those. A row with none of the caller's cases is not theirs to read, unless the caller
 * ran it. Returns null to leave the row out.
 */
export function visibleMigrationRow(
  row: AdminChangeRecord,
  visible: (caseId: string) => boolean,
  callerId: string,
): AdminChangeRecord | null {
  const ids = migrationCaseIds(row);
  const mine = ids.filter(visible);
  if (mine.length === 0 && row.actorId !== callerId) return null;
  if (mine.length === ids.length) return row;
  const before = row.before as MigrationStart | null;
  const after = row.after as MigrationFinish | null;
  const results = after?.results?.filter((r) => visible(r.caseId));
  return {
    ...row,
    before: before?.cases ? { ...before, cases: before.cases.filter((c) => visible(c.caseId)) } : row.before,
    after:
      after && results
        ? {
            ...after,
            results,
            counts: {
              matched: results.length,
              migrated: results.filter((r) => r.status === 'migrated').length,
              skipped: results.filter((r) => r.status === 'skipped').length,
              failed: results.filter((r) => r.status === 'failed').length,
              deferred: results.filter((r) => r.status === 'deferred').length,
            },
          }
        : row.after,
  };
}
