/**
 * Time left on a deadline at `now`, in whole seconds (negative once passed), or null when the current
 * step has no deadline. A list row shows this next to the due instant so a reader need not compute it.
 */
export function timeLeft(dueAt: string | null, now: string): { seconds: number; overdue: boolean } | null {
  if (dueAt === null) return null;
  const seconds = Math.floor((Date.parse(dueAt) - Date.parse(now)) / 1000);
  return { seconds, overdue: seconds < 0 };
}
