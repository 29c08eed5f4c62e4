import { loadEnv } from '@anjian/config';
import { rateLimitsOf } from './rate-limit.config';

describe('rate limit configuration', () => {
  it('is generous by default: 100/s per user, 200/s per address', () => {
    expect(rateLimitsOf(loadEnv({}))).toEqual({ perUser: 6000, perIp: 12000, windowS: 60 });
  });

  it('is overridable, and 0 switches a limit off', () => {
    expect(rateLimitsOf(loadEnv({ RATE_LIMIT_PER_USER: '0', RATE_LIMIT_PER_IP: '100', RATE_LIMIT_WINDOW_S: '10' }))).toEqual({
      perUser: 0,
      perIp: 100,
      windowS: 10,
    });
  });

  it('refuses nonsense at start-up, naming the variable', () => {
    expect(() => loadEnv({ RATE_LIMIT_PER_IP: '-1' })).toThrow(/RATE_LIMIT_PER_IP/);
    expect(() => loadEnv({ RATE_LIMIT_WINDOW_S: 'soon' })).toThrow(/RATE_LIMIT_WINDOW_S/);
  });
});
