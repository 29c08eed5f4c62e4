import { cachedSingleFlight } from './cached';

describe('cachedSingleFlight', () => {
  it('reuses a value within the time to live and reloads after it', async () => {
    let t = 0;
    let loads = 0;
    const get = cachedSingleFlight(
      async () => ++loads,
      5000,
      () => t,
    );
    expect(await get()).toBe(1);
    t = 4999;
    expect(await get()).toBe(1);
    t = 5000;
    expect(await get()).toBe(2);
  });

  it('shares one load between concurrent callers', async () => {
    let loads = 0;
    let release!: () => void;
    const get = cachedSingleFlight(() => new Promise<number>((r) => (release = () => r(++loads))), 5000);
    const both = Promise.all([get(), get(), get()]);
    release();
    expect(await both).toEqual([1, 1, 1]);
    expect(loads).toBe(1);
  });

  it('does not cache a failure', async () => {
    let calls = 0;
    const get = cachedSingleFlight(async () => {
      calls += 1;
      if (calls === 1) throw new Error('statement timeout');
      return calls;
    }, 5000);
    await expect(get()).rejects.toThrow('statement timeout');
    expect(await get()).toBe(2);
  });
});
