import { DEVELOPMENT_EVENT_CHAIN_KEY, EnvSchema, type Env } from './env.schema';

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n  ${issues.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; a bad value stops the process with the variable's name and why. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  if (parsed.data.NODE_ENV === 'production' && parsed.data.EVENT_CHAIN_KEY === DEVELOPMENT_EVENT_CHAIN_KEY) {
    throw new ConfigError(['EVENT_CHAIN_KEY: required in production (the development default is public)']);
  }
  return parsed.data;
}
