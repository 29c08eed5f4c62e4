import type { ProcedureId } from '../catalog/procedure';
import { machineAllowedActions, ProcedureMachine, ProcedureState } from './procedure-machine';
import { closureMachine } from './closure/closure.machine';
import { criminalTransferMachine } from './criminal-transfer/criminal-transfer.machine';
import { interviewMachine } from './interview/interview.machine';
import { listedSupervisionMachine } from './listed-supervision/listed-supervision.machine';
import { rectificationMachine } from './rectification/rectification.machine';
import { verificationMachine } from './verification/verification.machine';

/**
 * The registry of pure machines, one per procedure. Until every machine has landed, look a machine up
 * with `machineFor` (it throws for a procedure without one).
 */
export const MACHINES: Partial<Record<ProcedureId, ProcedureMachine>> = {
  listed_supervision: listedSupervisionMachine,
  rectification: rectificationMachine,
  interview: interviewMachine,
  verification: verificationMachine,
  closure: closureMachine,
  criminal_transfer: criminalTransferMachine,
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
