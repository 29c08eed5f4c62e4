import { ConfigError, loadEnv } from './load-env';

describe('loadEnv', () => {
  it('applies defaults for a bare environment', () => {
    const env = loadEnv({});
    expect(env.TEMPORAL_ADDRESS).toBe('127.0.0.1:7233');
    expect(env.API_PORT).toBe(3000);
  });

  it('names the variable and the reason when a value is wrong', () => {
    expect(() => loadEnv({ API_PORT: 'eighty' })).toThrow(ConfigError);
    try {
      loadEnv({ API_PORT: '70000', DATABASE_URL: 'not a url' });
    } catch (e) {
      const issues = (e as ConfigError).issues.join('\n');
      expect(issues).toMatch(/API_PORT/);
      expect(issues).toMatch(/DATABASE_URL/);
    }
  });
});
