import { ActivityFailure, log, sleep } from '@temporalio/workflow';
import { typedFailure } from './workflow-failures';

/**
 * Work started by a signal cannot answer with a failure, so it must not be lost to a database
 * outage: when an activity fails (after its own bounded retries) the work is tried again after a
 * growing pause (5 s … 10 min). Anything else (the work does not apply any more, a machine refusing
 * an unexpected input) is logged and dropped — retrying would not change it.
 */
export async function persistently(what: string, fn: () => Promise<void>): Promise<void> {
  let pause = 5_000;
  for (;;) {
    try {
      await fn();
      return;
    } catch (err) {
      if (!(err instanceof ActivityFailure)) {
        log.warn(`"${what}" not applied`, { error: String(err) });
        return;
      }
      log.warn(`"${what}" could not be recorded; trying again`, { error: String(typedFailure(err)), retryInMs: pause });
      await sleep(pause);
      pause = Math.min(pause * 2, 600_000);
    }
  }
}
