import { narrowScope, type Principal, STALLED_REASONS, visibilityScope } from '@anjian/domain';
import {
  CaseListRepository,
  encodeCursor,
  filterFingerprint,
  STALLED_SORTS,
  type StalledFilters,
  type StalledRow,
} from '@anjian/persistence';
import { Injectable } from '@nestjs/common';
import { toCaseRowView } from '../worklist/case-row.view';
import { keysetFrom } from '../worklist/list-query';
import type { StalledFilterQuery, StalledPageQuery } from './review.schemas';

export const toStalledRowView = (row: StalledRow, now: string) => ({ ...toCaseRowView(row, now), reasons: row.reasons });

/**
 * The stalled-case review (督办) over the caller's subtree. The caller's filters narrow their scope
 * (narrowScope); a filter outside it gives an empty result rather than an error, so nothing is learnt
 * about what lies outside.
 */
@Injectable()
export class StalledReviewUseCase {
  constructor(private readonly lists: CaseListRepository) {}

  /** The repository's filters for this caller and query; null when the filters leave nothing in reach. */
  filters(principal: Principal, q: StalledFilterQuery, now: string): StalledFilters | null {
    const scope = narrowScope(visibilityScope(principal), {
      ...(q.jurisdiction ? { jurisdiction: q.jurisdiction } : {}),
      ...(q.sector ? { sectors: q.sector } : {}),
    });
    if (!scope) return null;
    return {
      scope,
      reasons: q.reason ? [...new Set(q.reason)] : [...STALLED_REASONS],
      noProgressDays: q.noProgressDays,
      approver: { id: principal.id, role: principal.role, jurisdiction: principal.jurisdiction },
      ...(q.procedure ? { procedure: q.procedure } : {}),
      ...(q.step ? { step: q.step } : {}),
      ...(q.hazardGrade ? { hazardGrades: q.hazardGrade } : {}),
      ...(q.assigneeId ? { assigneeId: q.assigneeId } : {}),
      ...(q.openedFrom ? { openedFrom: q.openedFrom } : {}),
      ...(q.openedTo ? { openedTo: q.openedTo } : {}),
      ...(q.dueFrom ? { dueFrom: q.dueFrom } : {}),
      ...(q.dueTo ? { dueTo: q.dueTo } : {}),
      ...(q.q ? { text: q.q } : {}),
      now,
    };
  }

  async page(principal: Principal, q: StalledPageQuery, now: string) {
    const { limit, cursor, ...filterQuery } = q;
    // The caller's role and jurisdiction shape "awaiting my approval": a cursor is theirs only.
    const fingerprint = filterFingerprint({ ...filterQuery, user: principal.id });
    const after = keysetFrom(cursor, { name: q.sort, column: STALLED_SORTS[q.sort] }, q.order, fingerprint);
    const f = this.filters(principal, filterQuery, now);
    if (!f) return { items: [], nextCursor: null, now };
    const page = await this.lists.stalled(f, q.sort, q.order, limit, after);
    return {
      items: page.rows.map((r) => toStalledRowView(r, now)),
      nextCursor: page.next ? encodeCursor(q.sort, q.order, page.next, fingerprint) : null,
      now,
    };
  }

  async counts(principal: Principal, q: StalledFilterQuery, now: string) {
    const f = this.filters(principal, q, now);
    const counts = f ? await this.lists.stalledCounts(f) : { overdue: 0, no_progress: 0, awaiting_my_approval: 0, total: 0 };
    return { ...counts, now };
  }
}
