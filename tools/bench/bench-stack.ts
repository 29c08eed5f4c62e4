import globalSetup from '../../test/setup/global-setup';
import globalTeardown from '../../test/setup/global-teardown';

/**
 * The benchmarks' servers: the integration tests' global setup (a Temporal dev server, a scratch
 * database, the development identity provider) and its teardown. Dropping the scratch database ends
 * every connection to it, and a pool somebody left open then emits 57P01 on its own; during teardown
 * that is expected and must not turn a finished run into a crash.
 */
export async function setUpBench(): Promise<() => Promise<void>> {
  await globalSetup();
  let tearingDown = false;
  process.on('uncaughtException', (err: Error & { code?: string }) => {
    if (tearingDown && err.code === '57P01') return;
    process.stderr.write(`${err.stack ?? String(err)}\n`);
    process.exit(1);
  });
  return async () => {
    tearingDown = true;
    await globalTeardown();
  };
}
