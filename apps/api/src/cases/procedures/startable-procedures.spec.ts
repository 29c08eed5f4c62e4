import { notStartableFor } from './startable-procedures';

describe('notStartableFor', () => {
  it('names the role with its article and what may start instead', () => {
    const problem = notStartableFor('rectification', 'officer', ['verification']);
    expect(problem).toMatchObject({ status: 409, type: '/problems/procedure-not-startable' });
    expect(problem.detail).toMatch(/^an officer may not start rectification on this case now \(/);
    expect(problem.detail).toMatch(/startable now: verification$/);
    expect(notStartableFor('closure', 'agency_head', []).detail).toMatch(/^an agency_head may not start closure .*startable now: none$/);
    expect(notStartableFor('closure', 'supervisor', []).detail).toMatch(/^a supervisor may not start closure /);
  });
});
