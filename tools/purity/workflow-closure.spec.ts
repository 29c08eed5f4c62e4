import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { violations, workflowClosure } from './workflow-closure';

const ROOT = join(__dirname, '..', '..');
const workflowEntries = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));

/** Every library that workflows bundle, not just @anjian/deadlines, keeps the sandbox's rules. */
describe('purity of everything the workflows bundle', () => {
  const closure = workflowClosure(ROOT, workflowEntries(join(ROOT, 'workflows', 'src')));

  it('follows imports into the workspace libraries (so the check below is not vacuous)', () => {
    expect([...closure.packages.keys()]).toEqual(expect.arrayContaining(['@anjian/domain', '@anjian/contracts', '@anjian/deadlines']));
    expect(closure.files.size).toBeGreaterThan(20);
  });

  it('imports no Node built-in, server package or server-side Temporal package, reaches only bundleable libraries, and no library reads the clock, randomness or process state', () => {
    expect(violations(ROOT, closure)).toEqual([]);
  });
});

/** The checker itself, on a scratch tree with one violation of each kind. */
describe('workflow closure checker', () => {
  let root: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'anjian-purity-'));
    write('libs/pure/package.json', JSON.stringify({ name: '@anjian/pure', main: 'src/index.ts', nx: { tags: ['type:pure'] } }));
    write('libs/db/package.json', JSON.stringify({ name: '@anjian/db', main: 'src/index.ts', nx: { tags: ['type:persistence'] } }));
    write('libs/db/src/index.ts', 'export const db = 1;\n');
    mkdirSync(join(root, 'node_modules', '@anjian'), { recursive: true });
    symlinkSync(join(root, 'libs', 'pure'), join(root, 'node_modules', '@anjian', 'pure'));
    symlinkSync(join(root, 'libs', 'db'), join(root, 'node_modules', '@anjian', 'db'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('finds violations several imports deep, including require() and import()', () => {
    write('workflows/src/wf.ts', "import { a } from '@anjian/pure';\nimport { db } from '@anjian/db';\nexport const x = a + db;\n");
    write('libs/pure/src/index.ts', "export * from './deep/a';\n");
    write(
      'libs/pure/src/deep/a.ts',
      "import { z } from 'zod';\nconst fs = require('fs');\nexport const a = Date.now(); // Date.now in a comment is fine\nvoid import('pg');\nexport { z, fs };\n",
    );
    const found = violations(root, workflowClosure(root, [join(root, 'workflows/src/wf.ts')]));
    expect(found).toEqual([
      '@anjian/db: reached from workflow code but tagged type:persistence',
      'libs/pure/src/deep/a.ts: imports "fs" — Node built-in (not in the workflow sandbox)',
      'libs/pure/src/deep/a.ts: imports "pg" — server-side package',
      'libs/pure/src/deep/a.ts: reads the clock (Date.now)',
    ]);
  });

  it('accepts a pure library', () => {
    write(
      'workflows/src/wf.ts',
      "import { a } from '@anjian/pure';\nimport { proxyActivities } from '@temporalio/workflow';\nexport { a, proxyActivities };\n",
    );
    write('libs/pure/src/index.ts', "import { z } from 'zod';\nexport const a = z.string();\n");
    expect(violations(root, workflowClosure(root, [join(root, 'workflows/src/wf.ts')]))).toEqual([]);
  });
});
