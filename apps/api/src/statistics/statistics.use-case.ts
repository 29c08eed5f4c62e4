import { cstDate, narrowScope, type Principal, STATISTICS_TIME_ZONE, statisticsPeriod, visibilityScope } from '@anjian/domain';
import { StatisticsRepository } from '@anjian/persistence';
import { Injectable } from '@nestjs/common';
import { validationProblem } from '../http/problem';
import type { StatisticsQuery } from './statistics.schemas';

const rate = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

/** Figures for the caller's subtree (or a narrower one) and a period, read from PostgreSQL only. */
@Injectable()
export class StatisticsUseCase {
  constructor(private readonly stats: StatisticsRepository) {}

  async execute(principal: Principal, q: StatisticsQuery, now: string) {
    const period = statisticsPeriod(cstDate(now), q.from, q.to);
    if (!period.ok) throw validationProblem('query', [{ path: `query.${period.path}`, message: period.message }]);
    // Filters outside the caller's reach leave nothing: zero figures, not an error (nothing leaks).
    const reach = narrowScope(visibilityScope(principal), {
      ...(q.jurisdiction ? { jurisdiction: q.jurisdiction } : {}),
      ...(q.sector ? { sectors: q.sector } : {}),
    });
    const sq = reach ? { scope: reach, from: period.from, to: period.to, now } : null;
    // Independent reads: run them side by side on the pool.
    const [{ majorHazards: major, byJurisdiction, bySector }, onTime, durations, monthly] = sq
      ? await Promise.all([this.stats.scopeFigures(sq), this.stats.onTime(sq), this.stats.durations(sq), this.stats.monthly(sq)])
      : [
          { majorHazards: { openAtStart: 0, openedInPeriod: 0, closedInPeriod: 0, openAtEnd: 0 }, byJurisdiction: [], bySector: [] },
          [],
          [],
          [],
        ];
    const rank = (r: (typeof byJurisdiction)[number]) => ({ ...r, overdueShare: rate(r.overdueNow, r.openNow) });
    return {
      period: { from: period.fromDate, to: period.toDate, timeZone: STATISTICS_TIME_ZONE, fromInstant: period.from, toInstant: period.to },
      scope: reach ? { jurisdictionPrefix: reach.jurisdictionPrefix, sectors: reach.sectors ? [...reach.sectors] : null } : null,
      majorHazards: { ...major, clearanceRate: rate(major.closedInPeriod, major.openAtStart + major.openedInPeriod) },
      onTime: onTime.map((o) => ({ ...o, rate: rate(o.onTime, o.completed) })),
      durations: durations.map((d) => ({
        procedure: d.procedure,
        completed: d.completed,
        averageDays: Math.round((d.averageSeconds / 86_400) * 100) / 100,
      })),
      ranking: { byJurisdiction: byJurisdiction.map(rank), bySector: bySector.map(rank) },
      monthly,
    };
  }
}
