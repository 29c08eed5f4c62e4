import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Swagger UI's page loads its scripts from /docs (no inline script); it sets inline styles, and shows data: images. */
const DOCS_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";
/** Everything else is JSON: nothing in it may load or run anything. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

const isDocs = (path: string) => path === '/docs' || path.startsWith('/docs/');

/**
 * Headers every answer carries. Case and administrator data must never sit in a shared or browser
 * cache (Cache-Control: no-store), except Swagger UI's static assets; the rest are the free security
 * headers (no MIME sniffing, no framing, no referrer, no cross-origin reads).
 */
export function responseHeaders(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
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
