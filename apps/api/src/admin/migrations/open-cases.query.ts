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

  async matching(filter: CaseFilter, extraPrefix?: string | null): Promise<{ cases: OpenCaseRow[]; truncated: boolean }> {
    const rows = (await this.db.query(
      `SELECT id, sector, jurisdiction, procedure, hazard_grade, policy_version, deadline FROM cases
       WHERE status = 'open'
         AND ($1::text IS NULL OR sector = $1)
         AND ($2::text IS NULL OR starts_with(jurisdiction, $2))
         AND ($3::text IS NULL OR procedure = $3)
         AND ($4::text IS NULL OR starts_with(jurisdiction, $4))
       ORDER BY opened_at, id LIMIT $5`,
      [filter.sector ?? null, filter.jurisdictionPrefix ?? null, filter.procedure ?? null, extraPrefix ?? null, MAX_CASES_PER_REQUEST + 1],
    )) as { id: string; sector: string; jurisdiction: string; procedure: string; hazard_grade: string | null; policy_version: number | null; deadline: ArmedDeadline | null }[];
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
