import type { Env } from '@anjian/config';
import type { Principal } from '@anjian/domain';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { Problem } from '../http/problem';
import { AccessDecider } from './access-decider';
import type { AccessFacts } from './access-facts';
import { ACCESS, type RouteAccess } from './access.decorator';
import { AccessGuard } from './access.guard';

const OFFICER: Principal = { id: 'officer@140105', name: '执法员', role: 'officer', jurisdiction: '140105', sectors: ['industry_trade'] };
const SUPERVISOR: Principal = { id: 'supervisor@140100', name: '科长', role: 'supervisor', jurisdiction: '140100', sectors: [] };
const CASE_ID = '5f0c6a52-2a4e-4a8e-9d0b-3c8f1c1d2e3f';

function setup(facts: Partial<AccessFacts> = {}) {
  const warnings: unknown[] = [];
  const audited: unknown[] = [];
  const log = { warn: (obj: unknown) => warnings.push(obj) } as unknown as Logger;
  const db = { manager: { query: async (_sql: string, params: unknown[]) => void audited.push(params) } } as unknown as DataSource;
  const calls: string[] = [];
  const allFacts = {
    caseFacts: async (id: string) => (calls.push(`case ${id}`), { jurisdiction: '140105', sector: 'industry_trade' }),
    approvalFacts: async () => (
      calls.push('approval'),
      { kind: 'transfer', approverRole: 'agency_head' as const, approverJurisdiction: null }
    ),
    userFacts: async () => (calls.push('user'), { jurisdiction: '650101', role: 'officer' as const }),
    manyCaseFacts: async () => new Map(),
    ...facts,
  } as unknown as AccessFacts;
  const decider = new AccessDecider(db, log, allFacts);
  const guard = new AccessGuard(new Reflector(), allFacts, decider, { DATABASE_STATEMENT_TIMEOUT_MS: 1000 } as Env);
  return { guard, warnings, audited, calls };
}

function context(route: RouteAccess | undefined, req: Record<string, unknown>): ExecutionContext {
  const handler = () => undefined;
  const request = { method: 'POST', path: '/x', route: { path: '/x' }, params: {}, body: {}, ...req };
  if (route) Reflect.defineMetadata(ACCESS, route, handler);
  return {
    getType: () => 'http',
    getHandler: () => handler,
    getClass: () => class {},
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

const problemOf = async (p: Promise<unknown>): Promise<Problem> => {
  try {
    await p;
  } catch (err) {
    if (err instanceof Problem) return err;
    throw err;
  }
  throw new Error('expected a refusal');
};

describe('AccessGuard: one decision per request from the route, the caller and the facts', () => {
  it('lets routes without @Access through (authentication alone applies there)', async () => {
    const { guard, calls } = setup();
    await expect(guard.canActivate(context(undefined, { principal: OFFICER }))).resolves.toBe(true);
    expect(calls).toEqual([]);
  });

  it('reads the case once and admits a caller within reach', async () => {
    const { guard, calls, warnings } = setup();
    const ctx = context({ operation: 'act' }, { principal: OFFICER, params: { id: CASE_ID } });
    await expect(guard.canActivate(ctx)).resolves.toBe(true);
    await expect(guard.canActivate(ctx)).resolves.toBe(true); // declared twice (class and handler): decided once
    expect(calls).toEqual([`case ${CASE_ID}`]);
    expect(warnings).toEqual([]);
  });

  it('answers a case out of reach exactly like a missing one, and logs and audits the denial', async () => {
    const { guard, warnings, audited } = setup({ caseFacts: async () => ({ jurisdiction: '140105', sector: 'fire' }) });
    const hidden = await problemOf(guard.canActivate(context({ operation: 'read' }, { principal: OFFICER, params: { id: CASE_ID } })));
    const missing = await problemOf(
      setup({ caseFacts: async () => null }).guard.canActivate(
        context({ operation: 'read' }, { principal: OFFICER, params: { id: CASE_ID } }),
      ),
    );
    expect([hidden.status, hidden.detail]).toEqual([404, `no case ${CASE_ID}`]);
    expect([missing.status, missing.detail, missing.extensions]).toEqual([hidden.status, hidden.detail, hidden.extensions]);
    expect(warnings).toEqual([
      {
        access: expect.objectContaining({
          user: 'officer@140105',
          operation: 'read',
          resource: `case:${CASE_ID}`,
          status: 404,
          reason: expect.stringContaining('sector'),
        }),
      },
    ]);
    expect(JSON.stringify(warnings)).not.toContain('执法员'); // ids, never names
    expect(audited).toEqual([
      [
        'access_denial',
        `case:${CASE_ID}`,
        'read',
        'officer@140105',
        'officer',
        expect.stringContaining('sector'),
        null,
        expect.any(String),
      ],
    ]);
  });

  it('refuses a malformed case id with the handler’s 400, before touching the database', async () => {
    const { guard, calls } = setup();
    const p = await problemOf(guard.canActivate(context({ operation: 'read' }, { principal: OFFICER, params: { id: 'not-a-uuid' } })));
    expect(p.status).toBe(400);
    expect(p.extensions['errors']).toEqual([expect.objectContaining({ path: 'path.id' })]);
    expect(calls).toEqual([]);
  });

  it('decides an approval by the approver the workflow asked for', async () => {
    const { guard, calls } = setup();
    const req = { principal: SUPERVISOR, params: { id: CASE_ID, approvalId: 'transfer-1' } };
    const p = await problemOf(guard.canActivate(context({ operation: 'approve' }, req)));
    expect([p.status, p.detail]).toEqual([403, expect.stringContaining('agency_head')]);
    expect(calls).toEqual([`case ${CASE_ID}`, 'approval']);
  });

  it('judges an opened case by its body, and leaves a malformed field to validation', async () => {
    const { guard } = setup();
    const outside = await problemOf(
      guard.canActivate(context({ operation: 'open' }, { principal: OFFICER, body: { jurisdiction: '140106', sector: 'industry_trade' } })),
    );
    expect([outside.status, outside.extensions['errors']]).toEqual([403, [expect.objectContaining({ path: 'body.jurisdiction' })]]);
    await expect(
      guard.canActivate(context({ operation: 'open' }, { principal: OFFICER, body: { jurisdiction: 'x', sector: 7 } })),
    ).resolves.toBe(true);
  });

  it('hides a user outside an administrator’s subtree', async () => {
    const { guard } = setup();
    const admin: Principal = { id: 'admin@140000', name: '管理员', role: 'administrator', jurisdiction: '140000', sectors: [] };
    const p = await problemOf(
      guard.canActivate(context({ operation: 'configure_users' }, { principal: admin, params: { id: 'someone@650101' } })),
    );
    expect([p.status, p.detail]).toEqual([404, 'no user someone@650101']);
  });

  it('turns PostgreSQL not answering into the usual 503', async () => {
    const down = Object.assign(new Error('Connection terminated due to connection timeout'), { code: 'ETIMEDOUT' });
    const { guard } = setup({
      caseFacts: async () => {
        throw down;
      },
    });
    const p = await problemOf(guard.canActivate(context({ operation: 'read' }, { principal: OFFICER, params: { id: CASE_ID } })));
    expect(p.status).toBe(503);
  });

  it('needs an authenticated caller (a guard-order mistake is a 401, never a guess)', async () => {
    const { guard } = setup();
    const p = await problemOf(guard.canActivate(context({ operation: 'read' }, { params: { id: CASE_ID } })));
    expect(p.status).toBe(401);
  });
});
