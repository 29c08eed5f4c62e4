import { DEVELOPMENT_EVENT_CHAIN_KEY } from './env.schema';
import { ConfigError, loadEnv } from './load-env';

describe('EVENT_CHAIN_KEY', () => {
  it('falls back to the labelled development key outside production', () => {
    expect(loadEnv({ NODE_ENV: 'development' }).EVENT_CHAIN_KEY).toBe(DEVELOPMENT_EVENT_CHAIN_KEY);
    expect(DEVELOPMENT_EVENT_CHAIN_KEY).toMatch(/development.*NOT-SECRET/);
  });

  it('is required in production', () => {
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(/EVENT_CHAIN_KEY: required in production/);
    expect(loadEnv({ NODE_ENV: 'production', EVENT_CHAIN_KEY: 'k'.repeat(32) }).EVENT_CHAIN_KEY).toBe('k'.repeat(32));
  });

  it('refuses a key shorter than 32 characters, naming the variable', () => {
    expect(() => loadEnv({ EVENT_CHAIN_KEY: 'short' })).toThrow(/EVENT_CHAIN_KEY: at least 32 characters/);
  });
});
