import type { ProcedureId } from '../catalog/procedure';
import { machineAllowedActions, ProcedureMachine, ProcedureState } from './procedure-machine';
import { closureMachine } from './closure/closure.machine';
import { criminalTransferMachine } from './criminal-transfer/criminal-transfer.machine';
import { interviewMachine } from './interview/interview.machine';
import { listedSupervisionMachine } from './listed-supervision/listed-supervision.machine';
import { rectificationMachine } from './rectification/rectification.machine';
import { verificationMachine } from './verification/verification.machine';

/** The registry of pure machines, one per procedure (the shell runs `MACHINES[procedure]`). */
export const MACHINES: Readonly<Record<ProcedureId, ProcedureMachine>> = {
  listed_supervision: listedSupervisionMachine,
  rectification: rectificationMachine,
  interview: interviewMachine,
  verification: verificationMachine,
  closure: closureMachine,
  criminal_transfer: criminalTransferMachine,
};

/** The machine of a procedure id read from storage or a request (throws for an unknown one). */
export function machineFor(procedure: string): ProcedureMachine {
  const machine = Object.prototype.hasOwnProperty.call(MACHINES, procedure) ? MACHINES[procedure as ProcedureId] : undefined;
  if (!machine) throw new Error(`no machine for procedure "${procedure}"`);
  return machine;
}

/** The actions `role` may take now on this procedure instance (what GET /cases/{id} shows the caller). */
export function allowedActionsFor(state: ProcedureState, role: string): string[] {
  return machineAllowedActions(machineFor(state.procedure), state, role);
}

const ACTING_ROLES = ['officer', 'supervisor', 'agency_head', 'administrator', 'viewer'] as const;

/** Every action the current step allows, per role that may perform it (roles with none are left out). */
export function actionsByRole(state: ProcedureState): Partial<Record<(typeof ACTING_ROLES)[number], string[]>> {
  const machine = machineFor(state.procedure);
  const out: Partial<Record<(typeof ACTING_ROLES)[number], string[]>> = {};
  for (const role of ACTING_ROLES) {
    const actions = machineAllowedActions(machine, state, role);
    if (actions.length > 0) out[role] = actions;
  }
  return out;
}

/**
 * The shell re-armed deadlines itself (policy or calendar move, 延期 extension) and `stillAhead` lie in the
 * future again: the machine treats them as armed and no longer overdue, so their next passing is an
 * event again and acts recorded before it are not marked late. Pure bookkeeping, no event (the shell
 * records the re-arm).
 */
export function deadlinesRearmed(state: ProcedureState, stillAhead: readonly string[]): ProcedureState {
  const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const armed = list(state.data['armed']);
  const overdue = list(state.data['overdue']);
  const revived = overdue.filter((s) => stillAhead.includes(s));
  if (revived.length === 0) return state;
  return { ...state, data: { ...state.data, armed: [...armed, ...revived], overdue: overdue.filter((s) => !revived.includes(s)) } };
}
