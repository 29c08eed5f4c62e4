import { ProcedureId } from '@anjian/domain';
import { Problem } from '../../http/problem';

/**
 * Which procedures an officer may start by hand on a case now: any procedure of the catalog with a
 * machine, except one of which an instance is still active (a case runs one rectification, one
 * interview, … at a time; the pinned links start the follow-ups themselves).
 */
export function startableProcedures(
  active: readonly { procedure: string; status: string }[],
  available: (p: ProcedureId) => boolean,
): ProcedureId[] {
  const running = new Set(active.filter((p) => p.status === 'active').map((p) => p.procedure));
  return ProcedureId.options.filter((p) => available(p) && !running.has(p));
}

export function notStartableProblem(procedure: string, allowed: readonly string[]): Problem {
  return new Problem(
    409,
    'Procedure cannot start now',
    `${procedure} cannot be started on this case now (an instance is still active); startable now: ${allowed.join(', ') || 'none'}`,
    { procedure, allowedProcedures: [...allowed] },
    '/problems/procedure-not-startable',
  );
}
