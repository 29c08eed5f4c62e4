import { ProcedureId } from '../catalog/procedure';
import { machineAllowedActions, ProcedureMachine, ProcedureState } from './procedure-machine';

/* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, see LOAD below */
/**
 * How to load each procedure's machine. A machine is required on first use, not imported: workflow
 * code evaluates its modules again for every new workflow (the SDK's per-workflow module state), and
 * a machine's zod schemas are most of that cost (docs/benchmarks-transitions.md). A procedure
 * workflow needs its own machine only; the case workflow needs one only when it starts a procedure.
 */
const LOAD: { readonly [P in ProcedureId]: () => ProcedureMachine } = {
  listed_supervision: () =>
    (require('./listed-supervision/listed-supervision.machine') as typeof import('./listed-supervision/listed-supervision.machine'))
      .listedSupervisionMachine,
  rectification: () =>
    (require('./rectification/rectification.machine') as typeof import('./rectification/rectification.machine')).rectificationMachine,
  interview: () => (require('./interview/interview.machine') as typeof import('./interview/interview.machine')).interviewMachine,
  verification: () =>
    (require('./verification/verification.machine') as typeof import('./verification/verification.machine')).verificationMachine,
  closure: () => (require('./closure/closure.machine') as typeof import('./closure/closure.machine')).closureMachine,
  criminal_transfer: () =>
    (require('./criminal-transfer/criminal-transfer.machine') as typeof import('./criminal-transfer/criminal-transfer.machine'))
      .criminalTransferMachine,
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** The registry of pure machines, one per procedure (the shell runs `MACHINES[procedure]`); each loads on first read. */
export const MACHINES: Readonly<Record<ProcedureId, ProcedureMachine>> = Object.freeze(
  Object.defineProperties(
    {} as Record<ProcedureId, ProcedureMachine>,
    Object.fromEntries(
      ProcedureId.options.map((id) => {
        let machine: ProcedureMachine | undefined;
        return [id, { enumerable: true, get: () => (machine ??= LOAD[id]()) }];
      }),
    ),
  ),
);

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
