import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { freePort } from '../../tools/stack/free-port';
import { startTemporal } from '../../tools/stack/temporal';

/** `npm start`'s Temporal keeps its SQLite file: a case's workflow is still there after a restart. */
describe('Temporal dev server persistence', () => {
  const dir = mkdtempSync(join(tmpdir(), 'anjian-temporal-'));
  chmodSync(dir, 0o755);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function withServer<T>(port: number, fn: (client: Client) => Promise<T>): Promise<T> {
    const server = await startTemporal({ port, dbFilename: join(dir, 'temporal.sqlite') });
    const connection = await Connection.connect({ address: server.address });
    try {
      return await fn(new Client({ connection, namespace: server.namespace }));
    } finally {
      await connection.close();
      await server.stop();
    }
  }

  it('finds a running workflow again after the server restarts', async () => {
    const port = await freePort();
    const workflowId = `persist-${Date.now()}`;
    await withServer(port, (client) => client.workflow.start('rectificationWorkflow', { taskQueue: 'nobody-polls', workflowId, args: [] }));
    const status = await withServer(port, async (client) => (await client.workflow.getHandle(workflowId).describe()).status.name);
    expect(status).toBe('RUNNING');
  });
});
