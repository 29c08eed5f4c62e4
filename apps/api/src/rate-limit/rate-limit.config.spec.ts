import { rateLimitConfig } from './rate-limit.config';

describe('rate limit configuration', () => {
  it('is generous by default', () => {
    expect(rateLimitConfig({})).toEqual({ RATE_LIMIT_PER_USER: 6000, RATE_LIMIT_PER_IP: 12000, RATE_LIMIT_WINDOW_S: 60 });
  });

  it('is overridable, and 0 switches a limit off', () => {
    expect(rateLimitConfig({ RATE_LIMIT_PER_USER: '0', RATE_LIMIT_PER_IP: '100', RATE_LIMIT_WINDOW_S: '10' })).toEqual({
      RATE_LIMIT_PER_USER: 0,
      RATE_LIMIT_PER_IP: 100,
      RATE_LIMIT_WINDOW_S: 10,
    });
  });

  it('refuses nonsense at start-up, naming the variable', () => {
    expect(() => rateLimitConfig({ RATE_LIMIT_PER_IP: '-1' })).toThrow(/RATE_LIMIT_PER_IP/);
    expect(() => rateLimitConfig({ RATE_LIMIT_WINDOW_S: 'soon' })).toThrow(/RATE_LIMIT_WINDOW_S/);
  });
});
