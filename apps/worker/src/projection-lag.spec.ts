import { projectionLagsSeconds } from './projection-lag';

describe('projectionLagsSeconds', () => {
  const now = Date.parse('2026-03-02T08:00:01.250Z');
  it('is the time from the committed event to its projection, per event', () => {
    expect(projectionLagsSeconds([{ at: '2026-03-02T08:00:00.000Z' }, { at: '2026-03-02T16:00:01+08:00' }], now)).toEqual([1.25, 0.25]);
  });
  it('is never negative (clock skew between hosts) and skips unparsable instants', () => {
    expect(projectionLagsSeconds([{ at: '2026-03-02T08:00:05Z' }, { at: 'not a date' }], now)).toEqual([0]);
  });
});
