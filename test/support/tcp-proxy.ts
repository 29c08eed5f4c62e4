import { createServer, type Server, type Socket, connect } from 'node:net';

export interface TcpProxy {
  /** host:port clients connect to. */
  port: number;
  /** Cuts the link: destroys every open connection and refuses (resets) new ones until restored. */
  cut(): void;
  restore(): void;
  readonly isCut: boolean;
  /** Connections accepted and relayed / refused while cut, since the start. */
  stats(): { relayed: number; refused: number; destroyed: number };
  close(): Promise<void>;
}

/**
 * A TCP relay (node:net) between the system under test and a server, so a test can make the server
 * unreachable without stopping it: `cut()` is what a network partition or a dead database host looks
 * like to the client (connections reset, new connections refused).
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let isCut = false;
  let relayed = 0;
  let refused = 0;
  let destroyed = 0;

  const server: Server = createServer((client) => {
    if (isCut) {
      refused++;
      client.resetAndDestroy();
      return;
    }
    relayed++;
    const upstream = connect(target.port, target.host);
    open.add(client);
    open.add(upstream);
    const drop = () => {
      open.delete(client);
      open.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('tcp proxy: no port');

  return {
    port: address.port,
    get isCut() {
      return isCut;
    },
    cut() {
      isCut = true;
      for (const s of [...open]) {
        destroyed++;
        s.resetAndDestroy();
      }
      open.clear();
    },
    restore() {
      isCut = false;
    },
    stats: () => ({ relayed, refused, destroyed }),
    async close() {
      for (const s of open) s.destroy();
      open.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
