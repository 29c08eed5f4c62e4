import type {
  ProcedureCarriedState,
  ProcedureDeadline,
  ProcedurePatchDto,
  ProcedureSnapshot,
  ProcedureWorkflowInput,
} from '@anjian/contracts';
import { Role } from '@anjian/domain/src/actor/actor';
import { machineAllowedActions, type ProcedureMachine, type ProcedureState } from '@anjian/domain/src/procedures/procedure-machine';
import { mostUrgent } from './deadline-timers';

/**
 * Everything a procedure workflow knows, as one immutable value: a transition builds the next value,
 * the workflow projects it, and only then swaps it in (nothing moves when the write fails).
 */
export interface ProcedureRun {
  state: ProcedureState;
  seq: number;
  reportN: number;
  deadlines: ProcedureDeadline[];
  suspension: { since: string; reason: string } | null;
  cancelled: boolean;
  policyVersion: number | null;
  assigneeId: string;
  lastProgressAt: string;
  completedAt: string | null;
}

export function runFromCarried(c: ProcedureCarriedState, wf: ProcedureWorkflowInput): ProcedureRun {
  return {
    state: c.state,
    seq: c.seq,
    reportN: c.reportSeq,
    deadlines: c.deadlines,
    suspension: c.suspension,
    cancelled: c.cancelled,
    policyVersion: c.policyVersion,
    assigneeId: c.assigneeId,
    lastProgressAt: c.lastProgressAt ?? wf.startedAt,
    completedAt: c.completedAt ?? null,
  };
}

export function carry(r: ProcedureRun): ProcedureCarriedState {
  return {
    state: r.state,
    seq: r.seq,
    reportSeq: r.reportN,
    deadlines: r.deadlines,
    suspension: r.suspension,
    cancelled: r.cancelled,
    policyVersion: r.policyVersion,
    assigneeId: r.assigneeId,
    lastProgressAt: r.lastProgressAt,
    completedAt: r.completedAt,
  };
}

export const isActive = (r: ProcedureRun): boolean => r.state.status === 'active' && !r.cancelled;

export function statusOf(r: ProcedureRun): ProcedureSnapshot['status'] {
  return r.cancelled ? 'cancelled' : r.state.status;
}

/** Actions per role; none while suspended or ended (the validator refuses them too). */
export function actionsByRole(machine: ProcedureMachine, r: ProcedureRun): Partial<Record<Role, string[]>> {
  const out: Partial<Record<Role, string[]>> = {};
  if (!isActive(r) || r.suspension) return out;
  for (const role of Role.options) {
    const actions = machineAllowedActions(machine, r.state, role);
    if (actions.length > 0) out[role] = actions;
  }
  return out;
}

export function snapshotOf(machine: ProcedureMachine, wf: ProcedureWorkflowInput, workflowId: string, r: ProcedureRun): ProcedureSnapshot {
  return {
    caseId: wf.caseId,
    procedureId: wf.procedureId,
    procedure: wf.procedure,
    step: r.state.step,
    status: statusOf(r),
    suspended: r.suspension !== null,
    suspension: r.suspension,
    outcome: r.state.outcome,
    deadlines: r.deadlines,
    allowedActions: isActive(r) && !r.suspension ? machineAllowedActions(machine, r.state) : [],
    actionsByRole: actionsByRole(machine, r),
    data: r.state.data,
    workflowId,
    policyVersion: r.policyVersion,
    assigneeId: r.assigneeId,
    seq: r.seq,
  };
}

/** Who the current step waits on: the roles of the actions it allows (officers record the enterprise's steps). */
function awaitingRole(machine: ProcedureMachine, r: ProcedureRun): string | null {
  if (!isActive(r)) return null;
  const fromData = r.state.data['awaitingRole'];
  if (typeof fromData === 'string') return fromData;
  const roles = new Set<string>();
  for (const a of Object.values(machine.actions)) if (a.allowedIn(r.state)) a.roles.forEach((x) => roles.add(x));
  return roles.size > 0 ? [...roles].join(',') : null;
}

export function patchOf(machine: ProcedureMachine, wf: ProcedureWorkflowInput, workflowId: string, r: ProcedureRun): ProcedurePatchDto {
  const urgent = mostUrgent(r.deadlines);
  return {
    procedureId: wf.procedureId,
    procedure: wf.procedure,
    step: r.state.step,
    status: statusOf(r),
    suspended: r.suspension !== null,
    outcome: r.state.outcome,
    deadline: urgent,
    deadlines: r.deadlines,
    dueAt: urgent?.dueAt ?? null,
    overdue: r.deadlines.some((d) => d.overdue),
    awaitingRole: awaitingRole(machine, r),
    assigneeId: r.assigneeId,
    data: { ...r.state.data, deadlines: r.deadlines, suspension: r.suspension },
    workflowId,
    startedAt: wf.startedAt,
    lastProgressAt: r.lastProgressAt,
    completedAt: r.completedAt,
  };
}
