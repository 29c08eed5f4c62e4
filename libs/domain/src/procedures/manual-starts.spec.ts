import { ProcedureId } from '../catalog/procedure';
import { type ManualStart, manualStartsAllowed } from './procedure-links';

const rules = (manualStarts: Partial<ManualStart>[]) => ({
  manualStarts: manualStarts.map((m) => ({ unlessActive: [], ...m }) as ManualStart),
});

describe('manualStartsAllowed: who may start which procedure by hand, and when', () => {
  it('without rules (links pinned before they existed): any procedure not running', () => {
    expect(manualStartsAllowed({}, { role: 'viewer', active: ['rectification'], completed: [] })).toEqual(
      ProcedureId.options.filter((p) => p !== 'rectification'),
    );
  });

  it('the rule names the roles', () => {
    const links = rules([{ procedure: 'interview', roles: ['officer', 'supervisor'] }]);
    expect(manualStartsAllowed(links, { role: 'officer', active: [], completed: [] })).toEqual(['interview']);
    expect(manualStartsAllowed(links, { role: 'agency_head', active: [], completed: [] })).toEqual([]);
  });

  it('a procedure with no rule cannot be started by hand; a running one is never started twice', () => {
    const links = rules([{ procedure: 'interview', roles: ['officer'] }]);
    expect(manualStartsAllowed(links, { role: 'officer', active: [], completed: [] })).not.toContain('rectification');
    expect(manualStartsAllowed(links, { role: 'officer', active: ['interview'], completed: [] })).toEqual([]);
  });

  it('after: only once one of them completed; unlessActive: not while one runs', () => {
    const links = rules([{ procedure: 'closure', roles: ['officer'], after: ['verification'], unlessActive: ['criminal_transfer'] }]);
    expect(manualStartsAllowed(links, { role: 'officer', active: [], completed: [] })).toEqual([]);
    expect(manualStartsAllowed(links, { role: 'officer', active: ['verification'], completed: [] })).toEqual([]);
    expect(manualStartsAllowed(links, { role: 'officer', active: [], completed: ['verification'] })).toEqual(['closure']);
    expect(manualStartsAllowed(links, { role: 'officer', active: ['criminal_transfer'], completed: ['verification'] })).toEqual([]);
  });
});
