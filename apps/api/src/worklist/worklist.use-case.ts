import { type Principal, visibilityScope } from '@anjian/domain';
import { CaseListRepository, encodeCursor, filterFingerprint, STALLED_SORTS } from '@anjian/persistence';
import { Injectable } from '@nestjs/common';
import { toCaseRowView } from './case-row.view';
import { keysetFrom } from './list-query';
import type { WorklistQuery } from './worklist.schemas';

/** The officer's worklist (我的待办): open cases in the caller's reach, most urgent deadline first. */
@Injectable()
export class WorklistUseCase {
  constructor(private readonly lists: CaseListRepository) {}

  async execute(principal: Principal, q: WorklistQuery, now: string) {
    const { limit, cursor, ...filters } = q;
    const fingerprint = filterFingerprint({ ...filters, user: principal.id });
    const page = await this.lists.worklist({
      scope: visibilityScope(principal),
      ...(q.assignee === 'me' ? { assigneeId: principal.id } : {}),
      ...(q.due !== 'any' ? { due: q.due } : {}),
      dueSoonHours: q.dueSoonHours,
      ...(q.procedure ? { procedure: q.procedure } : {}),
      ...(q.step ? { step: q.step } : {}),
      now,
      limit,
      after: keysetFrom(cursor, { name: 'due_at', column: STALLED_SORTS.due_at }, 'asc', fingerprint),
    });
    return {
      items: page.rows.map((r) => toCaseRowView(r, now)),
      nextCursor: page.next ? encodeCursor('due_at', 'asc', page.next, fingerprint) : null,
      now,
    };
  }
}
