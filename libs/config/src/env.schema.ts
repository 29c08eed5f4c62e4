import { z } from 'zod';

/**
 * The key of the case event chain's HMAC when none is configured outside production. It is public
 * (it is in this file), so a chain written with it proves nothing against someone with database
 * access; loadEnv refuses it when NODE_ENV=production.
 */
export const DEVELOPMENT_EVENT_CHAIN_KEY = 'development-only-event-chain-key-NOT-SECRET-do-not-use-in-production';

/** The development OpenID Connect provider (tools/oidc-dev) that `npm start` runs; refused in production. */
export const DEVELOPMENT_OIDC_ISSUER = 'http://127.0.0.1:3001';
/** The API's resource identifier: the `aud` its access tokens must carry (RFC 8707 resource indicator). */
export const DEVELOPMENT_OIDC_AUDIENCE = 'urn:anjian:api';

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
  // Deadlines on PostgreSQL calls (docs/idempotency-and-deadlines.md): a statement, and the wait for a connection.
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),

  TEMPORAL_ADDRESS: z.string().min(3).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('anjian-cases'),
  // The API's deadline on each call to Temporal (an update, update-with-start, query, describe).
  TEMPORAL_CALL_TIMEOUT_MS: z.coerce.number().int().min(500).max(600_000).default(15_000),
  // Base URL of the Temporal Web UI (e.g. http://127.0.0.1:8233): GET /cases/{id} links each workflow
  // to <base>/namespaces/<ns>/workflows/<id>; unset = no links. `npm start` sets it to the dev server's UI.
  TEMPORAL_UI_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional()),
  // How long the API remembers an Idempotency-Key and the answer it got.
  IDEMPOTENCY_RETENTION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),

  API_HOST: z.string().default('0.0.0.0'),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /**
   * How long a client may take to send a whole request (headers and body), and its headers alone; past
   * either the API answers 408 and closes the connection (Node's requestTimeout / headersTimeout), so
   * an announced body that never arrives does not hold a connection for Node's default 300 s. 120 s
   * still fits the largest upload (20 MiB) at about 1.4 Mbit/s; raise it for slower links.
   */
  API_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(120_000),
  API_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(300_000).default(20_000),
  /**
   * Which proxies in front of the API to believe about the client's address (X-Forwarded-For), as
   * Express's `trust proxy`: a hop count ('1') or addresses/subnets/names ('10.0.0.0/8, loopback').
   * Unset: trust none, so the per-address rate limit counts the connecting peer (behind a load
   * balancer that is the balancer itself, and everybody shares one limit).
   */
  API_TRUST_PROXY: z
    .string()
    .max(500)
    .regex(/^(\d{1,2}|[0-9A-Za-z.:/, ]+)$/, "a hop count such as '1', or addresses/subnets such as '10.0.0.0/8, loopback'")
    .transform((v) => (/^\d{1,2}$/.test(v) ? Number(v) : v))
    .optional(),

  // Observability (docs/observability.md): traces leave over OTLP/HTTP only when an endpoint is set;
  // the worker serves the Temporal SDK's Prometheus metrics only when an address is set.
  OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional()),
  OTEL_SERVICE_NAME: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).optional()),
  WORKER_METRICS_ADDRESS: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^[^\s:]+:\d{1,5}$/, 'host:port, e.g. 127.0.0.1:9464')
      .optional(),
  ),

  // Identity (docs/identity.md): bearer tokens of these OpenID Connect issuers (comma-separated issuer
  // URLs; each is found through its discovery document and JWKS) for this audience (the API resource).
  // The default is the development provider `npm start` runs; production must name its own issuers.
  OIDC_ISSUERS: z
    .string()
    .default(DEVELOPMENT_OIDC_ISSUER)
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().url()).min(1, 'at least one issuer URL')),
  OIDC_AUDIENCE: z.string().min(1).default(DEVELOPMENT_OIDC_AUDIENCE),
  // Tolerance on exp/nbf/iat for clocks that disagree, in seconds.
  OIDC_CLOCK_SKEW_S: z.coerce.number().int().min(0).max(300).default(30),
  // Longest accepted access-token lifetime, seconds: a token must carry `iat`, may not declare a lifetime
  // (exp − iat) beyond this, and is refused once this long past its `iat` (plus the skew), whatever its
  // `exp` says. 24 h by default (the development provider issues 1 h tokens); 1 min to 7 days.
  OIDC_MAX_TOKEN_AGE_S: z.coerce.number().int().min(60).max(604_800).default(86_400),
  // The claim that names the directory user (users.id); 'sub' for the development provider.
  OIDC_USERNAME_CLAIM: z.string().min(1).default('sub'),
  // Deadline on each call to an issuer (discovery, JWKS); a slower issuer makes the request a 503.
  OIDC_HTTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  // Verified tokens remembered until they expire (5 minutes at most), so a repeated token skips the
  // signature check; 0 verifies every request. The user directory is still read on every request.
  OIDC_TOKEN_CACHE_ENTRIES: z.coerce.number().int().min(0).max(1_000_000).default(10_000),
  // The development provider's port (`npm start`, `npm run token`); it serves http://127.0.0.1:<port>.
  OIDC_DEV_PORT: z.coerce.number().int().min(0).max(65535).default(3001),

  /**
   * Where the attachment store keeps files (content-addressed by SHA-256; docs/projection-and-integrity.md).
   * Relative paths are taken from the working directory; `npm start` keeps its data under data/.
   */
  ATTACHMENTS_DIR: z.string().min(1).default('data/attachments'),

  // Rate limits (docs/access.md, apps/api/src/rate-limit): requests per RATE_LIMIT_WINDOW_S per signed-in
  // user and per client address; 0 switches one off (benchmarks). Defaults: 100/s per user, 200/s per address.
  RATE_LIMIT_PER_USER: z.coerce.number().int().min(0).max(1_000_000).default(6000),
  RATE_LIMIT_PER_IP: z.coerce.number().int().min(0).max(1_000_000).default(12000),
  RATE_LIMIT_WINDOW_S: z.coerce.number().int().min(1).max(3600).default(60),

  /** HMAC key of the case event hash chain (tamper evidence); required in production. */
  EVENT_CHAIN_KEY: z.string().min(32, 'at least 32 characters').default(DEVELOPMENT_EVENT_CHAIN_KEY),
});
export type Env = z.infer<typeof EnvSchema>;

/** Which variables each deployable reads; the compose test checks each service gets them. */
export const ENV_BY_SERVICE = {
  api: [
    'DATABASE_URL',
    'TEMPORAL_ADDRESS',
    'TEMPORAL_NAMESPACE',
    'TEMPORAL_TASK_QUEUE',
    'API_PORT',
    'EVENT_CHAIN_KEY',
    'OIDC_ISSUERS',
    'OIDC_AUDIENCE',
  ],
  worker: ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'TEMPORAL_TASK_QUEUE', 'EVENT_CHAIN_KEY', 'WORKER_METRICS_ADDRESS'],
} as const satisfies Record<string, ReadonlyArray<keyof Env>>;
