import type { AdminChangeRecord } from '@anjian/persistence';

interface CaseRef {
  caseId: string;
}
interface MigrationStart {
  filter?: unknown;
  /** Rows written before migrations became batches listed the matched cases here. */
  cases?: CaseRef[];
}
interface MigrationAfter {
  migrationId?: string;
  target?: unknown;
  counts?: Record<string, number>;
  results?: (CaseRef & { status?: string })[];
}

/** Every case id a migration row names (a finished batch lists each outcome; older start rows the matched cases). */
export function migrationCaseIds(row: AdminChangeRecord): string[] {
  const before = row.before as MigrationStart | null;
  const after = row.after as MigrationAfter | null;
  return [...(before?.cases ?? []), ...(after?.results ?? [])].map((c) => c.caseId).filter((id) => typeof id === 'string');
}

/** Counts recounted over the results a caller sees, in the shape the row had (batch rows: listed/moved/…; older rows: matched/migrated/…). */
function recount(counts: Record<string, number>, results: { status?: string }[]): Record<string, number> {
  const n = (s: string) => results.filter((r) => r.status === s).length;
  const out: Record<string, number> = {};
  for (const key of Object.keys(counts)) out[key] = key === 'listed' || key === 'matched' ? results.length : n(key);
  return out;
}

/**
 * Migration rows as an administrator may see them: a national migration touched cases across the
 * country, and a regional administrator must not learn other regions' case ids (nor their outcomes)
 * from the audit trail. Rows of one batch (start, finish) are judged together, since a start row
 * names no cases: the batch is shown when it touched a case `visible` says the caller reaches, or when
 * the caller ran it. Shown rows keep only those cases, with counts recounted over them.
 */
export function visibleMigrationRows(
  rows: AdminChangeRecord[],
  visible: (caseId: string) => boolean,
  callerId: string,
): AdminChangeRecord[] {
  const batchOf = (row: AdminChangeRecord) => (row.after as MigrationAfter | null)?.migrationId ?? `row:${row.id}`;
  const idsOfBatch = new Map<string, string[]>();
  const ranBy = new Map<string, boolean>();
  for (const row of rows) {
    const batch = batchOf(row);
    idsOfBatch.set(batch, [...(idsOfBatch.get(batch) ?? []), ...migrationCaseIds(row)]);
    ranBy.set(batch, (ranBy.get(batch) ?? false) || row.actorId === callerId);
  }
  return rows.flatMap((row) => {
    const batch = batchOf(row);
    const ids = idsOfBatch.get(batch) ?? [];
    const mine = ids.filter(visible);
    if (mine.length === 0 && !ranBy.get(batch)) return [];
    if (mine.length === ids.length) return [row];
    const before = row.before as MigrationStart | null;
    const after = row.after as MigrationAfter | null;
    const results = after?.results?.filter((r) => visible(r.caseId));
    return [
      {
        ...row,
        before: before?.cases ? { ...before, cases: before.cases.filter((c) => visible(c.caseId)) } : row.before,
        after: after && results ? { ...after, results, ...(after.counts ? { counts: recount(after.counts, results) } : {}) } : row.after,
      },
    ];
  });
}
