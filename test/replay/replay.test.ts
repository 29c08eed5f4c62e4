import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { HISTORIES_DIR } from '../support/record-history';

/**
 * Cases live for months: histories recorded from earlier code must replay against today's code
 * without non-determinism. Record new ones with `RECORD_HISTORIES=1 npm test`.
 */
describe('recorded workflow histories replay against the current workflow code', () => {
  const files = readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json'));

  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  it.each(files)('%s replays deterministically', async (file) => {
    const history = historyFromJSON(JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8')));
    await expect(
      Worker.runReplayHistory({ workflowBundle: { codePath: process.env['TEST_WORKFLOW_BUNDLE']! }, replayName: file }, history),
    ).resolves.toBeUndefined();
  });
});
