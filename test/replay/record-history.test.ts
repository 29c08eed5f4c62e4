import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addHistory, hashOf, MANIFEST, readManifest } from '../support/record-history';

/** RECORD_HISTORIES=1 used to overwrite test/histories/<scenario>.json; now it only ever adds. */
describe('recording workflow histories is append-only', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'anjian-histories-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const day = new Date('2026-12-02T08:00:00Z');

  it('never overwrites a recorded history: the same scenario on the same commit gets a new name', () => {
    writeFileSync(join(dir, 'rectification-happy-path.json'), '{"old":true}'); // recorded before names carried a date
    const first = addHistory(dir, 'rectification-happy-path', '{"run":1}', day, 'abc1234');
    const second = addHistory(dir, 'rectification-happy-path', '{"run":2}', day, 'abc1234');
    expect(first).toBe('rectification-happy-path--2026-12-02--abc1234.json');
    expect(second).toBe('rectification-happy-path--2026-12-02--abc1234-2.json');
    expect(readFileSync(join(dir, 'rectification-happy-path.json'), 'utf8')).toBe('{"old":true}');
    expect(readFileSync(join(dir, first), 'utf8')).toBe('{"run":1}');
    expect(readFileSync(join(dir, second), 'utf8')).toBe('{"run":2}');
    expect(readdirSync(dir).sort()).toEqual([MANIFEST, 'rectification-happy-path.json', first, second].sort());
  });

  it('lists each added history in the manifest with the hash of what was written', () => {
    const file = addHistory(dir, 'rectification-refused-action', '{"events":[]}', day, 'abc1234');
    const manifest = readManifest(dir);
    expect([...manifest.keys()]).toEqual([file]);
    expect(manifest.get(file)).toBe(hashOf(dir, file));
  });

  it('refuses a scenario name that is not a plain file name', () => {
    expect(() => addHistory(dir, '../escape', '{}', day, 'abc1234')).toThrow(/kebab-case/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
