import type { Server } from 'node:http';

/**
 * Deadlines on receiving a request (Node's http.Server): the whole request within `requestTimeoutMs`,
 * its headers within `headersTimeoutMs` (never more than the whole). Past either, Node emits a
 * clientError (ERR_HTTP_REQUEST_TIMEOUT / ERR_HTTP_HEADERS_TIMEOUT), answered with a 408 problem and
 * the connection closed (client-error.ts): a client announcing a body it never sends (Content-Length:
 * 100, then 9 bytes) no longer holds a connection for Node's default 300 s.
 *
 * Node checks the deadlines every connectionsCheckingInterval (default 30 s): at most 1 s here, so a
 * deadline holds to within a second. Set before listen().
 */
export function applyServerTimeouts(
  server: Server,
  { requestTimeoutMs, headersTimeoutMs }: { requestTimeoutMs: number; headersTimeoutMs: number },
): void {
  server.requestTimeout = requestTimeoutMs;
  server.headersTimeout = Math.min(headersTimeoutMs, requestTimeoutMs);
  // An option of http.createServer, which Nest calls without options; Node reads the property when the
  // server starts listening (http-edge.test.ts holds it to that).
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.min(
    1_000,
    Math.floor(server.headersTimeout / 2),
  );
}
