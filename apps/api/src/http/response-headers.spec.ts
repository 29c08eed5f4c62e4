import type { Request, Response } from 'express';
import { responseHeaderOptionsFromEnv, responseHeaders } from './response-headers';

function headersFor(path: string, options: Parameters<typeof responseHeaders>[0], secure = false): Record<string, string> {
  const set: Record<string, string> = {};
  const res = { setHeader: (k: string, v: string) => (set[k.toLowerCase()] = v) } as unknown as Response;
  let nexted = false;
  responseHeaders(options)({ path, secure } as Request, res, () => (nexted = true));
  expect(nexted).toBe(true);
  return set;
}

describe('security headers on every answer', () => {
  it('forbids framing, sniffing, referrers, cross-origin reads, browser features and caching', () => {
    const h = headersFor('/cases/x', { hsts: false });
    expect(h).toMatchObject({
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-resource-policy': 'same-origin',
      'cache-control': 'no-store',
      'x-permitted-cross-domain-policies': 'none',
    });
    expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(h['permissions-policy']).toContain('camera=()');
  });

  it('sends HSTS only behind TLS: a TLS request, or API_BEHIND_TLS=true', () => {
    expect(headersFor('/cases', { hsts: false })['strict-transport-security']).toBeUndefined();
    expect(headersFor('/cases', { hsts: false }, true)['strict-transport-security']).toMatch(/^max-age=\d{8}; includeSubDomains$/);
    expect(headersFor('/cases', responseHeaderOptionsFromEnv({ API_BEHIND_TLS: 'true' }))['strict-transport-security']).toBeDefined();
    expect(responseHeaderOptionsFromEnv({})).toEqual({ hsts: false });
  });

  it('lets Swagger UI cache its static assets only', () => {
    expect(headersFor('/docs/assets/swagger-ui.css', {})['cache-control']).toBeUndefined();
  });
});
