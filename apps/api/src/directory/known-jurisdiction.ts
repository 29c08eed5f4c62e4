import type { DirectoryRepository } from '@anjian/persistence';
import { Problem } from '../http/problem';

/**
 * A jurisdiction a request names must exist in the 行政区划 table, not only have six digits: a typo such
 * as 140199 would open a case nobody's list shows, or count a deadline on a calendar and rules that
 * belong to no real division. 400 naming the field (`body.jurisdiction`, `query.jurisdiction`).
 */
export function unknownJurisdictionProblem(code: string, path: string): Problem {
  return new Problem(
    400,
    'Invalid request',
    `jurisdiction ${code} is not an administrative division (行政区划) known to the directory`,
    { errors: [{ path, message: 'unknown administrative division code (行政区划代码)' }] },
    '/problems/validation',
  );
}

/** Refuses a division the directory does not know; `undefined` (the caller's own, by default) passes. */
export async function assertKnownJurisdiction(directory: DirectoryRepository, code: string | undefined, path: string): Promise<void> {
  if (code !== undefined && !(await directory.jurisdictionExists(code))) throw unknownJurisdictionProblem(code, path);
}
