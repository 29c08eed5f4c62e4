import { ARMED_STEPS } from '@anjian/domain/src/procedures/armed-steps';
import { AWAITING_ROLE } from '@anjian/domain/src/procedures/awaiting-role';
import { MACHINES } from '@anjian/domain/src/procedures/machines';
import { procedures } from './procedures';

/**
 * The machines name catalog steps (the catalog is the source; policy rules key on its step ids):
 * every step an action belongs to exists in the catalog, and every catalog step is done by some
 * action, by the start, by an approval or by the system.
 */
const NOT_AN_ACTION: Record<string, { step: string; why: string }[]> = {
  listed_supervision: [],
  interview: [],
  rectification: [{ step: 'issue_order', why: 'the start of the procedure issues the order' }],
  verification: [{ step: 'request', why: 'the start of the procedure (application received or deadline reached)' }],
  closure: [
    { step: 'approve', why: "the supervisor's decision is the case workflow's approval ('closure')" },
    { step: 'archive', why: 'the approval archives (system)' },
  ],
  criminal_transfer: [
    { step: 'head_decision', why: "the agency head's decision is the case workflow's approval ('transfer')" },
    { step: 'procuratorate_review', why: 'waited on; recorded by record_procuratorate_action' },
  ],
};

describe('machines and the procedure catalog', () => {
  for (const procedure of procedures) {
    const machine = MACHINES[procedure.id];
    const catalogSteps = procedure.steps.map((s) => s.id);

    it(`${procedure.id}: every action belongs to catalog steps`, () => {
      for (const action of Object.values(machine.actions)) {
        expect(action.steps.length).toBeGreaterThan(0);
        for (const step of action.steps)
          expect([procedure.id, action.name, catalogSteps.includes(step) ? step : `unknown step ${step}`]).toEqual([
            procedure.id,
            action.name,
            step,
          ]);
        expect(action.roles.length).toBeGreaterThan(0);
        expect(action.nameZh && action.nameEn).toBeTruthy();
      }
    });

    it(`${procedure.id}: every catalog step is reached by an action, the start, an approval or the system`, () => {
      const covered = new Set([
        ...Object.values(machine.actions).flatMap((a) => a.steps),
        ...NOT_AN_ACTION[procedure.id]!.map((s) => s.step),
      ]);
      expect(catalogSteps.filter((s) => !covered.has(s))).toEqual([]);
    });

    it(`${procedure.id}: every step waits for the catalog's actor, or an officer recording an outside party's act`, () => {
      const expected = Object.fromEntries(
        procedure.steps.map((s) => [s.id, ['officer', 'supervisor', 'agency_head'].includes(s.actorRole) ? s.actorRole : 'officer']),
      );
      expect(AWAITING_ROLE[procedure.id]).toEqual(expected);
    });

    it(`${procedure.id}: arms deadlines for exactly the catalog's timed steps (each has a policy rule)`, () => {
      expect([...ARMED_STEPS[procedure.id]].sort()).toEqual(
        procedure.steps
          .filter((s) => s.timed)
          .map((s) => s.id)
          .sort(),
      );
    });
  }
});
