import { overdueSql } from '@anjian/persistence';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { cachedSingleFlight } from './cached';

export interface CaseFigures {
  open: number;
  overdue: number;
  /** recorded_at − occurred_at of the newest projected event, seconds; null with no events. */
  lastProjectionLag: number | null;
}

/**
 * Aggregates served by indexes (cases_open_due is partial on open cases; case_events by its key).
 * Overdue as the lists count it (overdueSql): a missed deadline still awaited, or the current one passed.
 */
const FIGURES_SQL = `
  SELECT (SELECT count(*) FROM cases WHERE status = 'open') AS open,
         (SELECT count(*) FROM cases c WHERE c.status = 'open' AND ${overdueSql('now()')}) AS overdue,
         (SELECT EXTRACT(EPOCH FROM recorded_at - occurred_at) FROM case_events ORDER BY id DESC LIMIT 1) AS lag`;

export const FIGURES_TTL_MS = 5000;
export const FIGURES_STATEMENT_TIMEOUT_MS = 1000;

export async function readCaseFigures(db: DataSource): Promise<CaseFigures> {
  const rows: Array<{ open: string; overdue: string; lag: string | null }> = await Promise.race([
    db.transaction(async (m) => {
      // A slow database answers the scrape with an error instead of holding a connection.
      await m.query(`SET LOCAL statement_timeout = ${FIGURES_STATEMENT_TIMEOUT_MS}`);
      return m.query(FIGURES_SQL);
    }),
    new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`no answer within ${2 * FIGURES_STATEMENT_TIMEOUT_MS} ms`)),
        2 * FIGURES_STATEMENT_TIMEOUT_MS,
      ).unref(),
    ),
  ]);
  const r = rows[0]!;
  return { open: Number(r.open), overdue: Number(r.overdue), lastProjectionLag: r.lag === null ? null : Number(r.lag) };
}

/**
 * Gauges computed at scrape time from PostgreSQL, cached for FIGURES_TTL_MS. When the query fails
 * they read NaN (an unlabelled prom-client gauge cannot be left out; 0 or the last value would lie)
 * and the failure is counted.
 */
export function registerCaseGauges(registry: Registry, db: DataSource): void {
  const failures: Counter = new Counter({
    name: 'anjian_case_figures_errors_total',
    help: 'Scrapes whose case figures could not be read from PostgreSQL in time',
    registers: [registry],
    // Metrics are collected concurrently: wait for this scrape's load so that its failure counts now.
    async collect() {
      await figures().catch(() => undefined);
    },
  });
  const figures: () => Promise<CaseFigures> = cachedSingleFlight(
    () =>
      readCaseFigures(db).catch((err: unknown) => {
        failures.inc();
        throw err;
      }),
    FIGURES_TTL_MS,
  );
  const gauge = (name: string, help: string, pick: (f: CaseFigures) => number | null) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        try {
          this.set(pick(await figures()) ?? NaN);
        } catch {
          this.set(NaN); // counted once per failed load, above
        }
      },
    });
  gauge('anjian_cases_open', 'Cases not yet closed (status open)', (f) => f.open);
  gauge(
    'anjian_cases_overdue',
    'Open cases overdue as the lists count them: a deadline missed and still awaited, or the current deadline (due_at) passed',
    (f) => f.overdue,
  );
  gauge(
    'anjian_projection_lag_last_seconds',
    'recorded_at − occurred_at of the newest event in case_events: how far the projection trailed the workflow',
    (f) => f.lastProjectionLag,
  );
}
