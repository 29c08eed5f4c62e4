import { openCaseAsLocalOfficer } from '../support/fixtures';
import { http } from '../support/http';
import { tokenFor } from '../support/test-identity';
import { startTestStack, type TestStack } from '../support/test-stack';

const demo = (id: string, role: string, jurisdiction: string) => ({
  'x-actor-id': id,
  'x-actor-role': role,
  'x-actor-jurisdiction': jurisdiction,
});
const SHANXI_ADMIN = demo('admin@140000', 'administrator', '140000');
const NATIONAL_ADMIN = demo('admin@000000', 'administrator', '000000');
const SUPERVISOR = demo('supervisor@140100', 'supervisor', '140100');

/**
 * Administrators manage the user directory (issue 12 "Administrators"): inside their own subtree only,
 * with a reason, audited with before/after, and a change applies to the user's very next request
 * (authentication and access read the directory on every request — the same token, new rights).
 */
describe('administrator API: users and jurisdictions', () => {
  let stack: TestStack;
  const bearer = async (id: string) => ({ authorization: `Bearer ${await tokenFor(id)}` });
  const auditOf = (entity: string, entityId: string) =>
    stack.db.query('SELECT action, actor_id, reason, before, after FROM admin_changes WHERE entity = $1 AND entity_id = $2 ORDER BY id', [
      entity,
      entityId,
    ]) as Promise<{ action: string; actor_id: string; reason: string; before: any; after: any }[]>;

  beforeAll(async () => {
    stack = await startTestStack();
    // Someone outside 山西, for the regional administrator not to see or touch.
    await http(stack.baseUrl, 'GET', '/catalog/sectors', undefined, demo('ua-outsider@650101', 'officer', '650101'));
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('lists only users inside the caller’s subtree; other roles get 403', async () => {
    const regional = await http(stack.baseUrl, 'GET', '/admin/users', undefined, SHANXI_ADMIN);
    expect(regional.status).toBe(200);
    const ids = regional.body.map((u: { id: string }) => u.id) as string[];
    expect(ids).toEqual(expect.arrayContaining(['officer@140105', 'supervisor@140100', 'admin@140000']));
    expect(regional.body.every((u: { jurisdiction: string }) => u.jurisdiction.startsWith('14'))).toBe(true);
    expect(ids).not.toContain('ua-outsider@650101');
    const narrowed = await http(stack.baseUrl, 'GET', '/admin/users?jurisdiction=140105&role=officer', undefined, SHANXI_ADMIN);
    expect(narrowed.body.map((u: { id: string }) => u.id)).toEqual(expect.arrayContaining(['officer@140105', 'officer2@140105']));
    expect(narrowed.body.every((u: { jurisdiction: string; role: string }) => u.jurisdiction === '140105' && u.role === 'officer')).toBe(
      true,
    );
    expect((await http(stack.baseUrl, 'GET', '/admin/users?jurisdiction=650000', undefined, SHANXI_ADMIN)).body).toEqual([]);
    const national = await http(stack.baseUrl, 'GET', '/admin/users', undefined, NATIONAL_ADMIN);
    expect(national.body.map((u: { id: string }) => u.id)).toContain('ua-outsider@650101');
    expect((await http(stack.baseUrl, 'GET', '/admin/users', undefined, SUPERVISOR)).status).toBe(403);
  });

  it('creates, moves, re-sectors, disables and enables a user, each effective on the next request and audited', async () => {
    const opened = await openCaseAsLocalOfficer(stack.baseUrl, { jurisdiction: '140106', sector: 'industry_trade' });
    expect(opened.status).toBe(201);
    const caseId = opened.body.id as string;
    const id = 'ua-officer@140107';

    const created = await http(
      stack.baseUrl,
      'POST',
      '/admin/users',
      { id, name: '王执法', role: 'officer', jurisdiction: '140107', sectors: ['industry_trade'], reason: '新入职执法人员' },
      SHANXI_ADMIN,
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id, role: 'officer', jurisdiction: '140107', sectors: ['industry_trade'], active: true });
    const again = await http(
      stack.baseUrl,
      'POST',
      '/admin/users',
      { id, name: '王执法', role: 'officer', jurisdiction: '140107', reason: 'x' },
      SHANXI_ADMIN,
    );
    expect(again.status).toBe(409);

    const token = await bearer(id);
    const read = () => http(stack.baseUrl, 'GET', `/cases/${caseId}`, undefined, token);
    expect((await read()).status).toBe(404); // 140106 is not theirs
    const moved = await http(
      stack.baseUrl,
      'PATCH',
      `/admin/users/${id}`,
      { jurisdiction: '140106', reason: '调往万柏林区' },
      SHANXI_ADMIN,
    );
    expect(moved.status).toBe(200);
    expect((await read()).status).toBe(200); // same token, new jurisdiction
    await http(stack.baseUrl, 'PATCH', `/admin/users/${id}`, { sectors: ['fire'], reason: '改管消防' }, SHANXI_ADMIN);
    expect((await read()).status).toBe(404); // another sector now
    const disabled = await http(stack.baseUrl, 'PATCH', `/admin/users/${id}`, { active: false, reason: '离职' }, SHANXI_ADMIN);
    expect(disabled.body.active).toBe(false);
    expect((await http(stack.baseUrl, 'GET', '/catalog/sectors', undefined, token)).status).toBe(403);
    await http(stack.baseUrl, 'PATCH', `/admin/users/${id}`, { active: true, sectors: [], reason: '返聘' }, SHANXI_ADMIN);
    expect((await read()).status).toBe(200);

    const audit = await auditOf('user', id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update', 'disable', 'enable']);
    expect(audit.map((a) => a.reason)).toEqual(['新入职执法人员', '调往万柏林区', '改管消防', '离职', '返聘']);
    expect(audit.every((a) => a.actor_id === 'admin@140000')).toBe(true);
    expect(audit[0]!.before).toBeNull();
    expect([audit[1]!.before.jurisdiction, audit[1]!.after.jurisdiction]).toEqual(['140107', '140106']);
    expect([audit[3]!.before.active, audit[3]!.after.active]).toEqual([true, false]);
  });

  it('keeps a regional administrator inside their subtree: no national role, nobody outside, no hidden users', async () => {
    const national = await http(
      stack.baseUrl,
      'POST',
      '/admin/users',
      { id: 'ua-usurper@000000', name: '越权', role: 'administrator', jurisdiction: '000000', reason: 'try' },
      SHANXI_ADMIN,
    );
    expect(national.status).toBe(403);
    expect(national.body.errors).toEqual([expect.objectContaining({ path: 'body.jurisdiction' })]);
    const elsewhere = await http(
      stack.baseUrl,
      'POST',
      '/admin/users',
      { id: 'ua-x@650101', name: '外省', role: 'officer', jurisdiction: '650101', reason: 'try' },
      SHANXI_ADMIN,
    );
    expect(elsewhere.status).toBe(403);
    const moveOut = await http(
      stack.baseUrl,
      'PATCH',
      '/admin/users/officer@140106',
      { jurisdiction: '650101', reason: 'try' },
      SHANXI_ADMIN,
    );
    expect(moveOut.status).toBe(403);
    // A user outside the subtree does not exist for them: the same 404 as a user that does not exist.
    const hidden = await http(stack.baseUrl, 'PATCH', '/admin/users/ua-outsider@650101', { active: false, reason: 'try' }, SHANXI_ADMIN);
    const missing = await http(stack.baseUrl, 'PATCH', '/admin/users/ua-nobody@140105', { active: false, reason: 'try' }, SHANXI_ADMIN);
    expect([hidden.status, missing.status]).toEqual([404, 404]);
    expect(hidden.body.title).toBe(missing.body.title);
    expect((await http(stack.baseUrl, 'GET', '/catalog/sectors', undefined, await bearer('ua-outsider@650101'))).status).toBe(200);
    // The refusal is in the audit log, with who and why.
    const denial = await auditOf('access_denial', 'user:ua-outsider@650101');
    expect(denial).toEqual([
      expect.objectContaining({ action: 'configure_users', actor_id: 'admin@140000', reason: expect.stringContaining('650101') }),
    ]);
    // The national administrator may.
    const ok = await http(
      stack.baseUrl,
      'PATCH',
      '/admin/users/ua-outsider@650101',
      { sectors: ['mining'], reason: '调整行业' },
      NATIONAL_ADMIN,
    );
    expect(ok.status).toBe(200);
  });

  it('requires a reason and a change, and refuses an unknown jurisdiction or locking oneself out', async () => {
    const noReason = await http(stack.baseUrl, 'PATCH', '/admin/users/officer@140105', { active: false }, SHANXI_ADMIN);
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors.map((e: { path: string }) => e.path)).toContain('body.reason');
    const nothing = await http(stack.baseUrl, 'PATCH', '/admin/users/officer@140105', { reason: 'nothing' }, SHANXI_ADMIN);
    expect(nothing.status).toBe(400);
    const unknown = await http(
      stack.baseUrl,
      'POST',
      '/admin/users',
      { id: 'ua-y@149999', name: '无', role: 'officer', jurisdiction: '149999', reason: 'x' },
      SHANXI_ADMIN,
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: 'body.jurisdiction' })]);
    const self = await http(stack.baseUrl, 'PATCH', '/admin/users/admin@140000', { active: false, reason: 'oops' }, SHANXI_ADMIN);
    expect(self.status).toBe(409);
    expect((await http(stack.baseUrl, 'GET', '/admin/users', undefined, SHANXI_ADMIN)).status).toBe(200);
  });

  it('jurisdictions: any administrator reads them, only a national administrator adds one under its parent', async () => {
    const list = await http(stack.baseUrl, 'GET', '/admin/jurisdictions', undefined, SHANXI_ADMIN);
    expect(list.status).toBe(200);
    expect(list.body).toEqual(expect.arrayContaining([expect.objectContaining({ code: '140105', parent: '140100' })]));
    expect((await http(stack.baseUrl, 'GET', '/admin/jurisdictions', undefined, SUPERVISOR)).status).toBe(403);
    const body = { code: '140199', nameZh: '测试区', nameEn: 'Test District', parent: '140100', reason: '新设区' };
    expect((await http(stack.baseUrl, 'POST', '/admin/jurisdictions', body, SHANXI_ADMIN)).status).toBe(403);
    const added = await http(stack.baseUrl, 'POST', '/admin/jurisdictions', body, NATIONAL_ADMIN);
    expect(added.status).toBe(201);
    expect((await http(stack.baseUrl, 'POST', '/admin/jurisdictions', body, NATIONAL_ADMIN)).status).toBe(409);
    const misplaced = await http(stack.baseUrl, 'POST', '/admin/jurisdictions', { ...body, code: '140299' }, NATIONAL_ADMIN);
    expect(misplaced.status).toBe(400);
    expect(await auditOf('jurisdiction', '140199')).toEqual([
      expect.objectContaining({ action: 'create', reason: '新设区', actor_id: 'admin@000000' }),
    ]);
    // A user may now be placed there.
    const placed = await http(
      stack.baseUrl,
      'POST',
      '/admin/users',
      { id: 'ua-z@140199', name: '新区', role: 'viewer', jurisdiction: '140199', reason: 'x' },
      SHANXI_ADMIN,
    );
    expect(placed.status).toBe(201);
  });
});
