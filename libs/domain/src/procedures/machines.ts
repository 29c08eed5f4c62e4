import type { ProcedureId } from '../catalog/procedure';
import { machineAllowedActions, ProcedureMachine, ProcedureState } from './procedure-machine';
import { rectificationMachine } from './rectification/rectification.machine';

/**
 * The registry of pure machines, one per procedure. Until every machine has landed, look a machine up
 * with `machineFor` (it throws for a procedure without one).
 */
export const MACHINES: Partial<Record<ProcedureId, ProcedureMachine>> = {
  rectification: rectificationMachine,
};

export function machineFor(procedure: ProcedureId): ProcedureMachine {
  const machine = MACHINES[procedure];
  if (!machine) throw new Error(`no machine for procedure "${procedure}"`);
  return machine;
}

/** The actions `role` may take now on this procedure instance (what GET /cases/{id} shows the caller). */
export function allowedActionsFor(state: ProcedureState, role: string): string[] {
  return machineAllowedActions(machineFor(state.procedure), state, role);
}
