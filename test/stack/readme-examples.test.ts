import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../tools/stack/temporal-cli';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * The README's "Try it" block, run as a new user would paste it (bash, curl, `npm run -s token`),
 * against a test stack instead of `npm start`: the only changes are the API's address and the
 * development provider's (OIDC_DEV_ISSUER), and curl failing on any answer that is not 2xx.
 */
function readmeExample(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const example = blocks.find((b) => b.includes('npm run -s token -- officer@140105'));
  if (!example) throw new Error('README.md has no bash block using `npm run -s token -- officer@140105`');
  return example;
}

function runBash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', script], { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe("the README's examples", () => {
  let stack: TestStack;
  let dir: string;
  beforeAll(async () => {
    stack = await startTestStack();
    dir = mkdtempSync(join(tmpdir(), 'readme-example-'));
  });
  afterAll(async () => {
    await stack?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('run as written: a case is opened, reported on, re-checked and closed; lists, export, calculation and admin answer', async () => {
    const example = readmeExample();
    const host = stack.baseUrl.replace(/^http:\/\//, '');
    const script = [
      'set -euo pipefail',
      // Every request must succeed (2xx); the body of a refusal goes to the output for the diagnosis.
      'curl() { command curl --fail-with-body --show-error "$@"; }',
      // `npm run` from this scratch directory runs the repository's scripts (the README assumes its root).
      `npm() { command npm --prefix '${ROOT}' "$@"; }`,
      example.replaceAll('localhost:3000', host),
      // What the example leaves behind, for the assertions below.
      'echo; echo "CASE=$CASE"',
    ].join('\n');
    const run = await runBash(script, dir, { ...process.env, OIDC_DEV_ISSUER: process.env['TEST_OIDC_ISSUER'] });
    if (run.code !== 0) throw new Error(`the README example failed (exit ${run.code}):\n${run.stderr}\n${run.stdout.slice(-4000)}`);

    const caseId = /^CASE=([0-9a-f-]{36})$/m.exec(run.stdout)?.[1];
    expect(caseId).toBeDefined();
    // The passing re-check completed the rectification and closed the case.
    const [row] = await stack.db.query('SELECT status FROM cases WHERE id = $1', [caseId]);
    expect(row.status).toBe('closed');
    const [attachment] = await stack.db.query('SELECT name FROM attachments WHERE case_id = $1', [caseId]);
    expect(attachment.name).toBe('report.pdf');
    // The export is a real XLSX (a zip) and the last answer is the policy list.
    expect(readFileSync(join(dir, 'stalled.xlsx')).subarray(0, 2).toString()).toBe('PK');
    expect(run.stdout).toMatch(/"version":\s*1/);
  });
});
