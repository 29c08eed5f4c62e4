import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { HISTORIES_DIR, hashOf, MANIFEST, readManifest } from '../support/record-history';
import { workflowSinks } from '../../apps/worker/src/create-worker';

/**
 * Cases live for months: histories recorded from earlier code must replay against today's code
 * without non-determinism. Add new ones with `RECORD_HISTORIES=1 npm test`. The corpus is
 * append-only: the manifest lists every history ever recorded with its hash, so a history that is
 * deleted or rewritten (to make a breaking change pass) fails here, and every one is replayed forever.
 */
describe('recorded workflow histories replay against the current workflow code', () => {
  const manifest = readManifest(HISTORIES_DIR);
  const files = readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json'));

  it('has recorded histories to replay', () => {
    expect(manifest.size).toBeGreaterThanOrEqual(5);
  });

  it(`keeps every history the ${MANIFEST} lists, unchanged, and lists every history present`, () => {
    const listed = [...manifest.keys()].sort();
    expect(files.slice().sort()).toEqual(listed);
    const rewritten = listed.filter((file) => hashOf(HISTORIES_DIR, file) !== manifest.get(file));
    expect(rewritten).toEqual([]);
  });

  it.each([...manifest.keys()])('%s replays deterministically', async (file) => {
    const history = historyFromJSON(JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8')));
    await expect(
      Worker.runReplayHistory(
        // The bundle's tracing interceptors call the span sink; the SDK skips it during replay but wants it registered.
        { workflowBundle: { codePath: process.env['TEST_WORKFLOW_BUNDLE']! }, replayName: file, sinks: workflowSinks() },
        history,
      ),
    ).resolves.toBeUndefined();
  });
});
