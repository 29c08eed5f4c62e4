import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// The engine runs inside Temporal workflow code: no clock, no randomness, no I/O, no Node modules,
// no dependency but zod. Checked on the source text so a regression fails here, not in a replay.
const sourceFiles = readdirSync(__dirname).filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'));

describe('purity of @anjian/deadlines', () => {
  it.each(sourceFiles)('%s uses no clock, randomness or I/O', (file) => {
    const text = readFileSync(join(__dirname, file), 'utf8');
    expect(text).not.toMatch(/Date\.now\s*\(/);
    expect(text).not.toMatch(/new Date\(\s*\)/);
    expect(text).not.toMatch(/Math\.random/);
    expect(text).not.toMatch(/\bprocess\./);
    expect(text).not.toMatch(/\brequire\(/);
    const imports = [...text.matchAll(/from '([^']+)'/g)].map((match) => match[1]);
    expect(imports.filter((path) => !path.startsWith('./') && path !== 'zod')).toEqual([]);
  });
});
