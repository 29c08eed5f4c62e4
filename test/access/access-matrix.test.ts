import { caseBody } from '../support/fixtures';
import { http, type HttpResult } from '../support/http';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * The access matrix (issue 12 "Access"): every operation of the OpenAPI document × each demo user ×
 * each relation of a case to the user (own, parent, child, sibling, other city, other province; own
 * sector, other sector), against the expected outcome written HERE from the rules of docs/access.md —
 * not by calling the policy — so that the policy, the guard and every route's declaration are checked
 * against an independent statement of the rules. Zero leaks: a case out of reach answers 404 exactly
 * like a case that does not exist, and no answer ever contains the id of a case out of the caller's reach.
 *
 * The operations come from /openapi.json, so a route other helpers add later is covered automatically;
 * a route with no rule below fails the test (write its rule when adding it).
 */

type Role = 'officer' | 'supervisor' | 'agency_head' | 'administrator' | 'viewer';
interface User {
  id: string;
  role: Role;
  jurisdiction: string;
  sectors: string[];
}
interface Case {
  key: string;
  jurisdiction: string;
  sector: string;
  id?: string;
}

const USERS: User[] = [
  { id: 'officer@140105', role: 'officer', jurisdiction: '140105', sectors: ['industry_trade', 'hazardous_chemicals'] },
  { id: 'officer2@140105', role: 'officer', jurisdiction: '140105', sectors: ['fire'] },
  { id: 'officer@140106', role: 'officer', jurisdiction: '140106', sectors: ['industry_trade'] },
  { id: 'supervisor@140100', role: 'supervisor', jurisdiction: '140100', sectors: [] },
  { id: 'head@140100', role: 'agency_head', jurisdiction: '140100', sectors: [] },
  { id: 'admin@000000', role: 'administrator', jurisdiction: '000000', sectors: [] },
  { id: 'admin@140000', role: 'administrator', jurisdiction: '140000', sectors: [] },
  { id: 'viewer@140000', role: 'viewer', jurisdiction: '140000', sectors: [] },
];

/** One case per relation to some demo user (district, city and province level; two sectors; another province). */
const CASES: Case[] = [
  { key: '140105/industry_trade', jurisdiction: '140105', sector: 'industry_trade' },
  { key: '140105/fire', jurisdiction: '140105', sector: 'fire' },
  { key: '140106/industry_trade', jurisdiction: '140106', sector: 'industry_trade' },
  { key: '140100/industry_trade', jurisdiction: '140100', sector: 'industry_trade' },
  { key: '140200/industry_trade', jurisdiction: '140200', sector: 'industry_trade' },
  { key: '650101/industry_trade', jurisdiction: '650101', sector: 'industry_trade' },
];

/** Users an administrator manages, one inside 山西 (14) and one outside. */
const TARGET_USERS = [
  { id: 'matrix-target@140107', role: 'officer' as Role, jurisdiction: '140107' },
  { id: 'matrix-target@650101', role: 'officer' as Role, jurisdiction: '650101' },
];

const headersOf = (u: { id: string; role: string; jurisdiction: string; sectors?: string[] }): Record<string, string> => ({
  'x-actor-id': u.id,
  'x-actor-role': u.role,
  'x-actor-jurisdiction': u.jurisdiction,
  ...(u.sectors && u.sectors.length > 0 ? { 'x-actor-sectors': u.sectors.join(',') } : {}),
});

// ---- The rules, stated independently of libs/domain/src/access -------------------------------------

/** 140000 → '14', 140100 → '1401', 140105 → '140105', 000000 → '' (the subtree a code stands for). */
const subtree = (code: string) => code.replace(/(00)+$/, '');
const inSubtree = (userJurisdiction: string, jurisdiction: string) => jurisdiction.startsWith(subtree(userJurisdiction));
/** Officers: their subtree AND their sectors ([] = all); everybody else: their subtree. */
const reaches = (u: User, c: { jurisdiction: string; sector: string }) =>
  inSubtree(u.jurisdiction, c.jurisdiction) && (u.role !== 'officer' || u.sectors.length === 0 || u.sectors.includes(c.sector));

const ALL: Role[] = ['officer', 'supervisor', 'agency_head', 'administrator', 'viewer'];
type CaseOp = 'read' | 'act' | 'approve' | 'extend' | 'reassign' | 'escalate';
const CASE_ROLES: Record<CaseOp, Role[]> = {
  read: ALL,
  // Each procedure action names its own roles too (the machine refuses the others with 409/403).
  act: ['officer', 'supervisor', 'agency_head'],
  // An approval id that does not exist: the guard cannot know its kind, so both approver roles pass it.
  approve: ['supervisor', 'agency_head'],
  extend: ['supervisor', 'agency_head'],
  reassign: ['supervisor', 'agency_head'],
  escalate: ['supervisor', 'agency_head'],
};

type Rule =
  | { kind: 'public' }
  | { kind: 'self' }
  | { kind: 'case'; op: CaseOp }
  | { kind: 'open' }
  | { kind: 'area'; roles: Role[] }
  | { kind: 'admin'; nationalOnly?: boolean }
  | { kind: 'calendar-write' }
  | { kind: 'user-admin' };

const SUPERVISING: Role[] = ['supervisor', 'agency_head', 'viewer'];

/** "METHOD /path/{param}" → rule; the first match wins. */
const RULES: [RegExp, Rule][] = [
  [/^GET \/(health|health\/.*|metrics|openapi\.json|docs.*)$/, { kind: 'public' }],
  [/^POST \/cases$/, { kind: 'open' }],
  [/^GET \/cases$/, { kind: 'area', roles: ['officer', 'supervisor', 'agency_head', 'viewer'] }],
  [/^POST \/cases\/reassignments$/, { kind: 'area', roles: ['supervisor', 'agency_head'] }],
  [/^POST \/cases\/\{id\}\/approvals\/\{[^}]+\}\/decision$/, { kind: 'case', op: 'approve' }],
  [/^POST \/cases\/\{id\}\/(reassign|reassignment|assignee)$/, { kind: 'case', op: 'reassign' }],
  [/^POST \/cases\/\{id\}\/(procedures\/\{[^}]+\}\/)?escalat(e|ion|ions)$/, { kind: 'case', op: 'escalate' }],
  [/^POST \/cases\/\{id\}\/(extend|deadline-extension)$/, { kind: 'case', op: 'extend' }],
  [/^GET \/cases\/\{id\}(\/.*)?$/, { kind: 'case', op: 'read' }],
  [/^(POST|PUT|PATCH|DELETE) \/cases\/\{id\}(\/.*)?$/, { kind: 'case', op: 'act' }],
  [/^GET \/review\/stalled\.(csv|xlsx)$/, { kind: 'area', roles: SUPERVISING }],
  [/^GET \/review\/.*$/, { kind: 'area', roles: SUPERVISING }],
  [/^GET \/statistics.*$/, { kind: 'area', roles: SUPERVISING }],
  [/^(GET|POST) \/me\/.*$/, { kind: 'self' }],
  [/^(GET|POST) \/(deadlines|policies|catalog)(\/.*)?$/, { kind: 'self' }],
  [/^POST \/admin\/policies\/\{[^}]+\}\/publish$/, { kind: 'admin', nationalOnly: true }],
  [/^(GET|POST|PUT|DELETE) \/admin\/policies(\/.*)?$/, { kind: 'admin' }],
  [/^GET \/admin\/calendars(\/.*)?$/, { kind: 'admin' }],
  [/^(PUT|POST) \/admin\/calendars\/\{id\}(\/entries)?$/, { kind: 'calendar-write' }],
  [/^(GET|POST) \/admin\/migrations(\/.*)?$/, { kind: 'admin' }],
  [/^POST \/admin\/calendars\/\{id\}\/migrations$/, { kind: 'admin' }],
  [/^(GET|POST) \/admin\/users$/, { kind: 'admin' }],
  [/^PATCH \/admin\/users\/\{id\}$/, { kind: 'user-admin' }],
  [/^GET \/admin\/jurisdictions$/, { kind: 'admin' }],
  [/^POST \/admin\/jurisdictions$/, { kind: 'admin', nationalOnly: true }],
];

const ruleFor = (signature: string): Rule | undefined => RULES.find(([re]) => re.test(signature))?.[1];

/** Where the case lies for this user, for the report (and to check every relation is covered). */
function relation(u: User, c: Case): string {
  const [uj, cj] = [u.jurisdiction, c.jurisdiction];
  const place =
    uj === cj
      ? 'own'
      : cj.startsWith(subtree(uj))
        ? 'child'
        : uj.startsWith(subtree(cj))
          ? 'parent'
          : uj.slice(0, 2) !== cj.slice(0, 2)
            ? 'other province'
            : subtree(uj).length === subtree(cj).length
              ? 'sibling'
              : 'other city';
  const sector = u.sectors.length === 0 ? 'all sectors' : u.sectors.includes(c.sector) ? 'own sector' : 'other sector';
  return `${place}, ${sector}`;
}

// ---- The document's operations as concrete requests -----------------------------------------------

interface Operation {
  method: string;
  path: string;
  signature: string;
  params: { name: string; in: string; required?: boolean; schema?: { enum?: string[]; example?: string } }[];
  hasBody: boolean;
  /** The first media type the request body is declared with (uploads are not JSON). */
  contentType?: string;
}

function operationsOf(doc: {
  paths: Record<string, Record<string, { parameters?: Operation['params']; requestBody?: unknown }>>;
}): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method];
      if (!op) continue;
      ops.push({
        method: method.toUpperCase(),
        path,
        signature: `${method.toUpperCase()} ${path}`,
        params: op.parameters ?? [],
        hasBody: op.requestBody !== undefined,
        contentType: Object.keys((op.requestBody as { content?: Record<string, unknown> } | undefined)?.content ?? {})[0],
      });
    }
  }
  return ops;
}

/** Query strings that widen a list to everything in the caller's reach (the leak check needs rows to look at). */
const WIDEN: Record<string, string> = { 'GET /cases': '?assignee=any' };

const PARAM_DEFAULTS: Record<string, string> = {
  version: '2147483000',
  procedureId: 'rectification-1',
  approvalId: 'no-such-approval',
  attachmentId: '00000000-0000-4000-8000-000000000000',
};

/** The concrete path: {id} is the case (cases), the managed user (admin/users) or CN-140000 (calendars). */
function concretePath(op: Operation, ids: { caseId?: string; userId?: string }): string {
  return (WIDEN[op.signature] ?? '') === '' ? substitute(op, ids) : `${substitute(op, ids)}${WIDEN[op.signature]}`;
}

function substitute(op: Operation, ids: { caseId?: string; userId?: string }): string {
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (name === 'id' && op.path.startsWith('/cases/')) return ids.caseId!;
    if (name === 'id' && op.path.startsWith('/admin/users/')) return encodeURIComponent(ids.userId!);
    if (name === 'id' && op.path.startsWith('/admin/calendars/')) return 'CN-140000';
    if (name === 'id' && op.path.startsWith('/me/')) return '999999999';
    const enumValue = op.params.find((p) => p.in === 'path' && p.name === name)?.schema?.enum?.[0];
    return encodeURIComponent(enumValue ?? PARAM_DEFAULTS[name] ?? 'x');
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every object in a JSON answer that describes a case: a uuid id (or caseId), a jurisdiction and a sector. */
function caseLikeObjects(body: unknown, out: { id: string; jurisdiction: string; sector: string }[] = []) {
  if (Array.isArray(body)) for (const item of body) caseLikeObjects(item, out);
  else if (body && typeof body === 'object') {
    const o = body as Record<string, unknown>;
    const id = typeof o['id'] === 'string' && UUID.test(o['id']) ? o['id'] : typeof o['caseId'] === 'string' ? o['caseId'] : undefined;
    if (id && typeof o['jurisdiction'] === 'string' && typeof o['sector'] === 'string')
      out.push({ id, jurisdiction: o['jurisdiction'], sector: o['sector'] });
    for (const v of Object.values(o)) caseLikeObjects(v, out);
  }
  return out;
}

// ---- The run ----------------------------------------------------------------------------------------

const isDenied = (r: HttpResult) => r.status === 401 || r.status === 403;
const isCase404 = (r: HttpResult, caseId: string | undefined) =>
  r.status === 404 && typeof r.body?.detail === 'string' && caseId !== undefined && r.body.detail === `no case ${caseId}`;

describe('access matrix: every operation × demo user × relation to the case', () => {
  let stack: TestStack;
  let ops: Operation[];
  const outOfReach = new Map<string, string[]>(); // user id → ids of fixture cases out of their reach
  const failures: string[] = [];
  const seen = new Set<string>();
  let requests = 0;
  /** Case rows the lists answered with (so the check above is not vacuous). */
  let listedCases = 0;

  beforeAll(async () => {
    stack = await startTestStack();
    for (const c of CASES) {
      const opener = { id: `matrix-opener@${c.jurisdiction}`, role: 'officer', jurisdiction: c.jurisdiction };
      const opened = await http(
        stack.baseUrl,
        'POST',
        '/cases',
        caseBody({ jurisdiction: c.jurisdiction, sector: c.sector }),
        headersOf(opener),
      );
      if (opened.status !== 201)
        throw new Error(`could not open the ${c.key} fixture case: ${opened.status} ${JSON.stringify(opened.body)}`);
      c.id = opened.body.id as string;
    }
    // A pending approval for the supervisor and one for the agency head on every case, so that the
    // stalled-case review ("awaiting my approval") lists them too — and could leak them.
    for (const c of CASES)
      for (const [id, kind, role] of [
        ['matrix-closure', 'closure', 'supervisor'],
        ['matrix-transfer', 'transfer', 'agency_head'],
      ])
        await stack.db.query(
          `INSERT INTO case_approvals (id, case_id, procedure_id, kind, approver_role, status, requested_at)
           VALUES ($1, $2, 'rectification-1', $3, $4, 'pending', now())`,
          [id, c.id, kind, role],
        );
    for (const t of TARGET_USERS) {
      // Directory users an administrator may or may not manage (created through the test identity helper).
      await http(stack.baseUrl, 'GET', '/openapi.json', undefined, headersOf(t));
    }
    for (const u of USERS)
      outOfReach.set(
        u.id,
        CASES.filter((c) => !reaches(u, c)).map((c) => c.id!),
      );
    const doc = await http(stack.baseUrl, 'GET', '/openapi.json', undefined, {});
    expect(doc.status).toBe(200);
    ops = operationsOf(doc.body);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function call(u: User, op: Operation, path: string, body: unknown): Promise<HttpResult> {
    requests++;
    // Headers the operation declares as required (and an upload's file name), so that the request is well formed.
    const upload = op.contentType !== undefined && !op.contentType.includes('json');
    const declared = Object.fromEntries(
      op.params
        .filter((p) => p.in === 'header' && (p.required || (upload && p.name.toLowerCase() === 'x-filename')))
        .filter((p) => p.name.toLowerCase() !== 'idempotency-key')
        .map((p) => [p.name, p.schema?.enum?.[0] ?? p.schema?.example ?? 'access-matrix.pdf']),
    );
    const r = upload
      ? await http(stack.baseUrl, op.method, path, '%PDF-1.4 access matrix', {
          ...declared,
          ...headersOf(u),
          'content-type': op.contentType!,
        })
      : await http(stack.baseUrl, op.method, path, op.hasBody || op.method !== 'GET' ? body : undefined, { ...declared, ...headersOf(u) });
    // No answer, to anybody, names a case out of their reach (other than echoing the id they asked for:
    // that answer is checked to be exactly "no case <id>").
    const text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    for (const id of outOfReach.get(u.id)!)
      if (!path.includes(id) && text.includes(id)) failures.push(`${u.id} ${op.method} ${path}: answer contains out-of-reach case ${id}`);
    // Nor any case at all (other test files' cases too) outside their reach: every case-like object in
    // the answer (a uuid id or caseId with a jurisdiction and a sector) must lie within it.
    const seenCases = caseLikeObjects(r.body);
    if (op.path.startsWith('/review') || op.signature === 'GET /cases') listedCases += seenCases.length;
    for (const c of seenCases)
      if (!reaches(u, c)) failures.push(`${u.id} ${op.method} ${path}: answer contains case ${c.id} of ${c.jurisdiction}/${c.sector}`);
    if (r.status >= 500 && r.status !== 503) failures.push(`${u.id} ${op.method} ${path}: ${r.status} ${text.slice(0, 200)}`);
    return r;
  }

  /** Mismatches grouped by user, operation, expectation and answer (one example each), so a run reads at a glance. */
  const grouped = new Map<string, { count: number; example: string }>();
  const fail = (u: User, op: Operation, path: string, what: string, r: HttpResult, expected: string) => {
    const key = `${u.id} ${op.signature}: expected ${expected}, got ${r.status}`;
    const g = grouped.get(key) ?? { count: 0, example: `${path} ${what}: ${JSON.stringify(r.body).slice(0, 160)}` };
    g.count++;
    grouped.set(key, g);
  };

  it('has an expected-outcome rule for every operation of the document', () => {
    const missing = ops.map((o) => o.signature).filter((s) => !ruleFor(s));
    expect(missing).toEqual([]);
    expect(ops.length).toBeGreaterThan(10);
  });

  it('answers every operation as the rules say, with zero leaks', async () => {
    for (const op of ops) {
      const rule = ruleFor(op.signature);
      if (!rule || rule.kind === 'public') continue;
      for (const u of USERS) {
        if (rule.kind === 'case') {
          // Every fixture case, and one that does not exist: out of reach must look exactly like it.
          const ghost = '00000000-0000-4000-8000-00000000dead';
          for (const c of [...CASES, { key: 'no such case', jurisdiction: '999999', sector: 'none', id: ghost }]) {
            const path = concretePath(op, { caseId: c.id });
            const r = await call(u, op, path, {});
            const where = c.id === ghost ? 'no such case' : `${c.key} (${relation(u, c as Case)})`;
            seen.add(where.replace(/^[^(]*\(|\)$/g, ''));
            if (c.id === ghost || !reaches(u, c)) {
              if (!isCase404(r, c.id)) fail(u, op, path, where, r, `404 "no case ${c.id}"`);
            } else if (CASE_ROLES[rule.op].includes(u.role)) {
              if (isDenied(r) || isCase404(r, c.id)) fail(u, op, path, where, r, 'allowed (not 401/403/404 no case)');
            } else if (r.status !== 403) fail(u, op, path, where, r, '403');
          }
        } else if (rule.kind === 'open') {
          for (const c of CASES) {
            // No title: an allowed request stops at validation (400) and opens nothing.
            const r = await call(u, op, op.path, { jurisdiction: c.jurisdiction, sector: c.sector });
            const allowed = (u.role === 'officer' || u.role === 'supervisor') && reaches(u, c);
            if (allowed ? isDenied(r) : r.status !== 403) fail(u, op, op.path, `open ${c.key}`, r, allowed ? 'allowed' : '403');
          }
        } else if (rule.kind === 'user-admin') {
          for (const t of TARGET_USERS) {
            const path = concretePath(op, { userId: t.id });
            const r = await call(u, op, path, {});
            const expected = u.role !== 'administrator' ? '403' : inSubtree(u.jurisdiction, t.jurisdiction) ? 'allowed' : '404';
            const ok = expected === 'allowed' ? !isDenied(r) && r.status !== 404 : r.status === Number(expected);
            if (!ok) fail(u, op, path, `target ${t.id}`, r, expected);
          }
        } else {
          const path = concretePath(op, {});
          const r = await call(u, op, path, {});
          const allowed =
            rule.kind === 'self'
              ? true
              : rule.kind === 'area'
                ? rule.roles.includes(u.role)
                : rule.kind === 'admin'
                  ? u.role === 'administrator' && (!rule.nationalOnly || u.jurisdiction === '000000')
                  : u.role === 'administrator' && inSubtree(u.jurisdiction, '140000'); // calendar-write on CN-140000
          if (allowed ? isDenied(r) : r.status !== 403) fail(u, op, path, rule.kind, r, allowed ? 'allowed' : '403');
        }
      }
    }
    // Every relation the issue names occurred.
    for (const rel of [
      'own, own sector',
      'own, other sector',
      'parent, own sector',
      'sibling, own sector',
      'child, all sectors',
      'other province, own sector',
    ])
      expect([...seen].filter((s) => s === rel)).toEqual([rel]);
    for (const [key, g] of grouped) failures.push(`${key} (×${g.count}; e.g. ${g.example})`);
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(100);
    expect(listedCases).toBeGreaterThan(CASES.length * 3);
    // The size of what was checked, for the record (docs/access.md quotes it).
    console.info(
      `access matrix: ${ops.length} operations × ${USERS.length} users, ${requests} requests (${listedCases} listed case rows checked), 0 mismatches, 0 leaks`,
    );
  });
});
