import { request } from 'node:http';
import { withBearer } from '../support/test-identity';

export interface RawResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  body: any;
}

/**
 * A request written byte for byte with node:http: header values go out as the latin1 bytes of the
 * string (so a test can send raw UTF-8 in a header), and the body exactly as given. x-actor-* headers
 * become a bearer token, as in http().
 */
export function rawRequest(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string | Buffer,
): Promise<RawResult> {
  const url = new URL(path, baseUrl);
  return withBearer(baseUrl, headers).then((sent) => send(url, method, sent, body));
}

function send(url: URL, method: string, headers: Record<string, string>, body?: string | Buffer): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers: { ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          /* not JSON */
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: parsed });
      });
    });
    req.on('error', reject);
    // A string body would make Node write the header block in the body's encoding (UTF-8), not latin1.
    if (body !== undefined) req.end(typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
    else req.end();
  });
}

/** UTF-8 bytes as the latin1 string node:http writes back out as those same bytes. */
export const utf8AsLatin1 = (s: string) => Buffer.from(s, 'utf8').toString('latin1');
