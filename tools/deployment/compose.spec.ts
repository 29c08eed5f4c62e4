import { ENV_BY_SERVICE } from '@anjian/config';
import { SEARCH_ATTRIBUTES } from '@anjian/contracts/src/search-attributes';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  apiPortProblems,
  type ComposeFile,
  connectionTargetProblems,
  interpolate,
  invalidValues,
  missingVariables,
  parseCompose,
  parseEnvFile,
  serviceEnvironment,
  startupOrderProblems,
  temporalDynamicConfigProblems,
  temporalPersistenceProblems,
} from './compose-checks';
import { TEMPORAL_DYNAMIC_CONFIG } from '../stack/temporal-tuning';

const root = join(__dirname, '..', '..');
const composeText = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
// Interpolated with the documented example settings only (never the developer's shell or .env), so
// a `${VAR:?…}` that .env.example does not document fails here as `docker compose up` would.
const vars = parseEnvFile(readFileSync(join(root, '.env.example'), 'utf8'));
const compose = parseCompose(composeText);
const services = Object.keys(ENV_BY_SERVICE) as Array<keyof typeof ENV_BY_SERVICE>;
/** Services running the application image: the apps plus the one-shot migrate job. */
const appServices = [...services, 'migrate'];

/** A fresh, independently mutable copy of the real compose file. */
const copy = (): ComposeFile => parseCompose(composeText);
const envMap = (c: ComposeFile, service: string) => c.services[service].environment as Record<string, string>;
const readRepoFile = (path: string): string | null => {
  const file = join(root, path);
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
};

describe('docker-compose.yml', () => {
  it.each(services)('provides every variable ENV_BY_SERVICE.%s lists', (service) => {
    expect(missingVariables(compose, service, ENV_BY_SERVICE[service], vars)).toEqual([]);
  });

  it.each(appServices)('gives %s only values EnvSchema accepts', (service) => {
    expect(invalidValues(compose, service, vars)).toEqual([]);
  });

  it.each(appServices)('points %s at the compose postgres and temporal services', (service) => {
    expect(connectionTargetProblems(compose, service, vars)).toEqual([]);
  });

  it.each(services)('starts %s after migrate has completed and with temporal', (service) => {
    expect(startupOrderProblems(compose, service)).toEqual([]);
  });

  it('runs Temporal on the compose PostgreSQL', () => {
    expect(temporalPersistenceProblems(compose, vars)).toEqual([]);
  });

  it('publishes the port the api listens on', () => {
    expect(apiPortProblems(compose, vars)).toEqual([]);
  });

  it("gives Temporal the dev server's dynamic configuration (queue read rates)", () => {
    expect(temporalDynamicConfigProblems(compose, vars, TEMPORAL_DYNAMIC_CONFIG, readRepoFile)).toEqual([]);
  });

  it.each(appServices)('runs an existing TypeScript entry point for %s', (service) => {
    const command = compose.services[service].command;
    expect(Array.isArray(command)).toBe(true);
    const [node, flag, register, entry] = command as string[];
    expect([node, flag, register]).toEqual(['node', '-r', '@swc-node/register']);
    expect(existsSync(join(root, entry))).toBe(true);
  });

  it('registers the search attributes the workflows use on the application namespace', () => {
    const env = serviceEnvironment(compose.services['temporal-namespace'], vars);
    expect(env.get('NAMESPACE')).toBe(serviceEnvironment(compose.services.worker, vars).get('TEMPORAL_NAMESPACE'));
    expect((env.get('SEARCH_ATTRIBUTES') ?? '').split(/\s+/).sort()).toEqual(SEARCH_ATTRIBUTES.map((sa) => sa.name).sort());
    expect(SEARCH_ATTRIBUTES.every((sa) => sa.type === 'KEYWORD')).toBe(true); // registered as Keyword
  });
});

// The checks above pass on the real file; these show each of them fails on a broken copy.
describe('compose checks catch', () => {
  it('a variable added to ENV_BY_SERVICE but not to compose', () => {
    expect(missingVariables(compose, 'api', [...ENV_BY_SERVICE.api, 'NEW_SETTING'], vars)).toEqual(['NEW_SETTING']);
  });

  it('a variable removed from a service (map and list form)', () => {
    const c = copy();
    delete envMap(c, 'worker').TEMPORAL_TASK_QUEUE;
    expect(missingVariables(c, 'worker', ENV_BY_SERVICE.worker, vars)).toEqual(['TEMPORAL_TASK_QUEUE']);
    c.services.api.environment = ['DATABASE_URL=postgresql://anjian:x@postgres:5432/anjian', 'TEMPORAL_ADDRESS', 'API_PORT='];
    expect(missingVariables(c, 'api', ENV_BY_SERVICE.api, vars)).toEqual([
      'TEMPORAL_NAMESPACE',
      'TEMPORAL_TASK_QUEUE',
      'API_PORT',
      'EVENT_CHAIN_KEY',
      'OIDC_ISSUERS',
      'OIDC_AUDIENCE',
    ]);
    delete c.services.worker;
    expect(missingVariables(c, 'worker', ['DATABASE_URL'], vars)).toHaveLength(1);
  });

  it('values the schema rejects', () => {
    const c = copy();
    envMap(c, 'api').DATABASE_URL = 'postgres at port 5432';
    envMap(c, 'api').API_PORT = '99999';
    envMap(c, 'worker').LOG_LEVEL = 'verbose';
    expect(invalidValues(c, 'api', vars)).toEqual([expect.stringMatching(/^DATABASE_URL=/), expect.stringMatching(/^API_PORT=/)]);
    expect(invalidValues(c, 'worker', vars)).toEqual([expect.stringMatching(/^LOG_LEVEL=/)]);
  });

  it('connection settings pointing at localhost', () => {
    const c = copy();
    envMap(c, 'worker').DATABASE_URL = 'postgresql://anjian:x@127.0.0.1:5432/anjian';
    envMap(c, 'worker').TEMPORAL_ADDRESS = 'localhost:7233';
    expect(connectionTargetProblems(c, 'worker', vars)).toHaveLength(2);
  });

  it('an app that does not wait for migrate to complete, or does not depend on temporal', () => {
    const c = copy();
    c.services.api.depends_on = { migrate: { condition: 'service_started' }, temporal: { condition: 'service_healthy' } };
    c.services.worker.depends_on = ['migrate'];
    expect(startupOrderProblems(c, 'api')).toEqual([expect.stringContaining('migrate')]);
    expect(startupOrderProblems(c, 'worker')).toEqual([expect.stringContaining('migrate'), expect.stringContaining('temporal')]);
  });

  it('Temporal without PostgreSQL persistence', () => {
    const c = copy();
    envMap(c, 'temporal').DB = 'sqlite';
    delete envMap(c, 'temporal').POSTGRES_SEEDS;
    c.services.temporal.depends_on = [];
    expect(temporalPersistenceProblems(c, vars).length).toBeGreaterThanOrEqual(3);
    const d = copy();
    d.services.temporal.image = 'temporalio/temporal:latest'; // the CLI dev server (SQLite)
    expect(temporalPersistenceProblems(d, vars)).toHaveLength(1);
  });

  it('a Temporal dynamic configuration that is not mounted, missing, or differs from the dev server', () => {
    const c = copy();
    delete envMap(c, 'temporal').DYNAMIC_CONFIG_FILE_PATH;
    expect(temporalDynamicConfigProblems(c, vars, TEMPORAL_DYNAMIC_CONFIG, readRepoFile)).toEqual([expect.stringContaining('not set')]);
    const d = copy();
    d.services.temporal.volumes = [];
    expect(temporalDynamicConfigProblems(d, vars, TEMPORAL_DYNAMIC_CONFIG, readRepoFile)).toEqual([expect.stringContaining('no volume')]);
    expect(temporalDynamicConfigProblems(compose, vars, TEMPORAL_DYNAMIC_CONFIG, () => null)).toEqual([
      expect.stringContaining('not in the repository'),
    ]);
    const changed = { ...TEMPORAL_DYNAMIC_CONFIG, 'history.transferProcessorMaxPollRPS': 20, 'history.newKey': 1 };
    expect(temporalDynamicConfigProblems(compose, vars, changed, readRepoFile)).toEqual([
      expect.stringContaining('history.transferProcessorMaxPollRPS to 1000, expected 20'),
      expect.stringContaining('history.newKey to undefined'),
    ]);
  });

  it('an api port that is not published', () => {
    const c = copy();
    c.services.api.ports = ['3000:8080'];
    expect(apiPortProblems(c, vars)).toHaveLength(1);
    c.services.api.ports = [{ target: 3000, published: 8080 }];
    expect(apiPortProblems(c, vars)).toEqual([]);
    envMap(c, 'api').API_PORT = '4000';
    expect(apiPortProblems(c, vars)).toHaveLength(1);
  });

  it('a required variable that is not set', () => {
    expect(() => interpolate('postgresql://a:${PW:?set PW}@h/db', {})).toThrow(/PW/);
    expect(interpolate('${PORT:-3000}:3000 $$HOME ${PW}', { PW: 'x' })).toBe('3000:3000 $HOME x');
  });
});
