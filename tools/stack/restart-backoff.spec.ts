import { nextAttempt, restartDelayMs } from './restart-backoff';

describe('restart backoff of npm start', () => {
  it('doubles from 1 s and stops growing at 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(restartDelayMs)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('counts attempts while the child keeps crashing, and starts over after a healthy minute', () => {
    expect(nextAttempt(0, 100)).toBe(1);
    expect(nextAttempt(3, 59_999)).toBe(4);
    expect(nextAttempt(5, 60_000)).toBe(1);
  });
});
