import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DevClient {
  clientId: string;
  clientSecret: string;
  /** The development-only grant type provider.mjs registers. */
  grantType: string;
  /** The API's resource identifier (aud of the tokens). */
  audience: string;
  scope: string;
  accessTokenTtlSeconds: number;
}

/**
 * The development provider's confidential client and its development-only grant, read from the file
 * provider.mjs reads too. The secret is public on purpose: the provider refuses to run in production.
 */
export const DEV_CLIENT: Readonly<DevClient> = JSON.parse(readFileSync(join(__dirname, 'client.json'), 'utf8')) as DevClient;
