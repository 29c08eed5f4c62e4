// ESLint flat config. typescript-eslint "recommended" (not type-checked, to stay fast), Prettier owns
// formatting, and Nx's module-boundary rule enforces the layering declared by the `nx.tags` field of
// each workspace package.json:
//   workflow → pure, contract        (Temporal workflow code: deterministic, bundled by the worker)
//   contract → pure
//   pure     → pure
//   activity → pure, contract, persistence, config
//   persistence → pure, config
//   app      → anything
//   config → pure; seed → pure, contract, persistence, config (seed data is loaded through repositories)
// Specs and benchmarks may additionally use seed data as fixtures (see moduleBoundaries below).
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...new Set(builtinModules.map((name) => name.replace(/^node:/, '')))];
const escape = (name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Forbidden in workflow code and in the pure libraries it bundles: Node built-ins (I/O) and server-side packages. */
const serverOnlyImports = {
  patterns: [
    {
      regex: `^(node:.*|(${nodeBuiltins.map(escape).join('|')})(/.*)?)$`,
      message: 'Node built-ins are not available in the Temporal workflow sandbox; keep this code pure.',
    },
    {
      regex: '^(@nestjs/.*|typeorm|pg|pino|express)(/.*)?$',
      message: 'Server-side packages belong in apps/, activities/ or libs/persistence, not in workflow or pure code.',
    },
    {
      regex: '^@temporalio/(client|worker|activity)(/.*)?$',
      message: 'Workflow and pure code may use @temporalio/workflow and @temporalio/common only.',
    },
  ],
};

// The few plain-JS files (jest.config.js, tools/*.mjs) run on Node; `globals` is not a direct dependency.
const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'URL', 'Buffer', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'globalThis'].map((g) => [
    g,
    'readonly',
  ]),
);
const commonJsGlobals = Object.fromEntries(['require', 'module', 'exports', '__dirname', '__filename'].map((g) => [g, 'readonly']));

const tsFiles = ['**/*.ts', '**/*.mts', '**/*.cts'];
const testFiles = ['**/*.spec.ts', '**/*.test.ts', 'test/**/*.ts'];

/**
 * Options of @nx/enforce-module-boundaries (tags: `nx.tags` of each workspace package.json). Tests and
 * benchmarks (`forTests`) may also use seed data (e.g. the chinese-days calendar) as fixtures.
 */
function moduleBoundaries(forTests) {
  const seedFixtures = forTests ? ['type:seed'] : [];
  return {
    allow: [],
    enforceBuildableLibDependency: false,
    // deadlines → seeds exists only in the deadline engine's specs and benchmark; production code
    // of type:pure cannot import seeds (constraint below), so this cannot hide a real cycle.
    ignoredCircularDependencies: [['@anjian/deadlines', '@anjian/seeds']],
    depConstraints: [
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['*'] },
      { sourceTag: 'type:workflow', onlyDependOnLibsWithTags: ['type:pure', 'type:contract', ...seedFixtures] },
      { sourceTag: 'type:contract', onlyDependOnLibsWithTags: ['type:pure', ...seedFixtures] },
      { sourceTag: 'type:pure', onlyDependOnLibsWithTags: ['type:pure', ...seedFixtures] },
      {
        sourceTag: 'type:activity',
        onlyDependOnLibsWithTags: ['type:pure', 'type:contract', 'type:persistence', 'type:config', ...seedFixtures],
      },
      { sourceTag: 'type:persistence', onlyDependOnLibsWithTags: ['type:pure', 'type:config', ...seedFixtures] },
      { sourceTag: 'type:config', onlyDependOnLibsWithTags: ['type:pure'] },
      // Seed data is built with domain types and loaded through the persistence repositories.
      { sourceTag: 'type:seed', onlyDependOnLibsWithTags: ['type:pure', 'type:contract', 'type:persistence', 'type:config'] },
    ],
  };
}

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '.venv/**', 'data/**', '**/dist/**', 'coverage/**', '.nx/**', 'tmp/**'],
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: nodeGlobals },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...nodeGlobals, ...commonJsGlobals } },
  },
  {
    files: tsFiles,
    extends: [tseslint.configs.recommended],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries(false)],
    },
  },
  {
    files: [...testFiles, '**/bench/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries(true)],
    },
  },
  {
    // Workflow code and everything it bundles must stay deterministic and bundleable.
    files: ['workflows/**/*.ts', 'libs/domain/**/*.ts', 'libs/deadlines/**/*.ts', 'libs/contracts/**/*.ts'],
    ignores: [...testFiles, '**/bench/**'],
    rules: {
      'no-restricted-imports': ['error', serverOnlyImports],
    },
  },
  {
    // Workflow modules are evaluated again for every new workflow: import the domain module you use,
    // not the barrel that evaluates all of it (docs/benchmarks-transitions.md). Type-only imports are erased.
    files: ['workflows/**/*.ts'],
    ignores: [...testFiles],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...serverOnlyImports.patterns,
            {
              regex: '^@anjian/domain$',
              allowTypeImports: true,
              message:
                "Import the module itself (e.g. '@anjian/domain/src/actor/actor'): the barrel evaluates all of the domain in every new workflow.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  prettier,
);
