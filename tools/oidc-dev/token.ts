import { fetchDevToken } from './dev-token';

/**
 * `npm run -s token -- <username>` prints a bearer access token of the development provider for a
 * directory user (e.g. officer@140105), for curl and scripts:
 *   TOKEN=$(npm run -s token -- officer@140105)
 *   curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:3000/cases
 * The provider is the one `npm start` runs (http://127.0.0.1:$OIDC_DEV_PORT, default 3001), or OIDC_DEV_ISSUER.
 */
async function main(): Promise<void> {
  const username = process.argv[2];
  if (!username || process.argv.length > 3) {
    process.stderr.write('usage: npm run -s token -- <username>   (e.g. officer@140105; see docs/identity.md)\n');
    process.exit(2);
  }
  const issuer = process.env['OIDC_DEV_ISSUER'] ?? `http://127.0.0.1:${process.env['OIDC_DEV_PORT'] ?? 3001}`;
  try {
    const { accessToken } = await fetchDevToken(issuer, username);
    process.stdout.write(`${accessToken}\n`);
  } catch (err) {
    const e = err as Error & { cause?: Error };
    const reason = e.cause?.message ?? e.message;
    process.stderr.write(`token: ${e.message}${e.cause ? ` (${reason}; is \`npm start\` running?)` : ''}\n`);
    process.exit(1);
  }
}

void main();
