import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { localisedTitle } from './problem-titles';

/**
 * Requests Node's HTTP parser refuses before Express sees them (headers over 16 KiB, a malformed
 * request line): Node would answer a bare 431/400 with an empty body. Answer problem+json instead,
 * like every other refusal, and close the connection (its framing cannot be trusted).
 */
export function answerClientErrorsAsProblems(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, title, detail] = clientErrorAnswer(err.code);
    // No Accept-Language can be read from a request that did not parse: Chinese first, English beside it.
    const body = JSON.stringify({ type: 'about:blank', title: localisedTitle(title, status, 'zh-CN'), status, detail });
    socket.end(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Cache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

export function clientErrorAnswer(code: string | undefined): [number, string, string] {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return [431, 'Request Header Fields Too Large', 'the request line and headers together exceed 16 KiB'];
    case 'ERR_HTTP_REQUEST_TIMEOUT':
    case 'ERR_HTTP_HEADERS_TIMEOUT':
      return [408, 'Request Timeout', 'the request did not arrive in time'];
    default:
      return [400, 'Bad Request', 'the request is not valid HTTP/1.1'];
  }
}
