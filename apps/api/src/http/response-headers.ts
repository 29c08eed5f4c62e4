import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Swagger UI's page loads its scripts from /docs (no inline script); it sets inline styles, and shows data: images. */
const DOCS_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";
/** Everything else is JSON: nothing in it may load or run anything. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

const isDocs = (path: string) => path === '/docs' || path.startsWith('/docs/');
/** Two years, with subdomains: once a browser has seen the API over TLS it never falls back to plain HTTP. */
const HSTS = 'max-age=63072000; includeSubDomains';
/** Nothing the API serves needs a camera, a microphone, a location or payment. */
const PERMISSIONS = 'camera=(), microphone=(), geolocation=(), payment=(), usb=()';

export interface ResponseHeaderOptions {
  /**
   * Send Strict-Transport-Security on every answer: set when TLS ends in front of the API (a proxy
   * that does not say so in X-Forwarded-Proto). Without it HSTS goes only on answers to TLS requests
   * (req.secure), since over plain HTTP the header is meaningless and ignored by browsers.
   */
  hsts?: boolean;
}

/** API_BEHIND_TLS=true: TLS is terminated in front of the API (docs/access.md, Protection). */
export const responseHeaderOptionsFromEnv = (env: Record<string, string | undefined> = process.env): ResponseHeaderOptions => ({
  hsts: env['API_BEHIND_TLS'] === 'true',
});

/**
 * Headers every answer carries. Case and administrator data must never sit in a shared or browser
 * cache (Cache-Control: no-store), except Swagger UI's static assets; the rest are the free security
 * headers (no MIME sniffing, no framing — X-Frame-Options and CSP frame-ancestors —, no referrer, no
 * cross-origin reads, no powerful browser features, HSTS behind TLS).
 */
export function responseHeaders(options: ResponseHeaderOptions = responseHeaderOptionsFromEnv()): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (options.hsts || req.secure) res.setHeader('Strict-Transport-Security', HSTS);
    res.setHeader('Permissions-Policy', PERMISSIONS);
    res.setHeader('X-Permitted-Cross-Domain-Policies', 'none');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Content-Security-Policy', isDocs(req.path) ? DOCS_CSP : API_CSP);
    if (!req.path.startsWith('/docs/assets/')) res.setHeader('Cache-Control', 'no-store');
    next();
  };
}
