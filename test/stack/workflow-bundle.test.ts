import { readFileSync } from 'node:fs';

/**
 * The workflow bundle the worker runs (built once by test/setup with the worker's own options).
 * Modules outside `preloadModules` are evaluated again for every new workflow, so what the bundle
 * preloads, and what it keeps out of workflow code, is what opening a case costs
 * (docs/benchmarks-transitions.md).
 */
describe('workflow bundle', () => {
  const code = readFileSync(process.env['TEST_WORKFLOW_BUNDLE']!, 'utf8');

  it('preloads zod once per worker thread (a bare require of a side-effect-free package would be dropped)', () => {
    const body = /exports\.preloadModules = function preloadModules\(\) \{([^}]*)\}/.exec(code)?.[1] ?? '';
    expect(body).toContain('./workflows/src/preloaded-modules.ts');
    expect(code).toMatch(/"\.\/workflows\/src\/preloaded-modules\.ts"[\s\S]{0,3000}?node_modules\/zod\/index\.cjs/);
  });

  it('does not contain the domain barrel (each workflow would evaluate all of the domain)', () => {
    expect(code).not.toContain('"./libs/domain/src/index.ts"');
  });
});
