import type { DataSource } from 'typeorm';

/**
 * Runs one read with JIT compilation off for that statement only (SET LOCAL inside its own
 * transaction). The stalled counts aggregate a whole subtree through per-row subplans, so the planner's
 * cost estimate passes jit_above_cost and PostgreSQL spends ~600 ms compiling and optimising code for a
 * query that executes in ~300 ms (EXPLAIN at 1M cases, docs/benchmarks-lists.md). The plan is unchanged.
 */
export async function queryWithoutJit<T>(db: DataSource, sql: string, values: unknown[]): Promise<T> {
  return db.transaction(async (m) => {
    await m.query(`SET LOCAL jit = off`);
    return m.query<T>(sql, values);
  });
}
