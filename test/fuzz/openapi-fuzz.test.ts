import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../tools/stack/temporal-cli';
import { describeResult, type FuzzResult, runFuzz } from '../../tools/fuzz/run-fuzz';
import { FUZZ_IDENTITIES } from '../../tools/fuzz/identities';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * A bounded `npm run fuzz` inside `npm test`: schemathesis generates requests for every operation of
 * /openapi.json, as each fixed identity (directory users with bearer tokens, and `anonymous` without
 * one), against the real API, worker, Temporal and PostgreSQL, with cases seeded on the case workflow.
 * No request may get a 5xx, go unanswered, or get a response the document does not describe.
 * FUZZ_TEST_MAX_TIME (seconds per identity, default 20) bounds the run.
 */
const MAX_TIME = Number(process.env['FUZZ_TEST_MAX_TIME'] ?? 20);
const REQUEST_TIMEOUT = 45;

describe('fuzzing the OpenAPI document', () => {
  let stack: TestStack;
  let result: FuzzResult;

  beforeAll(
    async () => {
      stack = await startTestStack();
      result = await runFuzz({
        baseUrl: stack.baseUrl,
        identities: [...FUZZ_IDENTITIES],
        maxTime: MAX_TIME,
        maxExamples: 30,
        requestTimeout: REQUEST_TIMEOUT,
        workers: 1,
        seed: process.env['FUZZ_SEED'] ?? '20261202',
        outDir: join(ROOT, 'tmp', 'fuzz', `jest-${process.pid}`),
        say: (msg) => process.stderr.write(`[fuzz] ${msg}\n`),
      });
      process.stderr.write(`\n${describeResult(result)}\n`);
    },
    FUZZ_IDENTITIES.length * (MAX_TIME + 3 * REQUEST_TIMEOUT + 150) * 1000,
  );

  afterAll(async () => {
    await stack?.stop();
    // Reports (tens of MB) are kept only when something failed, to read what.
    if (result?.verdict.ok) rmSync(result.outDir, { recursive: true, force: true });
  });

  it('sends requests to every operation of the document', () => {
    expect(result.operations.length).toBeGreaterThan(20);
    const untested = result.operations.filter((op) => !result.summary.byOperation.get(op)?.size);
    expect(untested).toEqual([]);
  });

  it('gets no server error, no unanswered request and no response outside the document', () => {
    const { serverErrors, nonConforming, hangs, incompleteRuns } = result.verdict;
    expect({ serverErrors, nonConforming, hangs, incompleteRuns }).toEqual({
      serverErrors: 0,
      nonConforming: 0,
      hangs: 0,
      incompleteRuns: 0,
    });
  });
});
