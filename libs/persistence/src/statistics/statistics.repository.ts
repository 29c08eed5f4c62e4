import { DEADLINE_MISSED_EVENTS, STATISTICS_TIME_ZONE, type VisibilityScope } from '@anjian/domain';
import type { DataSource } from 'typeorm';
import { scopeSql, SqlParams } from '../worklist/sql-builder';

export interface StatisticsQuery {
  scope: VisibilityScope;
  /** Period [from, to) as instants. */
  from: string;
  to: string;
  now: string;
}

export interface MajorHazardFigures {
  openAtStart: number;
  openedInPeriod: number;
  closedInPeriod: number;
  openAtEnd: number;
}

export interface OnTimeFigure {
  procedure: string;
  step: string;
  completed: number;
  onTime: number;
}

export interface DurationFigure {
  procedure: string;
  completed: number;
  averageSeconds: number;
}

export interface RankingFigure {
  key: string;
  openedInPeriod: number;
  closedInPeriod: number;
  openNow: number;
  overdueNow: number;
  majorOpenNow: number;
}

export interface MonthFigure {
  month: string;
  opened: number;
  closed: number;
  majorOpened: number;
  majorClosed: number;
}

const n = (v: unknown): number => Number(v ?? 0);

/**
 * Figures for a subtree and a period, read from the projection in PostgreSQL only (never from
 * workflow histories). Every query is bounded by the caller's VisibilityScope.
 */
export class StatisticsRepository {
  constructor(private readonly db: DataSource) {}

  /** 重大事故隐患动态清零: major-hazard cases open at the start, opened and closed within, open at the end. */
  async majorHazards(q: StatisticsQuery): Promise<MajorHazardFigures> {
    const p = new SqlParams();
    const from = p.add(q.from);
    const to = p.add(q.to);
    const [r] = await this.db.query<Record<string, string>[]>(
      `SELECT
         count(*) FILTER (WHERE c.opened_at < ${from}::timestamptz AND (c.closed_at IS NULL OR c.closed_at >= ${from}::timestamptz)) AS open_at_start,
         count(*) FILTER (WHERE c.opened_at >= ${from}::timestamptz) AS opened,
         count(*) FILTER (WHERE c.closed_at >= ${from}::timestamptz AND c.closed_at < ${to}::timestamptz) AS closed,
         count(*) FILTER (WHERE c.closed_at IS NULL OR c.closed_at >= ${to}::timestamptz) AS open_at_end
       FROM cases c WHERE ${scopeSql(q.scope, p)} AND c.hazard_grade = 'major' AND c.opened_at < ${to}::timestamptz`,
      p.values,
    );
    return {
      openAtStart: n(r?.['open_at_start']),
      openedInPeriod: n(r?.['opened']),
      closedInPeriod: n(r?.['closed']),
      openAtEnd: n(r?.['open_at_end']),
    };
  }

  /**
   * On-time rate per procedure and step: each time a step was left within the period (an event whose
   * step_before differs from step_after) counts once; it was late when a deadline-missed event was
   * recorded during that visit of the step. A visit runs from one step change (included) to the next
   * (excluded), so a step entered twice (a failed re-check sends the case back) is judged per visit.
   * One pass in (case, stream, seq) order: a running count of missed deadlines before each event, and
   * on each step change the difference to the previous step change's count is what the visit just
   * left collected (no self-join of the event history: that doubled the time at 1M cases).
   */
  async onTime(q: StatisticsQuery): Promise<OnTimeFigure[]> {
    const p = new SqlParams();
    const scope = scopeSql(q.scope, p);
    const to = p.add(q.to);
    const from = p.add(q.from);
    const missed = `e.type = ANY(${p.add([...DEADLINE_MISSED_EVENTS])}::text[])`;
    const rows = await this.db.query<Record<string, string>[]>(
      `WITH e AS (
         SELECT e.case_id, e.stream, e.seq, e.procedure, e.step_before, e.step_after, e.occurred_at,
                count(*) FILTER (WHERE ${missed}) OVER w - (${missed})::int AS missed_before
         FROM case_events e JOIN cases c ON c.id = e.case_id
         WHERE ${scope} AND e.occurred_at < ${to}::timestamptz
         WINDOW w AS (PARTITION BY e.case_id, e.stream ORDER BY e.seq)
       ), changes AS (
         SELECT e.procedure, e.step_before, e.occurred_at,
                e.missed_before - COALESCE(lag(e.missed_before) OVER (PARTITION BY e.case_id, e.stream ORDER BY e.seq), 0) AS missed_in_visit
         FROM e WHERE e.step_before IS DISTINCT FROM e.step_after
       )
       SELECT l.procedure, l.step_before AS step, count(*) AS completed, count(*) FILTER (WHERE l.missed_in_visit = 0) AS on_time
       FROM changes l
       WHERE l.step_before IS NOT NULL AND l.occurred_at >= ${from}::timestamptz
       GROUP BY l.procedure, l.step_before ORDER BY l.procedure, l.step_before`,
      p.values,
    );
    return rows.map((r) => ({ procedure: r['procedure']!, step: r['step']!, completed: n(r['completed']), onTime: n(r['on_time']) }));
  }

  /**
   * Average time per procedure, over procedures completed within the period: from the procedure rows,
   * and for legacy single-procedure cases (no procedure rows) from the case's opening to its closing.
   */
  async durations(q: StatisticsQuery): Promise<DurationFigure[]> {
    const p = new SqlParams();
    const from = p.add(q.from);
    const to = p.add(q.to);
    const rows = await this.db.query<Record<string, string>[]>(
      `SELECT t.procedure, count(*) AS completed, avg(extract(epoch FROM t.done - t.started)) AS average_seconds FROM (
         SELECT cp.procedure, cp.started_at AS started, cp.completed_at AS done
         FROM case_procedures cp JOIN cases c ON c.id = cp.case_id
         WHERE ${scopeSql(q.scope, p)} AND cp.status = 'completed' AND cp.completed_at >= ${from}::timestamptz AND cp.completed_at < ${to}::timestamptz
         UNION ALL
         SELECT c.procedure, c.opened_at, c.closed_at FROM cases c
         WHERE ${scopeSql(q.scope, p)} AND c.closed_at >= ${from}::timestamptz AND c.closed_at < ${to}::timestamptz
           AND NOT EXISTS (SELECT 1 FROM case_procedures cp WHERE cp.case_id = c.id)
       ) t GROUP BY t.procedure ORDER BY t.procedure`,
      p.values,
    );
    return rows.map((r) => ({
      procedure: r['procedure']!,
      completed: n(r['completed']),
      averageSeconds: Math.round(Number(r['average_seconds'])),
    }));
  }

  /**
   * 晾晒 (ranking): per jurisdiction one level below the caller's (province → cities, city → districts;
   * a district ranks itself) or per sector. Sorted worst first: most overdue open cases.
   */
  async ranking(q: StatisticsQuery, by: 'jurisdiction' | 'sector'): Promise<RankingFigure[]> {
    const p = new SqlParams();
    const scope = scopeSql(q.scope, p);
    const from = p.add(q.from);
    const to = p.add(q.to);
    const now = p.add(q.now);
    const childLength = Math.min(q.scope.jurisdictionPrefix.length + 2, 6);
    const key = by === 'sector' ? 'c.sector' : `rpad(left(c.jurisdiction, ${childLength}), 6, '0')`;
    const rows = await this.db.query<Record<string, string>[]>(
      `SELECT ${key} AS key,
         count(*) FILTER (WHERE c.opened_at >= ${from}::timestamptz AND c.opened_at < ${to}::timestamptz) AS opened,
         count(*) FILTER (WHERE c.closed_at >= ${from}::timestamptz AND c.closed_at < ${to}::timestamptz) AS closed,
         count(*) FILTER (WHERE c.status = 'open') AS open_now,
         count(*) FILTER (WHERE c.status = 'open' AND c.due_at < ${now}::timestamptz) AS overdue_now,
         count(*) FILTER (WHERE c.status = 'open' AND c.hazard_grade = 'major') AS major_open_now
       FROM cases c WHERE ${scope} AND (c.status = 'open' OR c.closed_at >= ${from}::timestamptz OR c.opened_at >= ${from}::timestamptz)
       GROUP BY 1 ORDER BY overdue_now DESC, open_now DESC, 1`,
      p.values,
    );
    return rows.map((r) => ({
      key: r['key']!,
      openedInPeriod: n(r['opened']),
      closedInPeriod: n(r['closed']),
      openNow: n(r['open_now']),
      overdueNow: n(r['overdue_now']),
      majorOpenNow: n(r['major_open_now']),
    }));
  }

  /** One row per calendar month (China Standard Time) of the period, months without cases included. */
  async monthly(q: StatisticsQuery): Promise<MonthFigure[]> {
    const p = new SqlParams();
    const tz = p.add(STATISTICS_TIME_ZONE);
    const from = p.add(q.from);
    const to = p.add(q.to);
    const month = (col: string) => `date_trunc('month', ${col} AT TIME ZONE ${tz})`;
    const rows = await this.db.query<Record<string, string>[]>(
      `WITH m AS (
         SELECT generate_series(${month(`${from}::timestamptz`)}, ${month(`(${to}::timestamptz - interval '1 microsecond')`)}, interval '1 month') AS month
       ), o AS (
         SELECT ${month('c.opened_at')} AS month, count(*) AS n, count(*) FILTER (WHERE c.hazard_grade = 'major') AS major
         FROM cases c WHERE ${scopeSql(q.scope, p)} AND c.opened_at >= ${from}::timestamptz AND c.opened_at < ${to}::timestamptz GROUP BY 1
       ), x AS (
         SELECT ${month('c.closed_at')} AS month, count(*) AS n, count(*) FILTER (WHERE c.hazard_grade = 'major') AS major
         FROM cases c WHERE ${scopeSql(q.scope, p)} AND c.closed_at >= ${from}::timestamptz AND c.closed_at < ${to}::timestamptz GROUP BY 1
       )
       SELECT to_char(m.month, 'YYYY-MM') AS month, o.n AS opened, x.n AS closed, o.major AS major_opened, x.major AS major_closed
       FROM m LEFT JOIN o ON o.month = m.month LEFT JOIN x ON x.month = m.month ORDER BY m.month`,
      p.values,
    );
    return rows.map((r) => ({
      month: r['month']!,
      opened: n(r['opened']),
      closed: n(r['closed']),
      majorOpened: n(r['major_opened']),
      majorClosed: n(r['major_closed']),
    }));
  }
}
