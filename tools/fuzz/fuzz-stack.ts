import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnv } from '@anjian/config';
import { canConnect, createDataSource, dropDatabase } from '@anjian/persistence';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, makeTelemetryFilterString, NativeConnection, Runtime } from '@temporalio/worker';
import pino from 'pino';
import { createApp } from '../../apps/api/src/create-app';
import { createCaseWorker } from '../../apps/worker/src/create-worker';
import { migrateAndSeed } from '../migrate';
import { DEV_CLIENT } from '../oidc-dev/dev-client';
import { startDevProvider } from '../oidc-dev/launch';
import { freePort } from '../stack/free-port';
import { startEmbedded } from '../stack/postgres';
import { startTemporal } from '../stack/temporal';
import { ROOT } from '../stack/temporal-cli';

export interface FuzzStack {
  baseUrl: string;
  describe: string;
  stop(): Promise<void>;
}

const LOCAL_SERVER = 'postgresql://postgres@127.0.0.1:5432/postgres';

/**
 * A throw-away stack for the fuzzer, so that the thousands of junk cases it opens never land in the
 * database `npm start` uses: a fresh database `anjian_fuzz_<pid>_<time>` (dropped at the end) on
 * FUZZ_DATABASE_SERVER_URL → TEST_DATABASE_SERVER_URL → the local server → an embedded PostgreSQL;
 * a Temporal dev server in memory (or TEMPORAL_ADDRESS); the worker and the API in this process.
 */
export async function startFuzzStack(say: (msg: string) => void): Promise<FuzzStack> {
  // The worker's bundling and retry chatter would bury the fuzz report: warnings and errors only.
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN', other: 'ERROR' }), forward: {} } },
  });
  const stops: Array<() => Promise<unknown>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((e: Error) => say(`stop failed: ${e.message}`));
  };
  try {
    const server = process.env['FUZZ_DATABASE_SERVER_URL'] ?? process.env['TEST_DATABASE_SERVER_URL'] ?? LOCAL_SERVER;
    let serverUrl = server;
    if (!(await canConnect(server))) {
      const pg = await startEmbedded(join(process.env['DATA_DIR'] ?? join(ROOT, 'data'), 'pg-fuzz'), await freePort());
      stops.push(pg.stop);
      serverUrl = pg.url;
    }
    const dbUrl = new URL(serverUrl);
    dbUrl.pathname = `/anjian_fuzz_${process.pid}_${Date.now()}`;
    await migrateAndSeed(dbUrl.toString());
    stops.push(() => dropDatabase(dbUrl.toString()));

    const temporalServer = await startTemporal({ port: await freePort() });
    stops.push(temporalServer.stop);

    // The development OIDC provider over this database's directory: the identities' tokens (identities.ts).
    const oidc = await startDevProvider({
      databaseUrl: dbUrl.toString(),
      port: 0,
      keysFile: join(tmpdir(), `anjian-fuzz-jwks-${process.pid}-${Date.now()}.json`),
    });
    stops.push(oidc.stop);
    process.env['FUZZ_OIDC_ISSUER'] = oidc.issuer;
    process.env['FUZZ_DIRECTORY_URL'] = dbUrl.toString();

    const env = loadEnv({
      NODE_ENV: 'test',
      DATABASE_URL: dbUrl.toString(),
      TEMPORAL_ADDRESS: temporalServer.address,
      TEMPORAL_NAMESPACE: temporalServer.namespace,
      TEMPORAL_TASK_QUEUE: `fuzz-${randomUUID()}`,
      API_PORT: '0',
      OIDC_ISSUERS: oidc.issuer,
      OIDC_AUDIENCE: DEV_CLIENT.audience,
    });
    const db = await createDataSource(env.DATABASE_URL, 5).initialize();
    stops.push(() => db.destroy());
    const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
    stops.push(() => connection.close());
    const nativeConnection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
    stops.push(() => nativeConnection.close());

    const worker = await createCaseWorker({
      connection: nativeConnection,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      db,
    });
    const running = worker.run();
    stops.push(async () => {
      worker.shutdown();
      await running;
    });

    const log = pino({ level: process.env['FUZZ_LOG_LEVEL'] ?? 'silent' });
    const app = await createApp({ env, db, temporal: new Client({ connection, namespace: env.TEMPORAL_NAMESPACE }), log });
    await app.listen(0, '127.0.0.1');
    stops.push(() => app.close());
    const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    return {
      baseUrl,
      describe: `database ${dbUrl.pathname.slice(1)}, Temporal ${temporalServer.address} (${temporalServer.source})`,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
