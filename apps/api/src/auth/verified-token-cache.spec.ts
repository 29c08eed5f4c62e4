import { VerifiedTokenCache } from './verified-token-cache';

describe('VerifiedTokenCache', () => {
  let now = 1_000_000;
  const cache = () => new VerifiedTokenCache<string>({ maxEntries: 3, maxAgeMs: 60_000 }, () => now);
  beforeEach(() => {
    now = 1_000_000;
  });

  it('answers a token verified before, until it expires', () => {
    const c = cache();
    c.set('t', 'alice', now + 10_000);
    expect(c.get('t')).toBe('alice');
    now += 9_999;
    expect(c.get('t')).toBe('alice');
    now += 1;
    expect(c.get('t')).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it('never keeps a token longer than its maximum age, even when it expires later', () => {
    const c = cache();
    c.set('t', 'alice', now + 3_600_000);
    now += 60_000;
    expect(c.get('t')).toBeUndefined();
  });

  it('does not store a token that has already expired', () => {
    const c = cache();
    c.set('t', 'alice', now);
    expect(c.get('t')).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it('knows nothing of a token it was not given (a different token for the same user is verified again)', () => {
    const c = cache();
    c.set('t1', 'alice', now + 10_000);
    expect(c.get('t2')).toBeUndefined();
  });

  it('is bounded: the oldest entry leaves first', () => {
    const c = cache();
    for (const t of ['a', 'b', 'c', 'd']) c.set(t, t, now + 10_000);
    expect(c.size).toBe(3);
    expect(c.get('a')).toBeUndefined();
    expect(['b', 'c', 'd'].map((t) => c.get(t))).toEqual(['b', 'c', 'd']);
  });

  it('stores nothing when sized 0 (the cache switched off)', () => {
    const c = new VerifiedTokenCache<string>({ maxEntries: 0, maxAgeMs: 60_000 }, () => now);
    c.set('t', 'alice', now + 10_000);
    expect(c.get('t')).toBeUndefined();
  });
});
