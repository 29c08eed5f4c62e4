/**
 * When `npm start` restarts a crashed child (worker or API): 1 s, 2 s, 4 s … capped at 30 s, so a
 * child that crashes at once does not spin, and one that ran healthy for a minute starts again at 1 s.
 */
export const FIRST_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 30_000;
export const HEALTHY_AFTER_MS = 60_000;

/** Delay before restart number `attempt` (1 for the first restart after a crash). */
export function restartDelayMs(attempt: number): number {
  return Math.min(FIRST_DELAY_MS * 2 ** Math.max(0, attempt - 1), MAX_DELAY_MS);
}

/** The attempt number of the restart after a crash, given the previous one and how long the child ran. */
export function nextAttempt(previousAttempt: number, ranForMs: number): number {
  return ranForMs >= HEALTHY_AFTER_MS ? 1 : previousAttempt + 1;
}
