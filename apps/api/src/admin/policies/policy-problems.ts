import { PolicyConflictError } from '@anjian/persistence';
import { Problem, validationProblem } from '../../http/problem';

export const policyNotFound = (version: number) => new Problem(404, 'Not Found', `no policy version ${version}`);

/**
 * The repository's refusals as the API answers them: an overlapping effective period is an invalid
 * `effectiveFrom` (400 on that field); anything else the current data does not allow — editing a
 * published version, a concurrent publish — is a 409.
 */
export function policyProblem(err: unknown): unknown {
  if (!(err instanceof PolicyConflictError)) return err;
  if (err.field === 'effectiveFrom') return validationProblem('body', [{ path: 'body.effectiveFrom', message: err.message }]);
  return new Problem(409, 'Conflict', err.message, {}, '/problems/policy-conflict');
}

export const publishedIsImmutable = (version: number) =>
  new Problem(
    409,
    'Conflict',
    `policy version ${version} is published and can no longer change; create a new draft based on it`,
    {},
    '/problems/policy-conflict',
  );
