import { EnvSchema } from '@anjian/config';
import { parse } from 'yaml';
import type { ZodType } from 'zod';

/**
 * Static checks of docker-compose.yml against the application's configuration schema
 * (libs/config/src/env.schema.ts). Each check returns the problems it found (empty = fine), so the
 * spec can show on altered copies of the file that every check is able to fail.
 */

export interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  ports?: Array<string | number | { target?: number | string; published?: number | string }>;
  volumes?: Array<string | { type?: string; source?: string; target?: string }>;
}
export interface ComposeFile {
  services: Record<string, ComposeService>;
}

export function parseCompose(text: string): ComposeFile {
  // `<<: *anchor` merge keys are part of the Compose file format.
  const doc = parse(text, { merge: true }) as ComposeFile | null;
  if (!doc || typeof doc !== 'object' || !doc.services) throw new Error('docker-compose.yml has no services');
  return doc;
}

/** `KEY=value` lines of an env file (as .env / .env.example); comments and blanks skipped. */
export function parseEnvFile(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (m && !line.trimStart().startsWith('#')) vars[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return vars;
}

/**
 * Compose variable interpolation: `$$`, `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}`. A required variable that is unset
 * throws, as `docker compose` refuses to start.
 */
export function interpolate(value: string, vars: Record<string, string | undefined>): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match, braced, op, arg, bare) => {
      if (match === '$$') return '$';
      const name: string = braced ?? bare;
      const raw = vars[name];
      const set = raw !== undefined;
      const nonEmpty = set && raw !== '';
      switch (op) {
        case undefined:
          return raw ?? '';
        case ':-':
          return nonEmpty ? raw : arg;
        case '-':
          return set ? raw : arg;
        case ':?':
        case '?':
          if (op === ':?' ? !nonEmpty : !set) throw new Error(`required variable ${name} is not set: ${arg}`);
          return raw as string;
        case ':+':
          return nonEmpty ? arg : '';
        case '+':
          return set ? arg : '';
        default:
          throw new Error(`unsupported interpolation ${match}`);
      }
    },
  );
}

/**
 * A service's environment as a map (list or map form), interpolated. A bare `KEY` list entry or a
 * null map value passes the host's variable through: provided, but its value is not known here.
 */
export function serviceEnvironment(service: ComposeService, vars: Record<string, string | undefined>): Map<string, string | undefined> {
  const env = new Map<string, string | undefined>();
  const raw = service.environment ?? {};
  const entries: Array<[string, unknown]> = Array.isArray(raw)
    ? raw.map((line) => {
        const eq = line.indexOf('=');
        return eq < 0 ? [line, null] : [line.slice(0, eq), line.slice(eq + 1)];
      })
    : Object.entries(raw);
  for (const [key, value] of entries) {
    env.set(key, value === null || value === undefined ? undefined : interpolate(String(value), vars));
  }
  return env;
}

/** Variables a service needs that its `environment` does not provide (or provides empty). */
export function missingVariables(
  compose: ComposeFile,
  serviceName: string,
  needed: readonly string[],
  vars: Record<string, string | undefined>,
): string[] {
  const service = compose.services[serviceName];
  if (!service) return [...needed].map((name) => `${name} (service "${serviceName}" is missing)`);
  const env = serviceEnvironment(service, vars);
  return needed.filter((name) => !env.has(name) || env.get(name) === '');
}

const schemaFields: Record<string, ZodType | undefined> = EnvSchema.shape;

/** Values of a service's environment that EnvSchema rejects, field by field and as a whole. */
export function invalidValues(compose: ComposeFile, serviceName: string, vars: Record<string, string | undefined>): string[] {
  const service = compose.services[serviceName];
  if (!service) return [`service "${serviceName}" is missing`];
  const env = serviceEnvironment(service, vars);
  const problems: string[] = [];
  const known: Record<string, string> = {};
  for (const [key, value] of env) {
    const field = schemaFields[key];
    if (!field || value === undefined) continue; // not read by the apps, or passed through from the host
    known[key] = value;
    const parsed = field.safeParse(value);
    if (!parsed.success) problems.push(`${key}=${JSON.stringify(value)}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  const whole = EnvSchema.safeParse(known);
  if (!whole.success && problems.length === 0) problems.push(...whole.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  return problems;
}

export function dependencies(service: ComposeService): Map<string, string> {
  const deps = service.depends_on ?? [];
  if (Array.isArray(deps)) return new Map(deps.map((name) => [name, 'service_started']));
  return new Map(Object.entries(deps).map(([name, spec]) => [name, spec?.condition ?? 'service_started']));
}

/** Problems with how `serviceName` waits for the one-shot `migrate` job and for Temporal. */
export function startupOrderProblems(compose: ComposeFile, serviceName: string): string[] {
  const service = compose.services[serviceName];
  if (!service) return [`service "${serviceName}" is missing`];
  const deps = dependencies(service);
  const problems: string[] = [];
  if (!compose.services['migrate']) problems.push('there is no "migrate" service');
  if (deps.get('migrate') !== 'service_completed_successfully') {
    problems.push(
      `${serviceName} must depend on migrate with condition service_completed_successfully (has ${deps.get('migrate') ?? 'none'})`,
    );
  }
  if (!deps.has('temporal')) problems.push(`${serviceName} must depend on temporal`);
  return problems;
}

/** Problems with Temporal's persistence: it must use the compose PostgreSQL, not an embedded store. */
export function temporalPersistenceProblems(compose: ComposeFile, vars: Record<string, string | undefined>): string[] {
  const temporal = compose.services['temporal'];
  if (!temporal) return ['there is no "temporal" service'];
  const problems: string[] = [];
  if (!/^(docker\.io\/)?temporalio\/(auto-setup|server)(:|$)/.test(temporal.image ?? '')) {
    problems.push(`temporal image ${temporal.image ?? '(none)'} is not temporalio/server or temporalio/auto-setup`);
  }
  const env = serviceEnvironment(temporal, vars);
  if (!/^postgres(12|12_pgx)$/.test(env.get('DB') ?? ''))
    problems.push(`temporal DB=${env.get('DB') ?? '(unset)'} is not a PostgreSQL driver`);
  for (const name of ['DB_PORT', 'POSTGRES_USER', 'POSTGRES_PWD', 'POSTGRES_SEEDS']) {
    if (!env.get(name)) problems.push(`temporal ${name} is not set`);
  }
  const seeds = env.get('POSTGRES_SEEDS') ?? '';
  const db = compose.services[seeds];
  if (!db) problems.push(`temporal POSTGRES_SEEDS=${seeds} is not a compose service`);
  else if (!/^(docker\.io\/)?(library\/)?postgres(:|$)/.test(db.image ?? ''))
    problems.push(`POSTGRES_SEEDS service ${seeds} is not a postgres image`);
  if (dependencies(temporal).get(seeds) !== 'service_healthy')
    problems.push(`temporal must depend on ${seeds} with condition service_healthy`);
  return problems;
}

/**
 * The Temporal service reads its dynamic configuration from a file of this repository
 * (DYNAMIC_CONFIG_FILE_PATH, bind-mounted), and that file sets each `expected` key to its value.
 * `readRepoFile` reads a path relative to the compose file (the spec passes the real file system).
 */
export function temporalDynamicConfigProblems(
  compose: ComposeFile,
  vars: Record<string, string | undefined>,
  expected: Readonly<Record<string, number>>,
  readRepoFile: (path: string) => string | null,
): string[] {
  const temporal = compose.services['temporal'];
  if (!temporal) return ['there is no "temporal" service'];
  const target = serviceEnvironment(temporal, vars).get('DYNAMIC_CONFIG_FILE_PATH');
  if (!target) return ['temporal DYNAMIC_CONFIG_FILE_PATH is not set'];
  const mount = (temporal.volumes ?? [])
    .map((v) => (typeof v === 'string' ? { source: v.split(':')[0], target: v.split(':')[1] } : v))
    .find((v) => v.target === target);
  if (!mount?.source) return [`no volume of the temporal service mounts ${target}`];
  const text = readRepoFile(mount.source);
  if (text === null) return [`${mount.source} (mounted at ${target}) is not in the repository`];
  const doc = (parse(text) ?? {}) as Record<string, Array<{ value?: unknown; constraints?: unknown }> | undefined>;
  return Object.entries(expected).flatMap(([key, value]) => {
    const unconstrained = (doc[key] ?? []).find((v) => v.constraints === undefined || Object.keys(v.constraints ?? {}).length === 0);
    return unconstrained?.value === value ? [] : [`${mount.source} sets ${key} to ${String(unconstrained?.value)}, expected ${value}`];
  });
}

/** Container ports a service publishes (short or long syntax). */
export function publishedContainerPorts(service: ComposeService, vars: Record<string, string | undefined>): number[] {
  return (service.ports ?? []).flatMap((port) => {
    if (typeof port === 'object') return port.published === undefined ? [] : [Number(port.target)];
    const spec = interpolate(String(port), vars).replace(/\/(tcp|udp)$/, '');
    const parts = spec.split(':');
    if (parts.length < 2) return []; // a bare container port is exposed on a random host port only
    return [Number(parts[parts.length - 1])];
  });
}

/** The api must publish the port it listens on (API_PORT, or the schema's default). */
export function apiPortProblems(compose: ComposeFile, vars: Record<string, string | undefined>): string[] {
  const api = compose.services['api'];
  if (!api) return ['there is no "api" service'];
  const env = serviceEnvironment(api, vars);
  const port = EnvSchema.shape.API_PORT.parse(env.get('API_PORT'));
  const published = publishedContainerPorts(api, vars);
  return published.includes(port) ? [] : [`api listens on API_PORT=${port} but publishes container ports [${published.join(', ')}]`];
}

/** Connection settings must point at services of this compose file, not at localhost. */
export function connectionTargetProblems(compose: ComposeFile, serviceName: string, vars: Record<string, string | undefined>): string[] {
  const service = compose.services[serviceName];
  if (!service) return [`service "${serviceName}" is missing`];
  const env = serviceEnvironment(service, vars);
  const problems: string[] = [];
  const dbUrl = env.get('DATABASE_URL');
  if (dbUrl !== undefined) {
    const host = URL.canParse(dbUrl) ? new URL(dbUrl).hostname : '';
    if (!compose.services[host]) problems.push(`${serviceName} DATABASE_URL host "${host}" is not a compose service`);
  }
  const temporal = env.get('TEMPORAL_ADDRESS');
  if (temporal !== undefined) {
    const host = temporal.replace(/:\d+$/, '');
    if (!compose.services[host]) problems.push(`${serviceName} TEMPORAL_ADDRESS host "${host}" is not a compose service`);
  }
  return problems;
}
