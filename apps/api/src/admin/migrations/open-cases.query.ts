import type { ArmedDeadline } from '@anjian/domain';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '../../infrastructure/tokens';
import type { CaseFilter } from './migration.schemas';

/** One request handles at most this many cases, so a preview or migration cannot run unbounded. */
export const MAX_CASES_PER_REQUEST = 2000;

export interface OpenCaseRow {
  id: string;
  sector: string;
  jurisdiction: string;
  procedure: string;
  hazardGrade: string | null;
  policyVersion: number | null;
  deadline: ArmedDeadline | null;
}

/** Open cases matching an administrator's filter, oldest first, from the projection (cases table). */
@Injectable()
export class OpenCasesQuery {
  constructor(@Inject(DATA_SOURCE) private readonly db: DataSource) {}

  /**
   * `within` are further jurisdiction prefixes every case must lie under: the administrator's own
   * subtree (an administrator at 650000 reaches 65xxxx only, as in the cases API) and, for a local
   * calendar, its prefix.
   */
  async matching(filter: CaseFilter, within: readonly (string | null)[] = []): Promise<{ cases: OpenCaseRow[]; truncated: boolean }> {
    const prefixes = [filter.jurisdictionPrefix, ...within].filter((p): p is string => typeof p === 'string' && p.length > 0);
    const rows = (await this.db.query(
      `SELECT id, sector, jurisdiction, procedure, hazard_grade, policy_version, deadline FROM cases
       WHERE status = 'open'
         AND ($1::text IS NULL OR sector = $1)
         AND ($2::text IS NULL OR procedure = $2)
         AND NOT EXISTS (SELECT 1 FROM unnest($3::text[]) AS p WHERE NOT starts_with(jurisdiction, p))
       ORDER BY opened_at, id LIMIT $4`,
      [filter.sector ?? null, filter.procedure ?? null, prefixes, MAX_CASES_PER_REQUEST + 1],
    )) as {
      id: string;
      sector: string;
      jurisdiction: string;
      procedure: string;
      hazard_grade: string | null;
      policy_version: number | null;
      deadline: ArmedDeadline | null;
    }[];
    return {
      truncated: rows.length > MAX_CASES_PER_REQUEST,
      cases: rows.slice(0, MAX_CASES_PER_REQUEST).map((r) => ({
        id: r.id,
        sector: r.sector,
        jurisdiction: r.jurisdiction,
        procedure: r.procedure,
        hazardGrade: r.hazard_grade,
        policyVersion: r.policy_version,
        deadline: r.deadline,
      })),
    };
  }
}
