import { type ProcedureId, manualStartsAllowed, type ProcedureLinks, withArticle } from '@anjian/domain';
import { Problem } from '../../http/problem';

/**
 * Which procedures `role` may start by hand on a case now: what the procedure links allow
 * (`manualStarts`: roles, after which completed procedure, not while another runs; never a second
 * instance of a running procedure) among those with a machine. The case workflow applies the same rule
 * to the links the case pinned; this is the API's early answer, from the links in force.
 */
export function startableProcedures(
  links: Pick<ProcedureLinks, 'manualStarts'>,
  role: string,
  procedures: readonly { procedure: string; status: string }[],
  available: (p: ProcedureId) => boolean,
): ProcedureId[] {
  const active = procedures.filter((p) => p.status === 'active').map((p) => p.procedure);
  const completed = procedures.filter((p) => p.status === 'completed').map((p) => p.procedure);
  return manualStartsAllowed(links, { role, active, completed }).filter(available);
}

/** 409: `procedure` is not among what the caller may start now (`allowed`); `detail` says why. */
export function notStartableProblem(procedure: string, allowed: readonly string[], detail: string): Problem {
  return new Problem(
    409,
    'Procedure cannot start now',
    detail,
    { procedure, allowedProcedures: [...allowed] },
    '/problems/procedure-not-startable',
  );
}

/** The API's own refusal, from the links in force. */
export function notStartableFor(procedure: string, role: string, allowed: readonly string[]): Problem {
  return notStartableProblem(
    procedure,
    allowed,
    `${withArticle(role)} may not start ${procedure} on this case now (the procedure links say who may start what, and when; a running procedure is not started twice); startable now: ${allowed.join(', ') || 'none'}`,
  );
}
