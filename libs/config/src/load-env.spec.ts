import { ConfigError, loadEnv } from './load-env';

/** What loadEnv threw, or a failure naming the environment it wrongly accepted. */
function refusal(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadEnv(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error(`loadEnv accepted ${JSON.stringify(env)}`);
}

describe('loadEnv', () => {
  it('applies defaults for a bare environment', () => {
    const env = loadEnv({});
    expect(env.TEMPORAL_ADDRESS).toBe('127.0.0.1:7233');
    expect(env.API_PORT).toBe(3000);
  });

  it('names the variable and the reason when a value is wrong', () => {
    expect(refusal({ API_PORT: 'eighty' }).issues).toEqual([expect.stringMatching(/^API_PORT: /)]);
    // Every wrong variable is named at once, each on its own line, not just the first one found.
    const issues = refusal({ API_PORT: '70000', DATABASE_URL: 'not a url' }).issues;
    expect(issues).toHaveLength(2);
    expect(issues).toEqual(expect.arrayContaining([expect.stringMatching(/^API_PORT: .*65535/), expect.stringMatching(/^DATABASE_URL: /)]));
  });

  it('API_TRUST_PROXY: a hop count becomes a number, addresses stay as written, anything else is refused', () => {
    expect(loadEnv({}).API_TRUST_PROXY).toBeUndefined();
    expect(loadEnv({ API_TRUST_PROXY: '1' }).API_TRUST_PROXY).toBe(1);
    expect(loadEnv({ API_TRUST_PROXY: '10.0.0.0/8, loopback' }).API_TRUST_PROXY).toBe('10.0.0.0/8, loopback');
    expect(refusal({ API_TRUST_PROXY: 'x;y' }).issues).toEqual([expect.stringMatching(/^API_TRUST_PROXY: /)]);
  });

  it('accepts the edges of a valid value', () => {
    expect(loadEnv({ API_PORT: '65535' }).API_PORT).toBe(65535);
    expect(loadEnv({ API_PORT: '0' }).API_PORT).toBe(0);
  });
});
