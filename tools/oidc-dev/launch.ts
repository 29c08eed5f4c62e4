import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export const PROVIDER_ENTRY = join(__dirname, 'provider.mjs');

export interface DevProviderOptions {
  databaseUrl: string;
  /** 0 = any free port (the tests). */
  port: number;
  /** Where the signing keys live (generated on first start). */
  keysFile: string;
  audience?: string;
  env?: NodeJS.ProcessEnv;
}

export interface RunningDevProvider {
  issuer: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** The environment provider.mjs reads. */
export function devProviderEnv(o: DevProviderOptions): NodeJS.ProcessEnv {
  return {
    ...(o.env ?? process.env),
    DATABASE_URL: o.databaseUrl,
    OIDC_DEV_PORT: String(o.port),
    OIDC_DEV_KEYS_FILE: o.keysFile,
    ...(o.audience ? { OIDC_AUDIENCE: o.audience } : {}),
  };
}

/**
 * Starts the development provider as its own Node process (oidc-provider is ESM-only) and resolves
 * once it prints its ready line, with the issuer it serves. Rejects — with what the process said —
 * if it exits or stays silent for `timeoutMs`.
 */
export function startDevProvider(o: DevProviderOptions, timeoutMs = 30_000): Promise<RunningDevProvider> {
  const child = spawn(process.execPath, [PROVIDER_ENTRY], { env: devProviderEnv(o), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    });
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      void stop();
      reject(new Error(`the development OIDC provider did not start: ${why}\n${stderr.trim()}`));
    };
    const timer = setTimeout(() => fail(`no ready line within ${timeoutMs / 1000} s`), timeoutMs);
    child.once('exit', (code, signal) => fail(`it exited (${signal ?? code})`));
    child.once('error', (err) => fail(err.message));
    child.stdout!.on('data', (c: Buffer) => {
      stdout += c.toString();
      const line = stdout.split('\n').find((l) => l.includes('"ready"'));
      if (!line) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      resolve({ issuer: (JSON.parse(line) as { issuer: string }).issuer, child, stop });
    });
  });
}
