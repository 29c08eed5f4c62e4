import { Writable } from 'node:stream';
import pino from 'pino';
import { LOG_REDACTION } from './log-redaction';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvZmZpY2VyQDE0MDEwNSJ9.c2lnbmF0dXJl';

function capture(): { lines: string[]; log: pino.Logger } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, log: pino({ redact: LOG_REDACTION }, sink) };
}

describe('log redaction: no token in any log line', () => {
  it.each([
    ['a request', { req: { method: 'GET', url: '/cases', headers: { authorization: `Bearer ${TOKEN}`, cookie: `session=${TOKEN}` } } }],
    ['bare headers', { headers: { authorization: `Bearer ${TOKEN}` } }],
    ['an HTTP client error', { err: { message: 'boom', config: { headers: { authorization: `Bearer ${TOKEN}` } } } }],
    ['a token response', { body: { access_token: TOKEN, id_token: TOKEN, refresh_token: TOKEN } }],
    ['a token field', { token: TOKEN, nested: { token: TOKEN, password: 'hunter2' } }],
  ])('%s', (_what, payload) => {
    const { lines, log } = capture();
    log.warn(payload, 'something happened');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(TOKEN.split('.')[1]);
    expect(lines[0]).not.toContain('hunter2');
    expect(lines[0]).toContain('[redacted]');
  });
});
