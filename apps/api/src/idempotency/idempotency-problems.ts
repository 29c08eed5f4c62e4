import { Problem } from '../http/problem';

export const keyReusedProblem = (key: string): Problem =>
  new Problem(
    422,
    'Idempotency-Key reused with a different request',
    `Idempotency-Key "${key}" was first used with a different request (method, path or body); use a new key for a new request`,
    { errors: [{ path: 'headers.idempotency-key', message: 'key reused with a different request' }] },
    '/problems/idempotency-key-reused',
  );

export const keyInFlightProblem = (key: string, retryAfterSeconds: number): Problem =>
  new Problem(
    409,
    'Request with this Idempotency-Key still in progress',
    `the first request with Idempotency-Key "${key}" has not finished yet; retry in a moment to get its answer`,
    {},
    '/problems/idempotency-key-in-flight',
  ).withHeaders({ 'Retry-After': String(retryAfterSeconds) });

export const replayRefusedProblem = (): Problem =>
  new Problem(
    403,
    'Forbidden',
    'this Idempotency-Key was first used under another role or jurisdiction; its answer is replayed only to the same identity',
    {},
    '/problems/forbidden',
  );
