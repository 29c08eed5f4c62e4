import { builtinModules } from 'node:module';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * Everything the Temporal worker bundles into the workflow sandbox: the files of workflows/ and,
 * transitively, every file they import — across workspace libraries (@anjian/*) too. ESLint's
 * import bans are configured per folder (eslint.config.mjs), so a library that workflows start to
 * import, a `require()` or a dynamic `import()` would slip past them; this walks the real graph.
 */
export interface Closure {
  /** Absolute paths of the source files reached. */
  files: Set<string>;
  /** Workspace packages reached (`@anjian/domain` …), with their directory. */
  packages: Map<string, string>;
  /** Each import of something outside the workspace: which file, which specifier. */
  external: Array<{ file: string; specifier: string }>;
}

/** Static imports and re-exports, side-effect imports, `require()` and `import()` with a literal. */
export function importsOf(text: string): string[] {
  const found = new Set<string>();
  const patterns = [
    /\b(?:import|export)\s[^'"]*?\sfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.add(m[1]!);
  return [...found];
}

function asFile(base: string): string | null {
  for (const candidate of [base, `${base}.ts`, `${base}.mts`, `${base}.js`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** `@anjian/x` or `@anjian/x/sub` → the file it names, through node_modules' workspace links. */
function resolveWorkspace(root: string, specifier: string): { name: string; dir: string; file: string } | null {
  const m = /^(@anjian\/[^/]+)(\/.*)?$/.exec(specifier);
  if (!m) return null;
  const link = join(root, 'node_modules', m[1]!);
  if (!existsSync(link)) throw new Error(`${specifier}: no workspace package ${m[1]} (node_modules/${m[1]} is missing)`);
  const dir = realpathSync(link);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { main?: string };
  const file = asFile(m[2] ? join(dir, m[2]) : join(dir, pkg.main ?? 'index.ts'));
  if (!file) throw new Error(`${specifier}: cannot resolve a source file in ${dir}`);
  return { name: m[1]!, dir, file };
}

const isTest = (file: string) => /\.(spec|test)\.ts$/.test(file);

export function workflowClosure(root: string, entries: string[]): Closure {
  const closure: Closure = { files: new Set(), packages: new Map(), external: [] };
  const queue = [...entries.map((e) => resolve(e))];
  while (queue.length) {
    const file = queue.pop()!;
    if (closure.files.has(file) || isTest(file)) continue;
    closure.files.add(file);
    for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.')) {
        const target = asFile(resolve(dirname(file), specifier));
        if (!target) throw new Error(`${relative(root, file)}: cannot resolve ${specifier}`);
        queue.push(target);
        continue;
      }
      const ws = resolveWorkspace(root, specifier);
      if (ws) {
        closure.packages.set(ws.name, ws.dir);
        queue.push(ws.file);
        continue;
      }
      closure.external.push({ file, specifier });
    }
  }
  return closure;
}

// The same bans as `serverOnlyImports` in eslint.config.mjs, applied to the whole closure.
const nodeBuiltins = new Set(builtinModules.map((name) => name.replace(/^node:/, '')));
const BANS: Array<{ test: (specifier: string) => boolean; why: string }> = [
  { test: (s) => s.startsWith('node:') || nodeBuiltins.has(s.split('/')[0]!), why: 'Node built-in (not in the workflow sandbox)' },
  { test: (s) => /^(@nestjs\/.*|typeorm|pg|pino|express)(\/.*)?$/.test(s), why: 'server-side package' },
  { test: (s) => /^@temporalio\/(client|worker|activity)(\/.*)?$/.test(s), why: 'Temporal package not for workflow code' },
];
/** Workspace packages workflow code may bundle (nx tags, as the module-boundary rule declares them). */
const BUNDLEABLE_TAGS = new Set(['type:workflow', 'type:contract', 'type:pure']);

/** Clock, randomness and process state: pure libraries take time and ids as input (workflows/ itself runs in the sandbox, whose Date is deterministic). */
const IMPURE_SOURCE: Array<[RegExp, string]> = [
  [/\bDate\.now\s*\(/, 'reads the clock (Date.now)'],
  [/\bnew Date\(\s*\)/, 'reads the clock (new Date())'],
  [/\bMath\.random\b/, 'uses randomness (Math.random)'],
  [/\bprocess\.(env|argv|cwd|hrtime|pid)\b/, 'reads process state'],
  [/\b(setTimeout|setInterval|setImmediate)\s*\(/, 'uses timers'],
];

/** Every rule broken inside the closure, as `file: what` lines (empty when pure). */
export function violations(root: string, closure: Closure): string[] {
  const out: string[] = [];
  for (const { file, specifier } of closure.external) {
    const ban = BANS.find((b) => b.test(specifier));
    if (ban) out.push(`${relative(root, file)}: imports "${specifier}" — ${ban.why}`);
  }
  for (const [name, dir] of closure.packages) {
    const tags = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { nx?: { tags?: string[] } }).nx?.tags ?? [];
    if (!tags.some((t) => BUNDLEABLE_TAGS.has(t)))
      out.push(`${name}: reached from workflow code but tagged ${tags.join(', ') || '(none)'}`);
  }
  for (const file of closure.files) {
    if (!relative(root, file).startsWith('libs/')) continue;
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''); // comments may mention what code must not do
    for (const [pattern, what] of IMPURE_SOURCE) if (pattern.test(text)) out.push(`${relative(root, file)}: ${what}`);
  }
  return out.sort();
}
