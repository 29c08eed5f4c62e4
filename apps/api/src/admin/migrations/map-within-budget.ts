/**
 * Runs `fn` over `items` with at most `limit` in flight, results in input order. Items not started
 * by `budgetEndsAt` are not run: `late(item)` stands for them, so a request over many items answers
 * in bounded time however slowly each item goes (the caller bounds each item's own wait).
 */
export async function mapWithinBudget<T, R>(
  items: readonly T[],
  limit: number,
  budgetEndsAt: number,
  fn: (item: T) => Promise<R>,
  late: (item: T) => R,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = Date.now() >= budgetEndsAt ? late(items[i]!) : await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
