import { Connection } from '@temporalio/client';

/**
 * A Temporal connection to a port where nothing listens (127.0.0.1:1), for tests of the API with
 * Temporal down, and how to close it safely.
 *
 * The client's gRPC retry interceptor answers a call at its deadline but may still have a retry
 * scheduled (its backoff is capped at 5 s, ±20 % jitter). Closing the channel before that timer fires
 * makes the timer throw "Channel has been shut down" outside any promise, and Jest reports it against
 * whichever test runs then. So `close()` first waits out the longest backoff.
 */
export function unreachableTemporal(): { connection: Connection; close(): Promise<void> } {
  const connection = Connection.lazy({ address: '127.0.0.1:1', connectTimeout: 500 });
  return {
    connection,
    async close() {
      await new Promise((resolve) => setTimeout(resolve, 6_500));
      await connection.close();
    },
  };
}
