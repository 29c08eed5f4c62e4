import { type ActionSpec, MACHINES, type ProcedureId, type ProcedureMachine } from '@anjian/domain';
import { Problem } from '../../http/problem';

/** The machine of a procedure (every catalog procedure has one once the machines have landed). */
export function machineOf(procedure: string): ProcedureMachine | undefined {
  return MACHINES[procedure as ProcedureId];
}

/**
 * The action a route names, or 404 listing the procedure's actions: an unknown action is a resource
 * that does not exist (the OpenAPI document has one path per action), and the list tells the caller
 * what does.
 */
export function actionSpecOf(procedure: string, action: string, procedureId: string): ActionSpec {
  const machine = machineOf(procedure);
  const spec = machine && Object.prototype.hasOwnProperty.call(machine.actions, action) ? machine.actions[action] : undefined;
  if (!spec) throw unknownActionProblem(procedureId, action, machine ? Object.keys(machine.actions) : []);
  return spec;
}

export function unknownActionProblem(procedureId: string, action: string, actions: readonly string[]): Problem {
  return new Problem(
    404,
    'Not Found',
    `procedure ${procedureId} has no action "${action}"; its actions: ${actions.join(', ') || 'none'}`,
    { action, actions: [...actions] },
    '/problems/unknown-action',
  );
}

/** Display names of an action, for the case detail. */
export function actionNames(procedure: string, action: string): { nameZh: string; nameEn: string } | undefined {
  const spec = machineOf(procedure)?.actions[action];
  return spec ? { nameZh: spec.nameZh, nameEn: spec.nameEn } : undefined;
}
