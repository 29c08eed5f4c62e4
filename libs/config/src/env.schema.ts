import { z } from 'zod';

/**
 * Every environment variable the apps read, in one place. docker-compose.yml is checked against
 * this schema by tools/deployment/compose.spec.ts, so a variable added here without being provided
 * to the services that need it fails the build.
 */
export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  DATABASE_URL: z.string().url().default('postgresql://postgres@127.0.0.1:5432/anjian'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),

  TEMPORAL_ADDRESS: z.string().min(3).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('anjian-cases'),

  API_HOST: z.string().default('0.0.0.0'),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
});
export type Env = z.infer<typeof EnvSchema>;

/** Which variables each deployable reads; the compose test checks each service gets them. */
export const ENV_BY_SERVICE = {
  api: ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'TEMPORAL_TASK_QUEUE', 'API_PORT'],
  worker: ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'TEMPORAL_TASK_QUEUE'],
} as const satisfies Record<string, ReadonlyArray<keyof Env>>;
