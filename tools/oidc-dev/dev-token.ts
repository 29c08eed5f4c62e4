import { DEV_CLIENT } from './dev-client';

export interface DevToken {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

const tokenEndpoints = new Map<string, Promise<string>>();

async function tokenEndpoint(issuer: string, timeoutMs: number): Promise<string> {
  let endpoint = tokenEndpoints.get(issuer);
  if (!endpoint) {
    endpoint = (async () => {
      const res = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(timeoutMs) });
      if (!res.ok) throw new Error(`discovery at ${issuer} answered ${res.status}`);
      const doc = (await res.json()) as { token_endpoint?: unknown };
      if (typeof doc.token_endpoint !== 'string') throw new Error(`discovery at ${issuer} names no token_endpoint`);
      return doc.token_endpoint;
    })();
    tokenEndpoints.set(issuer, endpoint);
    endpoint.catch(() => tokenEndpoints.delete(issuer));
  }
  return endpoint;
}

/**
 * An access token for a directory user from the development provider (tools/oidc-dev/provider.mjs),
 * through its development-only grant: no browser, the client authenticates with its (public) secret.
 */
export async function fetchDevToken(issuer: string, username: string, timeoutMs = 10_000): Promise<DevToken> {
  const endpoint = await tokenEndpoint(issuer.replace(/\/$/, ''), timeoutMs);
  const res = await fetch(endpoint, {
    method: 'POST',
    signal: AbortSignal.timeout(timeoutMs),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(DEV_CLIENT.clientId)}:${encodeURIComponent(DEV_CLIENT.clientSecret)}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: DEV_CLIENT.grantType, username, resource: DEV_CLIENT.audience }),
  });
  const body = (await res.json().catch(() => ({}))) as {
    access_token?: string;
    expires_in?: number;
    error?: string;
    error_description?: string;
  };
  if (!res.ok || !body.access_token) {
    const why =
      body.error === 'invalid_grant'
        ? `no active user '${username}' in the directory`
        : `${body.error ?? res.status} ${body.error_description ?? ''}`;
    throw new Error(`the development provider at ${issuer} gave no token: ${why}`);
  }
  return { accessToken: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 60) * 1000 };
}
