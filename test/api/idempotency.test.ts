import { CASE_WORKFLOW, type CaseWorkflowInput, caseWorkflowId } from '@anjian/contracts';
import type { Actor, PolicyRule } from '@anjian/domain';
import { dropDatabase, PolicyVersionRepository } from '@anjian/persistence';
import { WorkflowFailedError } from '@temporalio/client';
import { caseIdForKey } from '../../apps/api/src/cases/open-case.use-case';
import { pinnedProcedureLinks } from '../../apps/api/src/cases/procedures/pinned-links';
import { migrateAndSeed } from '../../tools/migrate';
import { caseBody, inSeconds } from '../support/fixtures';
import { http, OFFICER } from '../support/http';
import { startTestStack, type TestStack } from '../support/test-stack';
import { actionPath, document, key, withKey } from './procedure-support';
import { uploadFile } from '../support/uploads';

const inspector = { id: 'officer-140105-002', name: '李复查' };
/** The enterprise's report (submit_report needs at least one attachment reference) and a passed re-check. */
const REPORT = { summary: '已整改', attachments: [document('整改报告.pdf')] };
const RECHECK = { result: 'passed', inspector, findings: '现场复查合格' };
/** The same user id, moved to another county. */
const SAME_ID_ELSEWHERE = { ...OFFICER, 'x-actor-jurisdiction': '140106' };

/** Events the clock writes on its own (a reminder already due when the deadline is armed fires at once). */
const CLOCK_EVENTS = new Set(['deadline_reminder', 'deadline_passed', 'escalation_rung', 'escalation_rung_reached']);

/** The case's events in insertion order, without the clock's: what requests caused. */
async function eventTypes(stack: TestStack, id: string): Promise<string[]> {
  const rows = (await stack.db.query('SELECT type FROM case_events WHERE case_id = $1 ORDER BY id', [id])) as { type: string }[];
  return rows.map((r) => r.type).filter((t) => !CLOCK_EVENTS.has(t));
}

/** Opening, the report and the passed re-check as the events they write. */
const OPENED = ['order_issued', 'deadline_armed'];
const REPORTED = [...OPENED, 'report_submitted', 'deadline_armed'];

/** The rectification order's actions on the generic route (its instance is `rectification-1` on a new case). */
const act = (id: string, action: 'submit_report' | 'record_recheck') => actionPath(id, 'rectification-1', action);
const rectificationStep = (body: { procedures?: { procedureId: string; step: string }[] }) =>
  body.procedures?.find((p) => p.procedureId === 'rectification-1')?.step;

/**
 * Idempotency-Key on every POST: a retried request has exactly one effect and answers what the
 * first answered; a key reused for another request, or while the first still runs, is refused; and
 * a replay still checks access for the caller asking now.
 */
describe('Idempotency-Key', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { TEMPORAL_CALL_TIMEOUT_MS: '4000' } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('a retried open answers the stored response (replayed) and opens one case', async () => {
    const k = key('open');
    const body = caseBody({ reportDueAt: inSeconds(3600) });
    const first = await http(stack.baseUrl, 'POST', '/cases', body, withKey(k));
    const second = await http(stack.baseUrl, 'POST', '/cases', body, withKey(k));
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.headers.get('location')).toBe(`/cases/${first.body.id}`);
    expect(second.body).toEqual(first.body);
    expect(first.body.procedures).toEqual([expect.objectContaining({ procedureId: 'rectification-1', step: 'report' })]);
    expect(await eventTypes(stack, first.body.id)).toEqual(OPENED);
  });

  it('the same key with a different body is refused with 422 and never returns the first case', async () => {
    const k = key('reuse');
    const first = await http(stack.baseUrl, 'POST', '/cases', caseBody({ reportDueAt: inSeconds(3600) }), withKey(k));
    expect(first.status).toBe(201);
    const other = await http(stack.baseUrl, 'POST', '/cases', caseBody({ reportDueAt: inSeconds(7200) }), withKey(k));
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(other.body).toMatchObject({ type: '/problems/idempotency-key-reused', errors: [{ path: 'headers.idempotency-key' }] });
    expect(other.body.id).toBeUndefined();

    // Even once the store has forgotten the key (retention), the case the key leads to is not handed out for another request.
    await stack.db.query('DELETE FROM idempotency_keys WHERE key = $1', [k]);
    const afterRetention = await http(
      stack.baseUrl,
      'POST',
      '/cases',
      caseBody({ title: '另一个隐患', reportDueAt: inSeconds(7200) }),
      withKey(k),
    );
    expect(afterRetention.status).toBe(422);
    expect(afterRetention.body.id).toBeUndefined();
  });

  it('checks access for the current caller on every answer, replays included', async () => {
    const k = key('access');
    const opened = await http(stack.baseUrl, 'POST', '/cases', caseBody(), withKey(k));
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    await uploadFile(stack.baseUrl, id, '整改报告.pdf');

    // The same user id under another county: the same request is refused (403), another body too (never the stored case).
    const sameBody = await http(stack.baseUrl, 'POST', '/cases', caseBody(), withKey(k, SAME_ID_ELSEWHERE));
    expect(sameBody.status).toBe(403);
    expect(sameBody.body.id).toBeUndefined();
    const ownCounty = await http(stack.baseUrl, 'POST', '/cases', caseBody({ jurisdiction: '140106' }), withKey(k, SAME_ID_ELSEWHERE));
    expect(ownCounty.status).not.toBe(201);
    expect(ownCounty.body.id).not.toBe(id);
    // Forgotten key (retention): the case the key leads to is outside the caller's county → not handed out.
    await stack.db.query('DELETE FROM idempotency_keys WHERE key = $1', [k]);
    const forgotten = await http(stack.baseUrl, 'POST', '/cases', caseBody({ jurisdiction: '140106' }), withKey(k, SAME_ID_ELSEWHERE));
    expect([404, 422]).toContain(forgotten.status);
    expect(forgotten.body.step).toBeUndefined();

    // An action's replay: the officer who reported may replay; the same id elsewhere gets 404, a supervisor-less role 403.
    const rk = key('report');
    const reported = await http(stack.baseUrl, 'POST', act(id, 'submit_report'), REPORT, withKey(rk));
    expect(reported.status).toBe(200);
    const replay = await http(stack.baseUrl, 'POST', act(id, 'submit_report'), REPORT, withKey(rk));
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const elsewhere = await http(stack.baseUrl, 'POST', act(id, 'submit_report'), REPORT, withKey(rk, SAME_ID_ELSEWHERE));
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.step).toBeUndefined();
    expect(await eventTypes(stack, id)).toEqual(REPORTED);
  });

  it('a retried action whose first answer was lost returns the first result, not 409, and happens once', async () => {
    const opened = await http(stack.baseUrl, 'POST', '/cases', caseBody());
    const id = opened.body.id as string;
    await uploadFile(stack.baseUrl, id, '整改报告.pdf');
    const k = key('lost');
    const first = await http(stack.baseUrl, 'POST', act(id, 'submit_report'), REPORT, withKey(k));
    expect(first.status).toBe(200);
    // The answer was lost and so was the store's record of it (e.g. its write failed): the retry runs again,
    // with the same Temporal update id, and Temporal answers with the first outcome.
    await stack.db.query('DELETE FROM idempotency_keys WHERE key = $1', [k]);
    const retry = await http(stack.baseUrl, 'POST', act(id, 'submit_report'), REPORT, withKey(k));
    expect(retry.status).toBe(200);
    expect(rectificationStep(retry.body)).toBe('recheck');
    expect(await eventTypes(stack, id)).toEqual(REPORTED);
    // Without a key, the same POST is a new request: refused by the step.
    const fresh = await http(stack.baseUrl, 'POST', act(id, 'submit_report'), REPORT);
    expect(fresh.status).toBe(409);
  });

  it('a 4xx refusal is stored: its replay gives the same verdict even after the step moved on', async () => {
    const opened = await http(stack.baseUrl, 'POST', '/cases', caseBody());
    const id = opened.body.id as string;
    await uploadFile(stack.baseUrl, id, '整改报告.pdf');
    const k = key('verdict');
    const early = await http(stack.baseUrl, 'POST', act(id, 'record_recheck'), RECHECK, withKey(k));
    expect(early.status).toBe(409);
    expect((await http(stack.baseUrl, 'POST', act(id, 'submit_report'), REPORT)).status).toBe(200);
    const replay = await http(stack.baseUrl, 'POST', act(id, 'record_recheck'), RECHECK, withKey(k));
    expect(replay.status).toBe(409);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toMatchObject({ type: '/problems/action-not-allowed', currentStep: 'report', procedureId: 'rectification-1' });
    // A new key is a new request: now allowed.
    expect((await http(stack.baseUrl, 'POST', act(id, 'record_recheck'), RECHECK, withKey(key('verdict2')))).status).toBe(200);
  });

  it('answers 409 while the first request with the key is still running, then its result', async () => {
    const opened = await http(stack.baseUrl, 'POST', '/cases', caseBody());
    const id = opened.body.id as string;
    await uploadFile(stack.baseUrl, id, '整改报告.pdf');
    const k = key('inflight');
    await stack.stopWorker();
    try {
      const first = http(stack.baseUrl, 'POST', act(id, 'submit_report'), REPORT, withKey(k));
      await new Promise((r) => setTimeout(r, 1000));
      const second = await http(stack.baseUrl, 'POST', act(id, 'submit_report'), REPORT, withKey(k));
      expect(second.status).toBe(409);
      expect(second.body.type).toBe('/problems/idempotency-key-in-flight');
      expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await first).status).toBe(503);
    } finally {
      await stack.startWorker();
    }
    const retry = await http(stack.baseUrl, 'POST', act(id, 'submit_report'), REPORT, withKey(k));
    expect(retry.status).toBe(200);
    expect(await eventTypes(stack, id)).toEqual(REPORTED);
  });

  it('a replayed open of a closed case returns the closed case and starts no second run', async () => {
    const k = key('closed');
    const body = caseBody();
    const opened = await http(stack.baseUrl, 'POST', '/cases', body, withKey(k));
    const id = opened.body.id as string;
    await uploadFile(stack.baseUrl, id, '整改报告.pdf');
    expect((await http(stack.baseUrl, 'POST', act(id, 'submit_report'), REPORT)).status).toBe(200);
    const closed = await http(stack.baseUrl, 'POST', act(id, 'record_recheck'), RECHECK);
    expect(closed.status).toBe(200);
    expect(closed.body.procedures).toEqual([expect.objectContaining({ procedureId: 'rectification-1', status: 'completed' })]);
    // The case workflow closes the case once no procedure is active (on the child's report, after the
    // action answered) and ends; its run is the one a replayed open must not repeat.
    const handle = stack.temporal.workflow.getHandle(caseWorkflowId(id));
    await handle.result();
    expect((await http(stack.baseUrl, 'GET', `/cases/${id}`)).body.status).toBe('closed');
    const { runId } = await handle.describe();
    const eventsWhenClosed = await eventTypes(stack, id);
    expect(eventsWhenClosed).toEqual(expect.arrayContaining([...REPORTED, 'recheck_passed', 'case_closed']));

    await stack.db.query('DELETE FROM idempotency_keys WHERE key = $1', [k]); // past retention
    const replay = await http(stack.baseUrl, 'POST', '/cases', body, withKey(k));
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ id, status: 'closed' });
    expect(replay.body.procedures).toEqual([expect.objectContaining({ procedureId: 'rectification-1', status: 'completed' })]);
    const latest = await handle.describe();
    expect(latest.runId).toBe(runId);
    expect(latest.status.name).toBe('COMPLETED');
    expect(await eventTypes(stack, id)).toEqual(eventsWhenClosed);
  });

  it('refuses keys that are too short, too long or not visible ASCII, naming the header', async () => {
    for (const bad of ['short', 'x'.repeat(129), 'has space in it']) {
      const res = await http(stack.baseUrl, 'POST', '/cases', caseBody(), withKey(bad));
      expect(res.status).toBe(400);
      expect(res.body.errors[0].path).toBe('headers.idempotency-key');
    }
  });

  it('replays a stored 400 for a malformed case id as the same 400 (the replay check never queries with it)', async () => {
    const headers = withKey('malformed-case-id-key');
    const first = await http(stack.baseUrl, 'POST', act('abc', 'submit_report'), REPORT, headers);
    expect(first.status).toBe(400);
    const again = await http(stack.baseUrl, 'POST', act('abc', 'submit_report'), REPORT, headers);
    expect({ status: again.status, path: again.body.errors?.[0]?.path }).toEqual({ status: 400, path: first.body.errors[0].path });
  });

  it('works for any POST, e.g. the deadline calculator', async () => {
    const k = key('calc');
    const body = { start: '2026-02-13T10:00:00+08:00', duration: { amount: 3, unit: 'workingDays' } };
    const first = await http(stack.baseUrl, 'POST', '/deadlines/calculate', body, withKey(k));
    const replay = await http(stack.baseUrl, 'POST', '/deadlines/calculate', body, withKey(k));
    expect(first.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    const reused = await http(
      stack.baseUrl,
      'POST',
      '/deadlines/calculate',
      { ...body, duration: { amount: 4, unit: 'workingDays' } },
      withKey(k),
    );
    expect(reused.status).toBe(422);
    // Another role with the same user id: a route without its own guard replays only to the same identity.
    const asSupervisor = await http(
      stack.baseUrl,
      'POST',
      '/deadlines/calculate',
      body,
      withKey(k, { ...OFFICER, 'x-actor-role': 'supervisor' }),
    );
    expect(asSupervisor.status).toBe(403);
  });

  it('works for PATCH too: a retried user change answers the stored response; the same key with another change is refused', async () => {
    const admin = { 'x-actor-id': 'admin-000000-001', 'x-actor-role': 'administrator', 'x-actor-jurisdiction': '000000' };
    const id = `idem-${Date.now()}@140107`;
    const created = await http(
      stack.baseUrl,
      'POST',
      '/admin/users',
      { id, name: '王执法', role: 'officer', jurisdiction: '140107', reason: '新进人员' },
      admin,
    );
    expect(created.status).toBe(201);
    const k = key('patch');
    const change = { sectors: ['fire'], reason: '改管消防' };
    const first = await http(stack.baseUrl, 'PATCH', `/admin/users/${id}`, change, withKey(k, admin));
    const replay = await http(stack.baseUrl, 'PATCH', `/admin/users/${id}`, change, withKey(k, admin));
    expect(first.status).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    const other = await http(stack.baseUrl, 'PATCH', `/admin/users/${id}`, { active: false, reason: '离职' }, withKey(k, admin));
    expect(other.status).toBe(422);
    expect(other.body.type).toBe('/problems/idempotency-key-reused');
  });
});

/**
 * A case whose configuration is missing (no policy rule for its sector and step) is refused before
 * anything exists (422 naming what is missing), and the same request succeeds once the rule is back.
 * Runs against its own database: it publishes policy versions that would break other test files.
 */
describe('opening a case whose deadline configuration is missing', () => {
  const ADMIN: Actor = { id: 'admin-000000-001', role: 'administrator', jurisdiction: '000000' };
  let stack: TestStack;
  let dbUrl: string;
  let policies: PolicyVersionRepository;

  beforeAll(async () => {
    const url = new URL(process.env['TEST_DATABASE_URL']!);
    url.pathname = `${url.pathname}_idem`;
    dbUrl = url.toString();
    await migrateAndSeed(dbUrl);
    stack = await startTestStack({ env: { DATABASE_URL: dbUrl, TEMPORAL_CALL_TIMEOUT_MS: '10000' } });
    policies = new PolicyVersionRepository(stack.db);
  });
  afterAll(async () => {
    await stack?.stop();
    if (dbUrl) await dropDatabase(dbUrl);
  });

  async function publish(rules: PolicyRule[], label: string) {
    const all = await policies.list();
    const latest = Math.max(Date.now(), ...all.filter((v) => v.effectiveFrom).map((v) => Date.parse(v.effectiveFrom!) + 1));
    const draft = await policies.createDraft({ label, rules, basedOn: null }, ADMIN, 'test');
    return policies.publish(draft.version, new Date(latest), ADMIN, 'test');
  }

  it('answers 422 naming sector, procedure, step and jurisdiction, leaves nothing behind, and succeeds once fixed', async () => {
    const v1 = (await policies.inForceAt(new Date()))!;
    await publish(
      v1.rules.filter((r) => !(r.procedure === 'rectification' && r.step === 'report')),
      'without rectification/report',
    );
    const k = key('missing');
    const body = caseBody({ sector: 'industry_trade', jurisdiction: '140105' });
    const caseId = caseIdForKey(OFFICER['x-actor-id'], k);

    const refused = await http(stack.baseUrl, 'POST', '/cases', body, withKey(k));
    expect(refused.status).toBe(422);
    expect(refused.body.type).toBe('/problems/deadline-configuration');
    expect(refused.body.missing).toEqual([
      expect.objectContaining({ procedure: 'rectification', step: 'report', sector: 'industry_trade', jurisdiction: '140105' }),
    ]);
    expect(refused.body.detail).toContain('industry_trade');
    expect(await stack.db.query('SELECT id FROM cases WHERE id = $1', [caseId])).toEqual([]);
    await expect(stack.temporal.workflow.getHandle(caseWorkflowId(caseId)).describe()).rejects.toThrow(/not found/i);

    // Defence in depth: a run that failed at open (here started directly, bypassing the API's pre-check) …
    const input: CaseWorkflowInput = {
      caseId,
      actor: { id: OFFICER['x-actor-id'], role: 'officer', jurisdiction: '140105' },
      openedAt: new Date().toISOString(),
      facts: {
        title: body.title,
        description: body.description,
        source: body.source,
        sector: body.sector,
        jurisdiction: body.jurisdiction as string,
        hazardGrade: body.hazardGrade,
        enterprise: body.enterprise,
      },
      initialProcedure: { procedure: 'rectification', input: { orderKind: 'within_deadline', summary: body.description } },
      links: pinnedProcedureLinks(),
      policyVersion: null,
    };
    const failed = await stack.temporal.workflow.start(CASE_WORKFLOW, {
      workflowId: caseWorkflowId(caseId),
      taskQueue: stack.taskQueue,
      args: [input],
    });
    const failure = await failed.result().then(
      () => null,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    expect((failure as WorkflowFailedError).cause).toMatchObject({ type: 'CaseNotOpened' });

    // … may run again once an administrator restored the rule: the same request, the same key → 201.
    await publish(v1.rules, 'restored');
    const opened = await http(stack.baseUrl, 'POST', '/cases', body, withKey(k));
    expect(opened.status).toBe(201);
    expect(opened.body.id).toBe(caseId);
    const latest = await stack.temporal.workflow.getHandle(caseWorkflowId(caseId)).describe();
    expect(latest.runId).not.toBe(failed.firstExecutionRunId);
    expect(latest.status.name).toBe('RUNNING');
  });
});
