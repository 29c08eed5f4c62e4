import { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { registerCaseGauges } from './case-gauges';

/** A stand-in for TypeORM's DataSource: each transaction answers with the next scripted result. */
function fakeDb(answers: Array<() => Promise<unknown>>) {
  const statements: string[] = [];
  const db = {
    transaction: async (fn: (m: { query: (sql: string) => Promise<unknown> }) => Promise<unknown>) => {
      const answer = answers.shift()!;
      return fn({
        query: async (sql: string) => {
          statements.push(sql.trim().split(/\s+/).slice(0, 3).join(' '));
          return sql.startsWith('SET') ? undefined : answer();
        },
      });
    },
  };
  return { db: db as unknown as DataSource, statements };
}

describe('case gauges', () => {
  it('report what PostgreSQL counts, under a statement timeout, one query per scrape window', async () => {
    const { db, statements } = fakeDb([async () => [{ open: '7', overdue: '2', lag: '0.125' }]]);
    const registry = new Registry();
    registerCaseGauges(registry, db);
    const text = await registry.metrics();
    expect(text).toMatch(/^anjian_cases_open 7$/m);
    expect(text).toMatch(/^anjian_cases_overdue 2$/m);
    expect(text).toMatch(/^anjian_projection_lag_last_seconds 0.125$/m);
    await registry.metrics(); // within the cache window: no second query
    expect(statements).toEqual(['SET LOCAL statement_timeout', 'SELECT (SELECT count(*)']);
  });

  it('read NaN (not 0, not stale) and count the failure when the database does not answer', async () => {
    const { db } = fakeDb([() => Promise.reject(new Error('canceling statement due to statement timeout'))]);
    const registry = new Registry();
    registerCaseGauges(registry, db);
    const text = await registry.metrics();
    expect(text).toMatch(/^anjian_cases_open Nan$/im);
    expect(text).toMatch(/^anjian_cases_overdue Nan$/im);
    expect(text).toMatch(/^anjian_case_figures_errors_total 1$/m);
  });

  it('read NaN for the lag when no event was ever projected', async () => {
    const { db } = fakeDb([async () => [{ open: '0', overdue: '0', lag: null }]]);
    const registry = new Registry();
    registerCaseGauges(registry, db);
    const text = await registry.metrics();
    expect(text).toMatch(/^anjian_cases_open 0$/m);
    expect(text).toMatch(/^anjian_projection_lag_last_seconds Nan$/im);
  });
});
