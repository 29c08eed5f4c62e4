import type { Principal } from '../actor/principal';
import {
  accessScope,
  type AccessRequest,
  type ApprovalFacts,
  decideAccess,
  decideCaseAccess,
  decidesAtRequesterLevel,
} from './decide-access';

/** The demo users of issue 12. */
const U: Record<string, Principal> = {
  officer: {
    id: 'officer@140105',
    name: '执法员',
    role: 'officer',
    jurisdiction: '140105',
    sectors: ['industry_trade', 'hazardous_chemicals'],
  },
  officer2: { id: 'officer2@140105', name: '执法员二', role: 'officer', jurisdiction: '140105', sectors: ['fire'] },
  officer106: { id: 'officer@140106', name: '执法员', role: 'officer', jurisdiction: '140106', sectors: ['industry_trade'] },
  allSectors: { id: 'officer3@140105', name: '执法员三', role: 'officer', jurisdiction: '140105', sectors: [] },
  supervisor: { id: 'supervisor@140100', name: '科长', role: 'supervisor', jurisdiction: '140100', sectors: [] },
  head: { id: 'head@140100', name: '局长', role: 'agency_head', jurisdiction: '140100', sectors: [] },
  national: { id: 'admin@000000', name: '管理员', role: 'administrator', jurisdiction: '000000', sectors: [] },
  admin: { id: 'admin@140000', name: '管理员', role: 'administrator', jurisdiction: '140000', sectors: [] },
  viewer: { id: 'viewer@140000', name: '查看', role: 'viewer', jurisdiction: '140000', sectors: [] },
};

const own = { jurisdiction: '140105', sector: 'industry_trade' };
const fire = { jurisdiction: '140105', sector: 'fire' };
const sibling = { jurisdiction: '140106', sector: 'industry_trade' };
const city = { jurisdiction: '140100', sector: 'industry_trade' };
const otherCity = { jurisdiction: '140200', sector: 'industry_trade' };
const otherProvince = { jurisdiction: '650101', sector: 'industry_trade' };

const outcome = (user: string, r: AccessRequest) => {
  const d = decideAccess(U[user]!, r);
  return d.allowed ? 200 : d.status;
};

describe('case access: reach (404) before role (403)', () => {
  // [user, case, read, act, approve(closure), decide transfer, reassign]
  it.each([
    ['officer', own, 200, 200, 403, 403, 403],
    ['officer', fire, 404, 404, 404, 404, 404], // other sector: does not exist for them
    ['officer', sibling, 404, 404, 404, 404, 404],
    ['officer', city, 404, 404, 404, 404, 404], // parent jurisdiction
    ['officer2', fire, 200, 200, 403, 403, 403],
    ['officer2', own, 404, 404, 404, 404, 404],
    ['officer106', sibling, 200, 200, 403, 403, 403],
    ['officer106', own, 404, 404, 404, 404, 404],
    ['allSectors', fire, 200, 200, 403, 403, 403], // [] = all sectors
    ['supervisor', own, 200, 200, 200, 403, 200],
    ['supervisor', fire, 200, 200, 200, 403, 200], // sectors do not narrow a supervisor
    ['supervisor', city, 200, 200, 200, 403, 200],
    ['supervisor', otherCity, 404, 404, 404, 404, 404],
    ['head', own, 200, 200, 403, 200, 200],
    ['head', otherProvince, 404, 404, 404, 404, 404],
    ['viewer', own, 200, 403, 403, 403, 403],
    ['viewer', otherCity, 200, 403, 403, 403, 403],
    ['viewer', otherProvince, 404, 404, 404, 404, 404],
    ['admin', own, 200, 403, 403, 403, 403],
    ['admin', otherProvince, 404, 404, 404, 404, 404],
    ['national', otherProvince, 200, 403, 403, 403, 403],
  ] as const)('%s on %o: read %i, act %i, approve %i, transfer %i, reassign %i', (user, c, read, act, approve, transfer, reassign) => {
    expect([
      outcome(user, { operation: 'read', case: c }),
      outcome(user, { operation: 'act', case: c }),
      outcome(user, { operation: 'approve', case: c, approval: { kind: 'closure' } }),
      outcome(user, { operation: 'decide_transfer', case: c }),
      outcome(user, { operation: 'reassign', case: c }),
    ]).toEqual([read, act, approve, transfer, reassign]);
  });

  it('a missing case is a 404 for everybody, the same as one out of reach', () => {
    for (const user of Object.keys(U)) expect(outcome(user, { operation: 'read', case: null })).toBe(404);
  });

  it.each([
    ['closure', 'supervisor', 200],
    ['extension', 'supervisor', 200],
    ['listing_level', 'supervisor', 200],
    ['transfer', 'supervisor', 403],
    ['closure', 'head', 403],
    ['transfer', 'head', 200],
  ] as const)('approval %s decided by %s → %i', (kind, user, status) => {
    expect(outcome(user, { operation: 'approve', case: own, approval: { kind } })).toBe(status);
  });

  it('the approval as requested: its approver role and level win over the kind', () => {
    const provincial = { kind: 'listing_level', approverRole: 'supervisor', approverJurisdiction: '140000' } as const;
    expect(outcome('supervisor', { operation: 'approve', case: own, approval: provincial })).toBe(403);
    expect(outcome('supervisor', { operation: 'approve', case: own, approval: { ...provincial, approverJurisdiction: '140100' } })).toBe(
      200,
    );
    expect(outcome('head', { operation: 'approve', case: own, approval: { kind: 'closure', approverRole: 'agency_head' } })).toBe(200);
    expect(outcome('supervisor', { operation: 'approve', case: own, approval: { kind: 'closure', approverRole: 'agency_head' } })).toBe(
      403,
    );
  });

  it('four eyes: whoever requested an approval does not decide it; one the process requested, the approver decides', () => {
    const extension = { kind: 'extension', approverRole: 'supervisor' } as const;
    const own = decideAccess(U['supervisor']!, {
      operation: 'approve',
      case: city,
      approval: { ...extension, requestedBy: 'supervisor@140100' },
    });
    expect(own).toEqual({
      allowed: false,
      status: 403,
      reason: expect.stringMatching(/不能审批本人提出的申请.*you cannot decide an approval you requested/),
    });
    expect(outcome('supervisor', { operation: 'approve', case: city, approval: { ...extension, requestedBy: 'officer@140105' } })).toBe(
      200,
    );
    expect(outcome('supervisor', { operation: 'approve', case: city, approval: { ...extension, requestedBy: null } })).toBe(200);
    const transfer = { kind: 'transfer', approverRole: 'agency_head' } as const;
    expect(outcome('head', { operation: 'approve', case: city, approval: { ...transfer, requestedBy: 'head@140100' } })).toBe(403);
  });

  it('an approval that names no level: decided at the requester’s level or above, not below it', () => {
    const county = { ...U['supervisor']!, id: 'supervisor@140105', jurisdiction: '140105' };
    const countyHead = { ...U['head']!, id: 'head@140105', jurisdiction: '140105' };
    const province = { ...U['supervisor']!, id: 'supervisor@140000', jurisdiction: '140000' };
    const peer = { ...U['supervisor']!, id: 'supervisor2@140100' };
    const approve = (who: Principal, approval: ApprovalFacts) => {
      const d = decideAccess(who, { operation: 'approve', case: own, approval });
      return d.allowed ? 200 : d.status;
    };
    // The city supervisor asked for an extension (延期) of a county case: the county supervisor may not decide it.
    const extension = {
      kind: 'extension',
      approverRole: 'supervisor',
      requestedBy: 'supervisor@140100',
      requesterJurisdiction: '140100',
    } as const;
    expect(decideAccess(county, { operation: 'approve', case: own, approval: extension })).toEqual({
      allowed: false,
      status: 403,
      reason:
        '该申请由 140100 提出，须由同级或上级审批，140105 不能审批 / this extension approval was requested at 140100: it is decided at that level or above, not at 140105',
    });
    expect([approve(peer, extension), approve(province, extension)]).toEqual([200, 200]);
    // The city head escalated a transfer (行刑衔接): a county head may not return it; suspension and closure alike.
    const transfer = {
      kind: 'transfer',
      approverRole: 'agency_head',
      requestedBy: 'head@140100',
      requesterJurisdiction: '140100',
    } as const;
    expect(approve(countyHead, transfer)).toBe(403);
    for (const kind of ['suspension', 'closure'] as const) expect(approve(county, { ...extension, kind })).toBe(403);
    // Asked at the county, the county decides (and anyone above it).
    const fromCounty = { ...extension, requestedBy: 'officer@140105', requesterJurisdiction: '140105' };
    expect([approve(county, fromCounty), approve(peer, fromCounty)]).toEqual([200, 200]);
    // The process asked, or the requester left the directory: the case's subtree, as before.
    expect(approve(county, { ...extension, requestedBy: null, requesterJurisdiction: null })).toBe(200);
    expect(approve(county, { ...extension, requestedBy: 'gone@140100', requesterJurisdiction: null })).toBe(200);
    expect(approve(county, { kind: 'extension', approverRole: 'supervisor', requestedBy: 'gone@140100' })).toBe(200);
    // An approval that names its level is bound by that level, not by the requester's.
    const listing = {
      kind: 'listing_level',
      approverRole: 'supervisor',
      approverJurisdiction: '140100',
      requesterJurisdiction: '140000',
    } as const;
    expect(approve(peer, listing)).toBe(200);
    // The pure rule on its own, as the case detail's mayDecide uses it.
    expect(decidesAtRequesterLevel(county, extension).allowed).toBe(false);
    expect(decidesAtRequesterLevel(county, undefined).allowed).toBe(true);
  });

  it('an approval of unknown kind: supervisors and heads pass the guard (the workflow checks the approver role)', () => {
    expect(outcome('supervisor', { operation: 'approve', case: own })).toBe(200);
    expect(outcome('head', { operation: 'approve', case: own })).toBe(200);
    expect(outcome('officer', { operation: 'approve', case: own })).toBe(403);
  });

  it('a refused approver is told the approval kind with its article', () => {
    expect(decideAccess(U['officer']!, { operation: 'approve', case: own, approval: { kind: 'extension' } })).toEqual({
      allowed: false,
      status: 403,
      reason: "role 'officer' may not decide an extension approval (the supervisor decides it)",
    });
  });

  it('extend and escalate: supervisors and heads', () => {
    for (const op of ['extend', 'escalate'] as const) {
      expect(['officer', 'supervisor', 'head', 'viewer', 'admin'].map((u) => outcome(u, { operation: op, case: own }))).toEqual([
        403, 200, 200, 403, 403,
      ]);
    }
  });

  it('decideCaseAccess is the spec B signature and carries the reason', () => {
    const d = decideCaseAccess(U['officer2']!, 'read', own);
    expect(d).toEqual({ allowed: false, status: 404, reason: expect.stringContaining('sector') });
  });
});

describe('opening a case', () => {
  it.each([
    ['officer', own, 200, undefined],
    ['officer', fire, 403, 'body.sector'],
    ['officer', sibling, 403, 'body.jurisdiction'],
    ['supervisor', { jurisdiction: '140107', sector: 'mining' }, 200, undefined],
    ['supervisor', otherCity, 403, 'body.jurisdiction'],
    ['head', own, 403, undefined],
    ['viewer', own, 403, undefined],
    ['national', own, 403, undefined],
  ] as const)('%s opens %o → %i', (user, c, status, path) => {
    const d = decideAccess(U[user]!, { operation: 'open', case: c });
    expect(d.allowed ? 200 : d.status).toBe(status);
    if (!d.allowed) expect(d.path).toBe(path);
  });

  it('a field the body lacks is left to validation', () => {
    expect(decideAccess(U['officer']!, { operation: 'open', case: {} })).toEqual({ allowed: true });
  });
});

describe('area operations and the area they cover', () => {
  it.each([
    // user, worklist, review, export, statistics
    ['officer', 200, 403, 403, 403],
    ['supervisor', 200, 200, 200, 200],
    ['head', 200, 200, 200, 200],
    ['viewer', 200, 200, 200, 200],
    ['admin', 403, 403, 403, 403],
  ] as const)('%s: worklist %i review %i export %i statistics %i', (user, ...expected) => {
    expect((['worklist', 'review', 'export', 'statistics'] as const).map((operation) => outcome(user, { operation }))).toEqual(expected);
  });

  it('lists cover exactly what reachesCase admits: subtree, and for officers their sectors', () => {
    expect(accessScope(U['officer']!)).toEqual({ jurisdictionPrefix: '140105', sectors: ['industry_trade', 'hazardous_chemicals'] });
    expect(accessScope(U['allSectors']!)).toEqual({ jurisdictionPrefix: '140105', sectors: null });
    expect(accessScope(U['supervisor']!)).toEqual({ jurisdictionPrefix: '1401', sectors: null });
    expect(accessScope(U['national']!)).toEqual({ jurisdictionPrefix: '', sectors: null });
    for (const user of Object.keys(U)) {
      const scope = accessScope(U[user]!);
      for (const c of [own, fire, sibling, city, otherCity, otherProvince]) {
        const listed = c.jurisdiction.startsWith(scope.jurisdictionPrefix) && (scope.sectors === null || scope.sectors.includes(c.sector));
        expect([user, c, outcome(user, { operation: 'read', case: c }) !== 404]).toEqual([user, c, listed]);
      }
    }
  });

  it('bulk reassignment: supervisors and heads only', () => {
    expect(['officer', 'supervisor', 'head', 'viewer', 'admin'].map((u) => outcome(u, { operation: 'reassign_many' }))).toEqual([
      403, 200, 200, 403, 403,
    ]);
  });

  it('anybody signed in may ask about themselves', () => {
    for (const user of Object.keys(U)) expect(outcome(user, { operation: 'self' })).toBe(200);
  });
});

describe('administration', () => {
  it.each([
    // user, target user, change → outcome
    ['admin', { jurisdiction: '140105', role: 'officer' }, undefined, 200],
    ['admin', { jurisdiction: '140000', role: 'viewer' }, { jurisdiction: '140106' }, 200],
    ['admin', { jurisdiction: '650101', role: 'officer' }, undefined, 404], // not theirs: does not exist
    ['admin', { jurisdiction: '000000', role: 'administrator' }, undefined, 404],
    ['admin', { jurisdiction: '140105', role: 'officer' }, { jurisdiction: '000000' }, 403], // no national role
    ['admin', { jurisdiction: '140105', role: 'officer' }, { jurisdiction: '650101' }, 403],
    ['admin', null, undefined, 404],
    ['national', { jurisdiction: '650101', role: 'officer' }, { jurisdiction: '000000', role: 'administrator' }, 200],
    ['supervisor', { jurisdiction: '140105', role: 'officer' }, undefined, 403],
    ['viewer', undefined, undefined, 403],
  ] as const)('%s manages %o with change %o → %i', (user, target, change, status) => {
    expect(outcome(user, { operation: 'configure_users', target, change })).toBe(status);
  });

  it('creating a user: only inside the subtree', () => {
    expect(outcome('admin', { operation: 'configure_users', change: { jurisdiction: '140107', role: 'officer' } })).toBe(200);
    expect(outcome('admin', { operation: 'configure_users', change: { jurisdiction: '000000', role: 'administrator' } })).toBe(403);
  });

  it.each([
    ['national', 200, 200, 200, 200],
    ['admin', 200, 403, 200, 403],
    ['supervisor', 403, 403, 403, 403],
    ['officer', 403, 403, 403, 403],
  ] as const)('%s: read jurisdictions %i, add %i, draft policies %i, publish %i', (user, ...expected) => {
    expect([
      outcome(user, { operation: 'read_jurisdictions' }),
      outcome(user, { operation: 'configure_jurisdictions', parent: '140100' }),
      outcome(user, { operation: 'configure_policies' }),
      outcome(user, { operation: 'publish_policy' }),
    ]).toEqual(expected);
  });

  it.each([
    ['national', null, 200],
    ['national', '65', 200],
    ['admin', null, 403],
    ['admin', '14', 200],
    ['admin', '1401', 200],
    ['admin', '65', 403],
    ['supervisor', '14', 403],
  ] as const)('%s edits calendar prefix %s → %i', (user, prefix, status) => {
    expect(outcome(user, { operation: 'configure_calendars', prefix })).toBe(status);
  });
});
