import { caseBody, inSeconds } from '../support/fixtures';
import { http } from '../support/http';
import { startTestStack, type TestStack } from '../support/test-stack';

const who = (id: string, role: string, jurisdiction: string) => ({
  'x-actor-id': id,
  'x-actor-role': role,
  'x-actor-jurisdiction': jurisdiction,
});
const SUPERVISOR = who('supervisor@140100', 'supervisor', '140100');
const HEAD = who('head@140100', 'agency_head', '140100');
const PROVINCE_SUPERVISOR = who('approval-supervisor@140000', 'supervisor', '140000');
const OFFICER = who('approval-officer@140105', 'officer', '140105');
const VIEWER = who('viewer@140000', 'viewer', '140000');
const NEIGHBOUR = who('approval-officer@140106', 'officer', '140106');
const COUNTY_SUPERVISOR = who('approval-supervisor@140105', 'supervisor', '140105');
const COUNTY_HEAD = who('approval-head@140105', 'agency_head', '140105');
const PROVINCE_HEAD = who('approval-head@140000', 'agency_head', '140000');

interface PendingApprovalView {
  id: string;
  kind: string;
  mayDecide: boolean;
  approverJurisdiction: string | null;
}

/** Opens a case in 140105 (as `opener`) and asks for an extension of its report deadline (as `asker`): the case and the pending approval. */
async function caseWithExtensionAsked(stack: TestStack, opener: Record<string, string>, asker: Record<string, string>) {
  const opened = await http(stack.baseUrl, 'POST', '/cases', caseBody({ jurisdiction: '140105' }), opener);
  expect(opened.status).toBe(201);
  const id = opened.body.id as string;
  const asked = await http(
    stack.baseUrl,
    'POST',
    `/cases/${id}/procedures/rectification-1/extension`,
    { step: 'report', newDueAt: inSeconds(200 * 86_400), reason: '企业申请延期' },
    asker,
  );
  expect(asked.status).toBe(200);
  const pending = (asked.body.approvals as PendingApprovalView[]).find((a) => a.kind === 'extension')!;
  return { id, pending };
}

/**
 * Who decides an approval is the approval's own business (procedures.md): the supervisor for a
 * closure, extension or listing level, the agency head (负责人) for a transfer (移送), at the level the
 * workflow asked for. The guard reads the pending approval from case_approvals on each request; the
 * rows here are written directly, so that each kind is decided without driving a case that far.
 */
describe('approval decisions: the approver role and level the approval names', () => {
  let stack: TestStack;
  let caseId: string;
  const decide = (approvalId: string, headers: Record<string, string>) =>
    http(stack.baseUrl, 'POST', `/cases/${caseId}/approvals/${approvalId}/decision`, {}, headers);
  const allowed = (r: { status: number }) => ![401, 403, 404].includes(r.status);

  beforeAll(async () => {
    stack = await startTestStack();
    const opened = await http(stack.baseUrl, 'POST', '/cases', caseBody({ jurisdiction: '140105' }), OFFICER);
    expect(opened.status).toBe(201);
    caseId = opened.body.id as string;
    const approvals: [string, string, string, string | null][] = [
      ['acc-closure', 'closure', 'supervisor', null],
      ['acc-transfer', 'transfer', 'agency_head', null],
      ['acc-listing', 'listing_level', 'supervisor', '140000'],
    ];
    for (const [id, kind, role, level] of approvals)
      await stack.db.query(
        `INSERT INTO case_approvals (id, case_id, procedure_id, kind, approver_role, approver_jurisdiction, status, requested_at)
         VALUES ($1, $2, 'rectification-1', $3, $4, $5, 'pending', now())`,
        [id, caseId, kind, role, level],
      );
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('a closure: the supervisor, not the head, not an officer or viewer', async () => {
    expect(allowed(await decide('acc-closure', SUPERVISOR))).toBe(true);
    const statuses = await Promise.all([HEAD, OFFICER, VIEWER].map(async (h) => (await decide('acc-closure', h)).status));
    expect(statuses).toEqual([403, 403, 403]);
  });

  it('a transfer: the agency head only', async () => {
    expect(allowed(await decide('acc-transfer', HEAD))).toBe(true);
    const refused = await decide('acc-transfer', SUPERVISOR);
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toMatch(/agency_head/);
  });

  it('a provincial listing level: a supervisor whose subtree holds 140000, not the city’s', async () => {
    const city = await decide('acc-listing', SUPERVISOR);
    expect(city.status).toBe(403);
    expect(city.body.detail).toMatch(/140000/);
    expect(allowed(await decide('acc-listing', PROVINCE_SUPERVISOR))).toBe(true);
  });

  it('four eyes: the supervisor who requested an extension does not decide it (403, nothing changes); another supervisor does', async () => {
    const { id, pending } = await caseWithExtensionAsked(stack, SUPERVISOR, SUPERVISOR);
    expect(pending.mayDecide).toBe(false);

    const decision = { decision: 'approve', reason: '同意延期' };
    const own = await http(stack.baseUrl, 'POST', `/cases/${id}/approvals/${pending.id}/decision`, decision, SUPERVISOR);
    expect(own.status).toBe(403);
    expect(own.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(own.body.detail).toMatch(/不能审批本人提出的申请 \/ you cannot decide an approval you requested/);
    const row = async () =>
      (
        (await stack.db.query('SELECT status, decided_by FROM case_approvals WHERE case_id = $1 AND id = $2', [id, pending.id])) as {
          status: string;
          decided_by: string | null;
        }[]
      )[0];
    expect(await row()).toEqual({ status: 'pending', decided_by: null });

    const colleague = who('supervisor2@140100', 'supervisor', '140100');
    const seen = await http(stack.baseUrl, 'GET', `/cases/${id}`, undefined, colleague);
    expect((seen.body.approvals as { id: string; mayDecide: boolean }[]).find((a) => a.id === pending.id)!.mayDecide).toBe(true);
    const decided = await http(stack.baseUrl, 'POST', `/cases/${id}/approvals/${pending.id}/decision`, decision, colleague);
    expect(decided.status).toBe(200);
    expect(await row()).toEqual({ status: 'approved', decided_by: 'supervisor2@140100' });
  });

  it('two decisions of one approval at once: one is taken, the other is a 409 approval-decided (not 404)', async () => {
    const { id, pending } = await caseWithExtensionAsked(stack, OFFICER, SUPERVISOR);
    const path = `/cases/${id}/approvals/${pending.id}/decision`;
    const deciders = [who('race-a@140100', 'supervisor', '140100'), who('race-b@140100', 'supervisor', '140100')];
    const answers = await Promise.all([
      http(stack.baseUrl, 'POST', path, { decision: 'approve', reason: '同意延期' }, deciders[0]),
      http(stack.baseUrl, 'POST', path, { decision: 'return', reason: '不同意延期' }, { ...deciders[1], 'idempotency-key': 'race-b-1' }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const winner = answers.findIndex((a) => a.status === 200);
    const loser = answers[1 - winner]!;
    expect(loser.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(loser.body).toMatchObject({ type: '/problems/approval-decided', decision: winner === 0 ? 'approved' : 'returned' });
    const [row] = (await stack.db.query('SELECT status, decided_by FROM case_approvals WHERE case_id = $1 AND id = $2', [
      id,
      pending.id,
    ])) as { status: string; decided_by: string }[];
    expect(row).toEqual({ status: winner === 0 ? 'approved' : 'returned', decided_by: deciders[winner]!['x-actor-id'] });
  });

  it('an approval that names no level is decided at the requester’s level or above: a county supervisor does not decide the city supervisor’s extension (403, audited); the province does', async () => {
    const { id, pending } = await caseWithExtensionAsked(stack, SUPERVISOR, SUPERVISOR);
    expect(pending.approverJurisdiction).toBeNull();
    const mayDecide = async (headers: Record<string, string>) =>
      ((await http(stack.baseUrl, 'GET', `/cases/${id}`, undefined, headers)).body.approvals as { id: string; mayDecide: boolean }[]).find(
        (a) => a.id === pending.id,
      )!.mayDecide;
    expect(await mayDecide(COUNTY_SUPERVISOR)).toBe(false);

    const decision = { decision: 'approve', reason: '同意延期' };
    const below = await http(stack.baseUrl, 'POST', `/cases/${id}/approvals/${pending.id}/decision`, decision, COUNTY_SUPERVISOR);
    expect(below.status).toBe(403);
    expect(below.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(below.body.detail).toBe(
      '该申请由 140100 提出，须由同级或上级审批，140105 不能审批 / this extension approval was requested at 140100: it is decided at that level or above, not at 140105',
    );
    const row = (await stack.db.query('SELECT status, decided_by FROM case_approvals WHERE case_id = $1 AND id = $2', [
      id,
      pending.id,
    ])) as {
      status: string;
      decided_by: string | null;
    }[];
    expect(row).toEqual([{ status: 'pending', decided_by: null }]);
    const denials = (await stack.db.query(
      `SELECT action, after->>'status' AS status FROM admin_changes
       WHERE entity = 'access_denial' AND entity_id = $1 AND actor_id = 'approval-supervisor@140105'`,
      [`case:${id}`],
    )) as { action: string; status: string }[];
    expect(denials).toEqual([{ action: 'approve', status: '403' }]);

    expect(await mayDecide(PROVINCE_SUPERVISOR)).toBe(true);
    const above = await http(stack.baseUrl, 'POST', `/cases/${id}/approvals/${pending.id}/decision`, decision, PROVINCE_SUPERVISOR);
    expect(above.status).toBe(200);
  });

  it('a transfer the city head asked for is not returned by a county head; the process’s own requests, and those of a user gone from the directory, keep the case’s subtree', async () => {
    const rows: [string, string, string, string | null][] = [
      ['acc-transfer-city', 'transfer', 'agency_head', 'head@140100'],
      ['acc-closure-process', 'closure', 'supervisor', null],
      ['acc-suspension-gone', 'suspension', 'supervisor', `gone-${Date.now()}@140100`],
    ];
    for (const [id, kind, role, requestedBy] of rows)
      await stack.db.query(
        `INSERT INTO case_approvals (id, case_id, procedure_id, kind, approver_role, approver_jurisdiction, status, requested_by, requested_at)
         VALUES ($1, $2, 'rectification-1', $3, $4, NULL, 'pending', $5, now())`,
        [id, caseId, kind, role, requestedBy],
      );
    const returned = await decide('acc-transfer-city', COUNTY_HEAD);
    expect(returned.status).toBe(403);
    expect(returned.body.detail).toMatch(/须由同级或上级审批.*this transfer approval was requested at 140100/);
    expect(allowed(await decide('acc-transfer-city', PROVINCE_HEAD))).toBe(true);
    expect(allowed(await decide('acc-closure-process', COUNTY_SUPERVISOR))).toBe(true);
    expect(allowed(await decide('acc-suspension-gone', COUNTY_SUPERVISOR))).toBe(true);
  });

  it('out of reach, every approval of the case does not exist; the refusals are audited', async () => {
    for (const id of ['acc-closure', 'acc-transfer', 'acc-listing']) {
      const r = await decide(id, NEIGHBOUR);
      expect([r.status, r.body.detail]).toEqual([404, `no case ${caseId}`]);
    }
    const rows = (await stack.db.query(
      `SELECT actor_id, action, after->>'status' AS status FROM admin_changes WHERE entity = 'access_denial' AND entity_id = $1 ORDER BY id`,
      [`case:${caseId}`],
    )) as { actor_id: string; action: string; status: string }[];
    expect(rows.filter((r) => r.actor_id === 'approval-officer@140106').map((r) => [r.action, r.status])).toEqual([
      ['approve', '404'],
      ['approve', '404'],
      ['approve', '404'],
    ]);
    expect(rows.some((r) => r.actor_id === 'head@140100' && r.status === '403')).toBe(true);
  });
});
