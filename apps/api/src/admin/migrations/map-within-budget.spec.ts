import { mapWithinBudget } from './map-within-budget';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('mapWithinBudget', () => {
  it('runs every item in order when the budget suffices, never more than `limit` at once', async () => {
    let inFlight = 0;
    let most = 0;
    const out = await mapWithinBudget(
      [1, 2, 3, 4, 5, 6, 7],
      3,
      Date.now() + 10_000,
      async (n) => {
        most = Math.max(most, ++inFlight);
        await sleep(5);
        inFlight--;
        return n * 10;
      },
      () => -1,
    );
    expect(out).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(most).toBe(3);
  });

  it('stops starting items once the budget has run out and marks the rest late', async () => {
    const started: number[] = [];
    const t0 = Date.now();
    const out = await mapWithinBudget(
      Array.from({ length: 20 }, (_, i) => i),
      2,
      t0 + 120,
      async (n) => {
        started.push(n);
        await sleep(50);
        return 'done';
      },
      () => 'late',
    );
    expect(Date.now() - t0).toBeLessThan(1_000);
    expect(out.filter((r) => r === 'done').length).toBe(started.length);
    expect(out.filter((r) => r === 'late').length).toBe(20 - started.length);
    expect(started.length).toBeGreaterThan(0);
    expect(started.length).toBeLessThan(20);
    // the late ones are the tail: once one is late, every later item is late too
    expect(out.indexOf('late')).toBe(started.length);
  });
});
