import type { Role } from '../actor/actor';
import { coversJurisdiction, isNational, jurisdictionScope } from '../actor/access';
import type { Principal } from '../actor/principal';
import type { ApprovalKind } from '../procedures/procedure-machine';
import { withArticle } from '../text/article';

/**
 * The one access policy (issue 12 "Access"): role × jurisdiction subtree (行政区划) × sector, for every
 * operation the API offers. Pure: the guard (apps/api/src/access) feeds it the caller from the user
 * directory and the facts of the case from PostgreSQL, and turns a refusal into 404 or 403.
 *
 * Two questions, always in this order:
 * 1. Reach — is the thing inside the caller's area? Officers reach cases of their own code's subtree
 *    AND of their sectors ([] = all sectors); everybody else their subtree. Out of reach → 404: the
 *    case (or user) does not exist for them, so its existence does not leak.
 * 2. Role — inside their reach, may this role do this? No → 403.
 */

/** Operations on one existing case: the route names the case (and the guard loads its facts). */
export const CASE_OPERATIONS = ['read', 'act', 'approve', 'decide_transfer', 'extend', 'reassign', 'escalate'] as const;
export type CaseScopedOperation = (typeof CASE_OPERATIONS)[number];

/** Operations over the caller's whole area: lists and figures, filtered by accessScope (the same reach rule). */
export const SCOPE_OPERATIONS = ['worklist', 'review', 'export', 'statistics', 'reassign_many'] as const;
export type ScopeOperation = (typeof SCOPE_OPERATIONS)[number];

/** Administration (系统管理): users, jurisdictions, deadline policies, calendars, case migrations. */
export const CONFIG_OPERATIONS = [
  'configure_users',
  'read_jurisdictions',
  'configure_jurisdictions',
  'configure_policies',
  'publish_policy',
  'configure_calendars',
  'migrate_cases',
] as const;
export type ConfigOperation = (typeof CONFIG_OPERATIONS)[number];

/** Every operation a route may declare. 'open' creates a case; 'self' is anything about the caller alone. */
export type AccessOperation = CaseScopedOperation | 'open' | ScopeOperation | ConfigOperation | 'self';

export interface CaseFacts {
  jurisdiction: string;
  sector: string;
}

export type Decision = { allowed: true } | { allowed: false; status: 404 | 403; reason: string; path?: string };

/**
 * The approval being decided, as the case workflow requested it: its kind fixes the approver role
 * (APPROVER) unless the request named one; `approverJurisdiction` (optional) says at which level it is
 * decided (a province-level listing is delisted by the province), so the caller's subtree must contain it.
 * An approval that names no level is decided at its requester's level or above (decidesAtRequesterLevel).
 */
export interface ApprovalFacts {
  kind: ApprovalKind | string;
  approverRole?: Role;
  approverJurisdiction?: string | null;
  /** Who asked for it (user id); null or absent: the process itself (a machine's or a link's request). */
  requestedBy?: string | null;
  /**
   * The requester's jurisdiction as the user directory has it now; null or absent when the process
   * asked, or the requester is no longer in the directory.
   */
  requesterJurisdiction?: string | null;
}

export interface CaseAccessRequest {
  operation: CaseScopedOperation;
  case: CaseFacts | null;
  /** The approval decided ('approve'); unknown → supervisors and heads pass, the workflow checks the rest. */
  approval?: ApprovalFacts;
}

export type AccessRequest =
  | CaseAccessRequest
  /** The case to be opened, as the body describes it (a field the body lacks is not judged here). */
  | { operation: 'open'; case: { jurisdiction?: string; sector?: string } }
  | { operation: ScopeOperation | 'self' | 'read_jurisdictions' | 'configure_policies' | 'migrate_cases' | 'publish_policy' }
  /** `parent`: where a new jurisdiction goes. */
  | { operation: 'configure_jurisdictions'; parent?: string }
  /** `prefix`: the calendar's jurisdiction prefix (null = the national calendar 'CN'). */
  | { operation: 'configure_calendars'; prefix?: string | null }
  /**
   * `target`: the user as stored (null = no such user); `change`: what the user would become
   * (creating: the new user; changing: role/jurisdiction after the change).
   */
  | { operation: 'configure_users'; target?: { jurisdiction: string; role: Role } | null; change?: { jurisdiction?: string; role?: Role } };

/** Who may do what once the thing is within reach. Approvals: see APPROVER. */
export const ROLES_FOR: Record<Exclude<AccessOperation, 'approve' | 'decide_transfer'>, readonly Role[]> = {
  read: ['officer', 'supervisor', 'agency_head', 'viewer', 'administrator'],
  open: ['officer', 'supervisor'],
  // Coarse: each procedure action then names its own roles (ActionSpec.roles; the machine refuses others).
  act: ['officer', 'supervisor', 'agency_head'],
  extend: ['supervisor', 'agency_head'],
  reassign: ['supervisor', 'agency_head'],
  escalate: ['supervisor', 'agency_head'],
  worklist: ['officer', 'supervisor', 'agency_head', 'viewer'],
  review: ['supervisor', 'agency_head', 'viewer'],
  export: ['supervisor', 'agency_head', 'viewer'],
  statistics: ['supervisor', 'agency_head', 'viewer'],
  // Bulk reassignment: the role here; each case then decided as 'reassign' (a case out of reach is a per-case 404).
  reassign_many: ['supervisor', 'agency_head'],
  configure_users: ['administrator'],
  read_jurisdictions: ['administrator'],
  configure_jurisdictions: ['administrator'],
  configure_policies: ['administrator'],
  publish_policy: ['administrator'],
  configure_calendars: ['administrator'],
  migrate_cases: ['administrator'],
  self: ['officer', 'supervisor', 'agency_head', 'viewer', 'administrator'],
};

/** Who decides an approval (procedures.md): the supervisor (科室负责人), except a transfer (移送): the agency head (负责人). */
export const APPROVER: Record<ApprovalKind, Role> = {
  closure: 'supervisor',
  extension: 'supervisor',
  listing_level: 'supervisor',
  suspension: 'supervisor',
  transfer: 'agency_head',
};

const ALLOW: Decision = { allowed: true };
const notFound = (reason: string): Decision => ({ allowed: false, status: 404, reason });
const forbidden = (reason: string, path?: string): Decision => ({ allowed: false, status: 403, reason, ...(path ? { path } : {}) });

/** Whether the case lies in the caller's area: their subtree, and for officers also their sectors. */
export function reachesCase(p: Principal, c: CaseFacts): Decision {
  if (!coversJurisdiction(p.jurisdiction, c.jurisdiction))
    return notFound(`case jurisdiction ${c.jurisdiction} is outside ${p.jurisdiction}'s subtree`);
  if (p.role === 'officer' && p.sectors.length > 0 && !p.sectors.includes(c.sector))
    return notFound(`case sector ${c.sector} is not among the officer's sectors`);
  return ALLOW;
}

/**
 * The area lists and statistics cover for this caller — the same reach as reachesCase, as a filter
 * (SQL: jurisdiction LIKE prefix || '%' AND (sectors IS NULL OR sector = ANY(sectors))). Used by
 * worklist/visibility-scope.ts, so lists and single-case decisions cannot drift apart.
 */
export function accessScope(p: Pick<Principal, 'role' | 'jurisdiction' | 'sectors'>): {
  jurisdictionPrefix: string;
  sectors: string[] | null;
} {
  return {
    jurisdictionPrefix: jurisdictionScope(p.jurisdiction),
    sectors: p.role === 'officer' && p.sectors.length > 0 ? [...p.sectors] : null,
  };
}

/** What an operation is, in a refusal's words ("role 'viewer' may not act on cases"). */
const DOING: Record<Exclude<AccessOperation, 'approve' | 'decide_transfer' | 'open'>, string> = {
  read: 'read cases',
  act: 'act on cases',
  extend: 'extend deadlines',
  reassign: 'reassign cases',
  escalate: 'escalate cases',
  worklist: 'use the worklist',
  review: 'review stalled cases',
  export: 'export case lists',
  statistics: 'read statistics',
  reassign_many: 'reassign cases',
  configure_users: 'manage users',
  read_jurisdictions: 'read the jurisdictions table',
  configure_jurisdictions: 'manage jurisdictions',
  configure_policies: 'manage deadline policies',
  publish_policy: 'publish policy versions',
  configure_calendars: 'manage calendars',
  migrate_cases: 'migrate cases',
  self: 'use the API',
};

const roleMayNot = (p: Principal, what: string) => forbidden(`role '${p.role}' may not ${what}`);

/**
 * Four eyes (审批须由申请人以外的人作出): whoever asked for an approval does not decide it, whatever
 * their role. An approval the process asked for itself (requestedBy null) is decided by the approver
 * role as usual. Also applied by the decision route's own check and by `mayDecide` in the case detail.
 */
export function decidesOwnRequest(p: Pick<Principal, 'id'>, a: Pick<ApprovalFacts, 'requestedBy'> | undefined): Decision {
  if (a?.requestedBy && a.requestedBy === p.id)
    return forbidden(
      '不能审批本人提出的申请 / you cannot decide an approval you requested: another approver must decide it (four-eyes principle)',
    );
  return ALLOW;
}

/**
 * Not below the requester (同级或上级审批): an approval that names no level (approverJurisdiction null:
 * an extension 延期, suspension 中止, closure 销号 or transfer 行刑衔接) is decided by an approver whose
 * jurisdiction covers the requester's — the requester's own level or above — so a county official does
 * not decide what the city asked for. Requested by the process itself, or by a user no longer in the
 * directory (requesterJurisdiction null or absent): the case's subtree (reach) is the only bound, as
 * before. An approval that names its level is bound by that level instead. Also applied by `mayDecide`
 * in the case detail.
 */
export function decidesAtRequesterLevel(
  p: Pick<Principal, 'jurisdiction'>,
  a: Pick<ApprovalFacts, 'kind' | 'approverJurisdiction' | 'requesterJurisdiction'> | undefined,
): Decision {
  const at = a?.requesterJurisdiction;
  if (!a || a.approverJurisdiction || !at || coversJurisdiction(p.jurisdiction, at)) return ALLOW;
  return forbidden(
    `该申请由 ${at} 提出，须由同级或上级审批，${p.jurisdiction} 不能审批 / this ${a.kind} approval was requested at ${at}: it is decided at that level or above, not at ${p.jurisdiction}`,
  );
}

function decideApproval(p: Principal, a: ApprovalFacts | undefined): Decision {
  const approver = a?.approverRole ?? (a ? APPROVER[a.kind as ApprovalKind] : undefined);
  if (!approver) return p.role === 'supervisor' || p.role === 'agency_head' ? ALLOW : roleMayNot(p, 'decide approvals');
  if (p.role !== approver) return roleMayNot(p, `decide ${withArticle(a!.kind)} approval (the ${approver} decides it)`);
  if (a?.approverJurisdiction && !coversJurisdiction(p.jurisdiction, a.approverJurisdiction))
    return forbidden(`this ${a.kind} approval is decided at ${a.approverJurisdiction}, above ${p.jurisdiction}`);
  const level = decidesAtRequesterLevel(p, a);
  if (!level.allowed) return level;
  return decidesOwnRequest(p, a);
}

function decideCase(p: Principal, r: CaseAccessRequest): Decision {
  if (!r.case) return notFound('no such case');
  const reach = reachesCase(p, r.case);
  if (!reach.allowed) return reach;
  if (r.operation === 'approve' || r.operation === 'decide_transfer')
    return decideApproval(p, r.operation === 'decide_transfer' ? { kind: 'transfer' } : r.approval);
  return ROLES_FOR[r.operation].includes(p.role) ? ALLOW : roleMayNot(p, DOING[r.operation]);
}

function decideOpen(p: Principal, c: { jurisdiction?: string; sector?: string }): Decision {
  if (!ROLES_FOR.open.includes(p.role)) return roleMayNot(p, 'open cases');
  // Not a hidden thing but the caller's own request: refusing it says only what the caller sent.
  if (c.jurisdiction !== undefined && !coversJurisdiction(p.jurisdiction, c.jurisdiction))
    return forbidden(`jurisdiction ${c.jurisdiction} is outside your jurisdiction ${p.jurisdiction}`, 'body.jurisdiction');
  if (c.sector !== undefined && p.role === 'officer' && p.sectors.length > 0 && !p.sectors.includes(c.sector))
    return forbidden(`sector ${c.sector} is not among your sectors (${p.sectors.join(', ')})`, 'body.sector');
  return ALLOW;
}

/**
 * Users: an administrator manages users inside their own subtree only (a user outside does not exist
 * for them: 404), and may neither place a user outside it nor create a national role (000000 lies
 * outside every regional subtree; only a national administrator reaches it).
 */
function decideUsers(p: Principal, r: Extract<AccessRequest, { operation: 'configure_users' }>): Decision {
  if (p.role !== 'administrator') return roleMayNot(p, 'manage users');
  if (r.target === null) return notFound('no such user');
  if (r.target && !coversJurisdiction(p.jurisdiction, r.target.jurisdiction))
    return notFound(`user jurisdiction ${r.target.jurisdiction} is outside ${p.jurisdiction}'s subtree`);
  const to = r.change?.jurisdiction;
  if (to !== undefined && !coversJurisdiction(p.jurisdiction, to))
    return forbidden(`jurisdiction ${to} is outside your jurisdiction ${p.jurisdiction}`, 'body.jurisdiction');
  return ALLOW;
}

export function decideAccess(p: Principal, r: AccessRequest): Decision {
  switch (r.operation) {
    case 'open':
      return decideOpen(p, r.case);
    case 'configure_users':
      return decideUsers(p, r);
    case 'configure_jurisdictions':
      if (p.role !== 'administrator') return roleMayNot(p, 'manage jurisdictions');
      // The 行政区划 tree is national data: only a national administrator adds to it.
      return isNational(p.jurisdiction) ? ALLOW : forbidden('only a national administrator (国家级管理员, 000000) adds jurisdictions');
    case 'publish_policy':
      if (p.role !== 'administrator') return roleMayNot(p, 'publish policy versions');
      // A published version applies nationwide.
      return isNational(p.jurisdiction)
        ? ALLOW
        : forbidden(
            `publishing a policy version applies it nationwide, so a national administrator (国家级管理员, jurisdiction 000000) must publish it; the caller is an administrator for ${p.jurisdiction}, who may write drafts but not publish them`,
          );
    case 'configure_calendars': {
      if (p.role !== 'administrator') return roleMayNot(p, 'manage calendars');
      if (r.prefix === undefined) return ALLOW;
      if (!r.prefix)
        return isNational(p.jurisdiction)
          ? ALLOW
          : forbidden("the national calendar 'CN' is national: only a national administrator changes it");
      return r.prefix.startsWith(jurisdictionScope(p.jurisdiction))
        ? ALLOW
        : forbidden(`calendar prefix '${r.prefix}' is outside your jurisdiction ${p.jurisdiction}`);
    }
    case 'read':
    case 'act':
    case 'approve':
    case 'decide_transfer':
    case 'extend':
    case 'reassign':
    case 'escalate':
      return decideCase(p, r);
    default:
      return ROLES_FOR[r.operation].includes(p.role) ? ALLOW : roleMayNot(p, DOING[r.operation]);
  }
}

/** The signature spec B names: one case-scoped operation on a case (null = no such case). */
export function decideCaseAccess(
  p: Principal,
  operation: CaseScopedOperation,
  caseFacts: CaseFacts | null,
  approval?: ApprovalFacts,
): Decision {
  return decideAccess(p, { operation, case: caseFacts, approval });
}
