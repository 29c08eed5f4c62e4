import type { Actor } from '../../actor/actor';
import { ARMED_STEPS } from '../armed-steps';
import {
  ActionRoleNotAllowedError,
  Outcome,
  performAction,
  ProcedureActionNotAllowedError,
  ProcedureMachine,
  ProcedureState,
} from '../procedure-machine';

/** Test fixtures shared by the machines' specs (no clock: every instant is written out). */
export const officer: Actor = { id: 'officer-140105', name: '李执法', role: 'officer', jurisdiction: '140105' };
export const officer2: Actor = { id: 'officer2-140105', name: '赵执法', role: 'officer', jurisdiction: '140105' };
export const supervisor: Actor = { id: 'supervisor-140100', name: '王督办', role: 'supervisor', jurisdiction: '140100' };
export const head = { id: 'head-140100', name: '张局长', role: 'agency_head', jurisdiction: '140100' } as unknown as Actor;
export const viewer: Actor = { id: 'viewer-140000', role: 'viewer', jurisdiction: '140000' };

export const doc = (name = 'scan.pdf') => ({ name, sha256: 'a'.repeat(64), size: 1024 });
export const inspector = { id: 'officer-140105', name: '李执法' };

/** Every deadline a machine arms must be one the policy can resolve (a timed catalog step, ARMED_STEPS). */
function checked(out: Outcome, procedure: ProcedureMachine['procedure']): Outcome {
  for (const req of out.arm) {
    if (!ARMED_STEPS[procedure].includes(req.step)) throw new Error(`${procedure} armed "${req.step}", which is not in ARMED_STEPS`);
  }
  return out;
}

/** A journey through a machine: each step applies an action (checked like the shell checks it). */
export class Journey {
  readonly log: Outcome[] = [];
  constructor(
    readonly machine: ProcedureMachine,
    public state: ProcedureState,
  ) {}

  static start(machine: ProcedureMachine, input: unknown, at: string, actor: Actor = officer, id = `${machine.procedure}-1`): Journey {
    const out = checked(machine.start(id, input, { at, actor }), machine.procedure);
    const j = new Journey(machine, out.state);
    j.log.push(out);
    return j;
  }

  act(action: string, input: unknown, at: string, actor: Actor = officer): Outcome {
    const out = checked(performAction(this.machine, this.state, action, input, { at, actor }), this.machine.procedure);
    this.state = out.state;
    this.log.push(out);
    return out;
  }

  pass(step: string, at: string): Outcome {
    const out = checked(this.machine.deadlinePassed(this.state, step, at), this.machine.procedure);
    this.state = out.state;
    this.log.push(out);
    return out;
  }

  decide(
    approval: Parameters<ProcedureMachine['approvalDecided']>[1],
    decision: 'approved' | 'returned',
    reason: string | null,
    at: string,
    actor: Actor = supervisor,
  ): Outcome {
    const out = checked(this.machine.approvalDecided(this.state, approval, decision, reason, { at, actor }), this.machine.procedure);
    this.state = out.state;
    this.log.push(out);
    return out;
  }

  get last(): Outcome {
    return this.log[this.log.length - 1] as Outcome;
  }
}

export function refusal(fn: () => unknown): ProcedureActionNotAllowedError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ProcedureActionNotAllowedError) return e;
    throw e;
  }
  throw new Error('expected ProcedureActionNotAllowedError');
}

export function roleRefusal(fn: () => unknown): ActionRoleNotAllowedError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ActionRoleNotAllowedError) return e;
    throw e;
  }
  throw new Error('expected ActionRoleNotAllowedError');
}

export const types = (out: Outcome): string[] => out.events.map((e) => e.type);
