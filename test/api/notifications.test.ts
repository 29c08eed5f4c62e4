import { randomUUID } from 'node:crypto';
import { startTestStack, type TestStack } from '../support/test-stack';
import { http } from '../support/http';
import { caller, seedCase } from './lists-seed';

/** GET /me/notifications and POST /me/notifications/{id}/read for an officer of 141000 (fire only). */
describe('my notifications', () => {
  let stack: TestStack;
  const me = caller('nt-officer@141000', 'officer', '141000', ['fire']);
  const n: Record<string, string> = {};

  const notify = async (caseId: string, to: { id?: string; role?: string; jurisdiction?: string }, kind = 'reminder') => {
    const [row] = await stack.db.query<{ id: string }[]>(
      `INSERT INTO notifications (dedupe_key, case_id, kind, recipient_id, recipient_role, recipient_jurisdiction, payload)
       VALUES ($1, $2, $3, $4, $5, $6, '{"step":"awaiting_report"}') RETURNING id::text`,
      [randomUUID(), caseId, kind, to.id ?? null, to.role ?? null, to.jurisdiction ?? null],
    );
    return row!.id;
  };

  beforeAll(async () => {
    stack = await startTestStack();
    const fireCase = await seedCase(stack.db, { jurisdiction: '141002', sector: 'fire' });
    const miningCase = await seedCase(stack.db, { jurisdiction: '141002', sector: 'mining' });
    const elsewhere = await seedCase(stack.db, { jurisdiction: '140105', sector: 'fire' });
    n['direct'] = await notify(fireCase, { id: 'nt-officer@141000' }, 'assigned');
    n['role'] = await notify(fireCase, { role: 'officer', jurisdiction: '141002' });
    n['otherTree'] = await notify(elsewhere, { role: 'officer', jurisdiction: '140105' });
    n['otherRole'] = await notify(fireCase, { role: 'supervisor', jurisdiction: '141000' });
    n['otherUser'] = await notify(fireCase, { id: 'someone-else' });
    n['otherSector'] = await notify(miningCase, { role: 'officer', jurisdiction: '141002' }, 'escalation');
    for (let i = 0; i < 5; i++) n[`more${i}`] = await notify(fireCase, { id: 'nt-officer@141000' });
  });
  afterAll(() => stack?.stop());

  const ids = (r: { body: { items: { id: string }[] } }) => r.body.items.map((i) => i.id);

  it('shows what is addressed to me or my role in my subtree, about cases in my reach, newest first', async () => {
    const r = await http(stack.baseUrl, 'GET', '/me/notifications', undefined, me);
    expect(r.status).toBe(200);
    const mine = [n['direct'], n['role'], n['more0'], n['more1'], n['more2'], n['more3'], n['more4']]
      .map(Number)
      .sort((a, b) => b - a)
      .map(String);
    expect(ids(r)).toEqual(mine);
    expect(r.body.unreadCount).toBe(7);
    expect(r.body.items.every((i: { readAt: string | null }) => i.readAt === null)).toBe(true);
    expect(r.body.items.find((i: { id: string }) => i.id === n['direct']).kind).toBe('assigned');
  });

  it('marks read idempotently (the first instant stays) and the unread filter follows', async () => {
    const first = await http(stack.baseUrl, 'POST', `/me/notifications/${n['role']}/read`, undefined, me);
    expect(first.status).toBe(200);
    expect(first.body.id).toBe(n['role']);
    const again = await http(stack.baseUrl, 'POST', `/me/notifications/${n['role']}/read`, undefined, me);
    expect(again.status).toBe(200);
    expect(again.body.readAt).toBe(first.body.readAt);
    const unread = await http(stack.baseUrl, 'GET', '/me/notifications?unread=true', undefined, me);
    expect(ids(unread)).not.toContain(n['role']);
    expect(unread.body.unreadCount).toBe(6);
    const all = await http(stack.baseUrl, 'GET', '/me/notifications', undefined, me);
    expect(all.body.items.find((i: { id: string }) => i.id === n['role']).readAt).toBe(first.body.readAt);
  });

  it('a role notification read by me stays unread for a colleague', async () => {
    const colleague = caller('nt-officer2@141000', 'officer', '141000', ['fire']);
    const r = await http(stack.baseUrl, 'GET', '/me/notifications?unread=true', undefined, colleague);
    expect(ids(r)).toContain(n['role']);
    expect(ids(r)).not.toContain(n['direct']);
  });

  it("someone else's notification, or one about a case out of my reach, is 404 (as is no such id)", async () => {
    for (const key of ['otherTree', 'otherRole', 'otherUser', 'otherSector']) {
      const r = await http(stack.baseUrl, 'POST', `/me/notifications/${n[key]}/read`, undefined, me);
      expect(r.status).toBe(404);
    }
    expect((await http(stack.baseUrl, 'POST', '/me/notifications/999999999/read', undefined, me)).status).toBe(404);
    expect((await http(stack.baseUrl, 'POST', '/me/notifications/abc/read', undefined, me)).status).toBe(400);
  });

  it('pages newest first with an opaque cursor', async () => {
    const all = ids(await http(stack.baseUrl, 'GET', '/me/notifications', undefined, me));
    const p1 = await http(stack.baseUrl, 'GET', '/me/notifications?limit=4', undefined, me);
    const p2 = await http(stack.baseUrl, 'GET', `/me/notifications?limit=4&cursor=${p1.body.nextCursor}`, undefined, me);
    expect([...ids(p1), ...ids(p2)]).toEqual(all);
    expect(p2.body.nextCursor).toBeNull();
    const mismatch = await http(stack.baseUrl, 'GET', `/me/notifications?unread=true&cursor=${p1.body.nextCursor}`, undefined, me);
    expect(mismatch.status).toBe(400);
  });
});
