import { ProcedureId } from '../catalog/procedure';
import { actionsByRole, allowedActionsFor, MACHINES, machineFor } from './machines';
import { checkAction, UnknownProcedureActionError } from './procedure-machine';
import { officer } from './testing/procedure-test-kit';

const ctx = { at: '2026-03-02T09:00:00+08:00', actor: officer };
/** The least each machine needs to start (what an officer or a link gives). */
const MINIMAL_START: Record<ProcedureId, Record<string, unknown>> = {
  listed_supervision: { caseJurisdiction: '140105' },
  interview: {},
  rectification: { summary: '限期整改' },
  verification: { basis: 'application' },
  closure: {},
  criminal_transfer: {},
};

describe('MACHINES', () => {
  it('has a machine for every procedure, keyed by its own id', () => {
    expect(Object.keys(MACHINES).sort()).toEqual([...ProcedureId.options].sort());
    for (const [id, machine] of Object.entries(MACHINES)) expect(machine.procedure).toBe(id);
    expect(() => machineFor('nope')).toThrow(/no machine/);
    expect(() => machineFor('constructor')).toThrow(/no machine/);
  });

  for (const id of ProcedureId.options) {
    it(`${id}: starts active, offers only its own actions, names an unknown action, ignores a deadline it did not arm`, () => {
      const machine = MACHINES[id];
      const out = machine.start(`${id}-1`, MINIMAL_START[id], ctx);
      expect(out.state).toMatchObject({ procedureId: `${id}-1`, procedure: id, status: 'active', outcome: null });
      expect(out.events).toHaveLength(1);
      expect(out.state.data['awaitingRole']).toBe(id === 'verification' ? 'supervisor' : 'officer');
      expect(out.events[0]).toMatchObject({ procedure: id, before: null, actor: officer });
      const byRole = actionsByRole(out.state);
      const all = Object.values(byRole).flat();
      expect(all.length).toBeGreaterThan(0);
      for (const a of all) expect(Object.keys(machine.actions)).toContain(a);
      for (const [role, actions] of Object.entries(byRole)) expect(allowedActionsFor(out.state, role)).toEqual(actions);
      expect(allowedActionsFor(out.state, 'viewer')).toEqual([]);
      expect(() => checkAction(machine, out.state, 'toString', 'officer')).toThrow(UnknownProcedureActionError);
      expect(machine.deadlinePassed(out.state, 'no_such_step', ctx.at).events).toEqual([]);
      const ended = { ...out.state, status: 'completed' as const, step: 'completed', outcome: 'x' };
      expect(allowedActionsFor(ended, 'officer')).toEqual([]);
      expect(allowedActionsFor(ended, 'supervisor')).toEqual([]);
    });
  }
});
