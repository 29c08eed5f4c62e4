import 'reflect-metadata';
import { createServer } from 'node:http';
import { type Principal, visibilityScope } from '@anjian/domain';
import { CaseListRepository, createDataSource } from '@anjian/persistence';

/**
 * The floor for any HTTP API on this machine: node:http, the same repository call as the API and the
 * direct-SQL rows, JSON out — no framework, no token, no access check, no logging. The lists benchmark
 * runs it in its own process beside the API (`bare HTTP` rows) so that the API's figures can be read
 * against what HTTP itself costs here. BENCH_PRINCIPALS: {"stalled": Principal, "worklist": Principal}.
 * Prints {"url": …} once listening; stops on SIGTERM.
 */
async function main(): Promise<void> {
  const { stalled, worklist } = JSON.parse(process.env['BENCH_PRINCIPALS']!) as Record<'stalled' | 'worklist', Principal>;
  const db = await createDataSource(process.env['DATABASE_URL']!, 10, { statementTimeoutMs: 15_000 }).initialize();
  const lists = new CaseListRepository(db);
  const server = createServer((req, res) => {
    const now = new Date().toISOString();
    const rows =
      req.url === '/stalled'
        ? lists
            .stalled(
              {
                scope: visibilityScope(stalled),
                reasons: ['overdue'],
                noProgressDays: 14,
                approver: { id: stalled.id, role: stalled.role, jurisdiction: stalled.jurisdiction },
                now,
              },
              'due_at',
              'asc',
              50,
            )
            .then((p) => p.rows)
        : lists
            .worklist({ scope: visibilityScope(worklist), assigneeId: worklist.id, dueSoonHours: 72, now, limit: 50 })
            .then((p) => p.rows);
    rows.then(
      (items) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items, now })),
      (err: Error) => res.writeHead(500).end(err.message),
    );
  });
  server.listen(0, '127.0.0.1', () => {
    const addr = server.address();
    process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}` })}\n`);
  });
  process.once('SIGTERM', () => {
    server.close();
    void db.destroy().finally(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`bare http failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
