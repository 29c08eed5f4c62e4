import { randomUUID } from 'node:crypto';
import { startTestStack, type TestStack } from '../support/test-stack';
import { caseBody, eventually } from '../support/fixtures';
import { http } from '../support/http';
import { caller, seedCase, seedUser } from './lists-seed';

/**
 * POST /cases/reassignments and POST /cases/{id}/reassignment over 141100. The cases here are legacy
 * rectification cases (workflow id case-<id>-rectification), changed in the projection with an audit
 * row; the access policy decides each case of a bulk request on its own.
 */
describe('reassignment', () => {
  let stack: TestStack;
  const supervisor = caller('rs-supervisor@141100', 'supervisor', '141100');
  const assigneeId = 'rs-officer-a@141100';
  const c: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startTestStack();
    const db = stack.db;
    await seedUser(db, { id: assigneeId, role: 'officer', jurisdiction: '141100', sectors: ['industry_trade'] });
    await seedUser(db, { id: 'rs-disabled@141100', role: 'officer', jurisdiction: '141100', active: false });
    const base = { jurisdiction: '141102', sector: 'industry_trade', assigneeId: 'rs-old@141100' };
    c['ok'] = await seedCase(db, base);
    c['ok2'] = await seedCase(db, base);
    c['twice'] = await seedCase(db, base);
    c['closed'] = await seedCase(db, { ...base, status: 'closed', dueAt: null });
    c['fire'] = await seedCase(db, { ...base, sector: 'fire' });
    c['outside'] = await seedCase(db, { ...base, jurisdiction: '140105' });
    c['single'] = await seedCase(db, base);
  });
  afterAll(() => stack?.stop());

  const bulk = (body: unknown, who = supervisor) => http(stack.baseUrl, 'POST', '/cases/reassignments', body, who);

  it('answers one result per case, in order: reassigned, refused with why, not found (absent and out of reach alike)', async () => {
    const missing = randomUUID();
    const r = await bulk({ caseIds: [c['ok'], c['closed'], c['fire'], c['outside'], missing], assigneeId, reason: '人员调整' });
    expect(r.status).toBe(200);
    expect(r.body.results).toHaveLength(5);
    const [ok, closed, fire, outside, absent] = r.body.results;
    expect(ok).toEqual({ caseId: c['ok'], status: 'reassigned', previousAssigneeId: 'rs-old@141100', assigneeId, via: 'projection' });
    expect(closed).toMatchObject({ caseId: c['closed'], status: 'refused', reason: expect.stringMatching(/closed/) });
    expect(fire).toMatchObject({ caseId: c['fire'], status: 'refused', reason: expect.stringMatching(/cannot act on this case/) });
    expect(outside).toEqual({ caseId: c['outside'], status: 'not_found' });
    expect(absent).toEqual({ caseId: missing, status: 'not_found' });
    expect(r.body.summary).toEqual({ reassigned: 1, not_found: 2, refused: 2, failed: 0 });

    const [row] = await stack.db.query(`SELECT assignee_id FROM cases WHERE id = $1`, [c['ok']]);
    expect(row.assignee_id).toBe(assigneeId);
    const [untouched] = await stack.db.query(`SELECT assignee_id FROM cases WHERE id = $1`, [c['outside']]);
    expect(untouched.assignee_id).toBe('rs-old@141100');
    const audit = await stack.db.query(
      `SELECT actor_id, reason, before, after FROM admin_changes WHERE entity = 'case_assignment' AND entity_id = $1`,
      [c['ok']],
    );
    expect(audit).toEqual([
      { actor_id: 'rs-supervisor@141100', reason: '人员调整', before: { assigneeId: 'rs-old@141100' }, after: { assigneeId } },
    ]);
  });

  it('refuses a case listed twice with 400 naming the later occurrence (one result per case, in the order asked); nothing changes', async () => {
    const r = await bulk({
      caseIds: [c['twice'], c['closed'], c['fire'], c['twice'].toUpperCase(), c['closed']],
      assigneeId,
      reason: '人员调整',
    });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ type: '/problems/validation' });
    expect(r.body.errors).toEqual([
      { path: 'body.caseIds.3', message: expect.stringContaining('caseIds.0') },
      { path: 'body.caseIds.4', message: expect.stringContaining('caseIds.1') },
    ]);
    const [row] = await stack.db.query(`SELECT assignee_id FROM cases WHERE id = $1`, [c['twice']]);
    expect(row.assignee_id).toBe('rs-old@141100');
  });

  it("the new assignee's worklist shows the case at once", async () => {
    const r = await http(stack.baseUrl, 'GET', '/cases', undefined, caller(assigneeId, 'officer', '141100', ['industry_trade']));
    expect(r.body.items.map((i: { id: string }) => i.id)).toContain(c['ok']);
  });

  it('validates the request: reason required, at most 500 cases, an active assignee in my jurisdiction', async () => {
    const noReason = await bulk({ caseIds: [c['ok2']], assigneeId });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].path).toBe('body.reason');
    const blank = await bulk({ caseIds: [c['ok2']], assigneeId, reason: '   ' });
    expect(blank.status).toBe(400);
    const tooMany = await bulk({ caseIds: Array.from({ length: 501 }, () => randomUUID()), assigneeId, reason: 'x' });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0].path).toBe('body.caseIds');
    for (const who of ['nobody@141100', 'rs-disabled@141100', 'officer@140105']) {
      const r = await bulk({ caseIds: [c['ok2']], assigneeId: who, reason: '调整' });
      expect(r.status).toBe(400);
      expect(r.body.errors[0].path).toBe('body.assigneeId');
    }
    const [row] = await stack.db.query(`SELECT assignee_id FROM cases WHERE id = $1`, [c['ok2']]);
    expect(row.assignee_id).toBe('rs-old@141100');
  });

  it('an officer or a viewer may not reassign (403 before the body is read); nothing changes', async () => {
    const r = await bulk({ caseIds: [c['ok2']], assigneeId, reason: '调整' }, caller('rs-officer-b@141100', 'officer', '141100'));
    expect(r.status).toBe(403);
    expect((await bulk({}, caller('rs-viewer@141100', 'viewer', '141100'))).status).toBe(403);
    const [row] = await stack.db.query(`SELECT assignee_id FROM cases WHERE id = $1`, [c['ok2']]);
    expect(row.assignee_id).toBe('rs-old@141100');
  });

  it('single case: 200 with the result; 404 out of reach; 409 refused with the reason', async () => {
    const ok = await http(stack.baseUrl, 'POST', `/cases/${c['single']}/reassignment`, { assigneeId, reason: '就近办理' }, supervisor);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'reassigned', assigneeId, via: 'projection' });
    const outside = await http(stack.baseUrl, 'POST', `/cases/${c['outside']}/reassignment`, { assigneeId, reason: '调整' }, supervisor);
    expect(outside.status).toBe(404);
    const closed = await http(stack.baseUrl, 'POST', `/cases/${c['closed']}/reassignment`, { assigneeId, reason: '调整' }, supervisor);
    expect(closed.status).toBe(409);
    expect(closed.body.detail).toMatch(/closed/);
  });

  it('a case of the case workflow changes through its reassign update; the projection follows', async () => {
    const opener = caller('rs-opener@141100', 'officer', '141100');
    const opened = await http(stack.baseUrl, 'POST', '/cases', caseBody({ jurisdiction: '141102' }), opener);
    expect(opened.status).toBe(201);
    const caseId: string = opened.body.id;
    const r = await bulk({ caseIds: [caseId], assigneeId, reason: '工作调整' });
    expect(r.status).toBe(200);
    expect(r.body.results[0]).toMatchObject({ caseId, status: 'reassigned', assigneeId, via: 'workflow' });
    const row = await eventually(
      async () => (await stack.db.query(`SELECT assignee_id FROM cases WHERE id = $1`, [caseId]))[0],
      (v: { assignee_id: string }) => v.assignee_id === assigneeId,
      20_000,
      'the projection shows the new assignee',
    );
    expect(row.assignee_id).toBe(assigneeId);
    const events = await stack.db.query(`SELECT type, reason FROM case_events WHERE case_id = $1 AND type = 'case_reassigned'`, [caseId]);
    expect(events).toEqual([{ type: 'case_reassigned', reason: '工作调整' }]);
  });
});
