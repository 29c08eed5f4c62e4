import { DeadlineConfigurationError } from '@anjian/activities';
import { isOutsideSupportedRange } from '@anjian/deadlines';
import { Problem, validationProblem } from '../http/problem';

/**
 * Errors from computing a deadline, as the API answers them. A policy version the caller named that
 * does not exist, or a date outside what the engine represents (1992–2100), is the caller's input: 400
 * on that field. Missing policy or calendar data otherwise is a 422: the request is well formed, but
 * the configuration cannot answer it.
 */
export function deadlineProblem(err: unknown, paths: { start?: string; version?: string } = {}): unknown {
  if (err instanceof DeadlineConfigurationError) {
    if (paths.version && /policy version \d+ does not exist/.test(err.message)) {
      return validationProblem(paths.version.split('.')[0]!, [{ path: paths.version, message: err.message }]);
    }
    return new Problem(422, 'Deadline cannot be computed', err.message, {}, '/problems/deadline-configuration');
  }
  // 'leaves the supported range' / 'No working day after … in range': a period that runs past 2100.
  if (paths.start && isOutsideSupportedRange(err)) {
    return validationProblem(paths.start.split('.')[0]!, [{ path: paths.start, message: err.message }]);
  }
  return err;
}
