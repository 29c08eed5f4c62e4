import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sectorIds } from '../catalog/sectors';
import { DEMO_USERS } from './demo-users';
import { JURISDICTIONS } from './jurisdictions';

const ROOT = join(__dirname, '..', '..');
const codes = new Set(JURISDICTIONS.map((j) => j.code));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('directory seeds', () => {
  it('lists each division once, parents before children, every parent known', () => {
    expect(codes.size).toBe(JURISDICTIONS.length);
    const seen = new Set<string>();
    for (const j of JURISDICTIONS) {
      if (j.parent !== null)
        expect({ code: j.code, parentSeenBefore: seen.has(j.parent) }).toEqual({ code: j.code, parentSeenBefore: true });
      seen.add(j.code);
    }
  });

  it('gives every demo user a known jurisdiction and catalog sectors (issue 12 list)', () => {
    expect(DEMO_USERS.map((u) => u.id)).toEqual([
      'officer@140105',
      'officer2@140105',
      'officer@140106',
      'supervisor@140100',
      'head@140100',
      'admin@000000',
      'admin@140000',
      'viewer@140000',
    ]);
    const sectors = new Set<string>(sectorIds);
    for (const u of DEMO_USERS) {
      expect(codes.has(u.jurisdiction)).toBe(true);
      for (const s of u.sectors) expect(sectors.has(s)).toBe(true);
    }
  });

  it('knows every x-actor-jurisdiction and officerIn(...) code the tests and tools use', () => {
    const used = new Set<string>();
    for (const file of [...filesUnder(join(ROOT, 'test')), ...filesUnder(join(ROOT, 'tools', 'fuzz'))]) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:x-actor-jurisdiction'?\s*[:=]\s*'|officerIn\(')(\d{6})'/g)) used.add(m[1]!);
    }
    expect([...used].filter((c) => !codes.has(c))).toEqual([]);
    expect(used.size).toBeGreaterThan(3);
  });
});
