import { type OpenCaseRow, selectOpenCases } from '@anjian/activities';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '../../infrastructure/tokens';
import type { CaseFilter } from './migration.schemas';

/** A preview handles at most this many cases, so it cannot run unbounded (a migration pages through all). */
export const MAX_CASES_PER_REQUEST = 2000;

export type { OpenCaseRow };

/** Open cases matching an administrator's filter, oldest first (the same query the migration batch pages with). */
@Injectable()
export class OpenCasesQuery {
  constructor(@Inject(DATA_SOURCE) private readonly db: DataSource) {}

  /** `within`: further jurisdiction prefixes every case must lie under (the administrator's own subtree). */
  async matching(filter: CaseFilter, within: readonly (string | null)[] = []): Promise<{ cases: OpenCaseRow[]; truncated: boolean }> {
    const rows = await selectOpenCases(this.db.manager, filter, within, { after: null, limit: MAX_CASES_PER_REQUEST + 1 });
    return { truncated: rows.length > MAX_CASES_PER_REQUEST, cases: rows.slice(0, MAX_CASES_PER_REQUEST) };
  }
}
