import { execFileSync } from 'node:child_process';
import { ProcedureId } from '../catalog/procedure';
import { actionsByRole, allowedActionsFor, deadlinesRearmed, MACHINES, machineFor } from './machines';
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

describe('deadlinesRearmed', () => {
  it('makes an overdue step armed again when the shell moved its deadline ahead, so its next passing is an event', () => {
    const m = MACHINES.closure;
    const proposed = m.actions['propose']!.apply(
      m.start('closure-1', {}, ctx).state,
      {
        summary: '申请销号',
        verification: { result: 'passed', inspector: { id: 'i-1', name: '李' }, checkedAt: ctx.at, summary: '合格' },
        attachments: [{ name: 'a.pdf', sha256: 'b'.repeat(64), size: 1 }],
      },
      ctx,
    ).state;
    const passed = m.deadlinePassed(proposed, 'approve', '2026-03-10T00:00:00+08:00').state;
    expect(m.deadlinePassed(passed, 'approve', '2026-03-10T00:00:01+08:00').events).toEqual([]);
    expect(deadlinesRearmed(passed, ['report'])).toBe(passed);
    const revived = deadlinesRearmed(passed, ['approve']);
    expect(revived.data).toMatchObject({ armed: ['approve'], overdue: [] });
    expect(m.deadlinePassed(revived, 'approve', '2026-03-20T00:00:00+08:00').events.map((e) => e.type)).toEqual(['deadline_passed']);
  });
});

describe('MACHINES loads each machine on first use', () => {
  // Workflow code evaluates its modules again for every new workflow: importing the registry must not
  // build six machines' schemas when a procedure workflow needs one (docs/benchmarks-transitions.md).
  it('importing the registry evaluates no machine module; reading one evaluates that one only', () => {
    const script = `
      const loaded = () => Object.keys(require.cache).filter((k) => /\\.machine\\.ts$/.test(k)).map((k) => k.split('/').pop()).sort();
      const { MACHINES } = require('./libs/domain/src/procedures/machines');
      const before = loaded();
      const procedure = MACHINES.interview.procedure;
      console.log(JSON.stringify({ before, after: loaded(), procedure }));`;
    const out = execFileSync(process.execPath, ['-r', '@swc-node/register', '-e', script], {
      cwd: `${__dirname}/../../../..`,
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual({ before: [], after: ['interview.machine.ts'], procedure: 'interview' });
  });
});
