import { dropDatabase } from '@anjian/persistence';
import type { RunningDevProvider } from '../../tools/oidc-dev/launch';
import type { RunningTemporal } from '../../tools/stack/temporal';

export default async function globalTeardown(): Promise<void> {
  const stack = (globalThis as Record<string, unknown>)['__ANJIAN_STACK__'] as
    { temporal: RunningTemporal; oidc: RunningDevProvider; dbUrl: string } | undefined;
  if (!stack) return;
  await stack.oidc.stop();
  await stack.temporal.stop();
  await dropDatabase(stack.dbUrl);
}
