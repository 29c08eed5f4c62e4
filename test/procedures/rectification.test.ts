import { http, OFFICER } from '../support/http';
import { caseBody, eventually, inSeconds } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/test-stack';
import { recordHistory } from '../support/record-history';
import { rectificationWorkflowId } from '@anjian/contracts';
import { openLegacyCase } from '../api/procedure-support';

/**
 * 责令限期整改 on the legacy rectification workflow (`case-<id>-rectification`) end to end: Temporal
 * workflow → PostgreSQL projection → HTTP, all real. POST /cases now opens the case workflow, so the
 * legacy cases here are started the way POST /cases used to start them (openLegacyCase): cases opened
 * before the case workflow still drain through these routes. What POST /cases itself answers
 * (location, Idempotency-Key replay, validation) is checked on the route as it is now.
 */
describe('rectification order through the API', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** A legacy case, and the case as GET /cases/{id} shows it right after opening. */
  async function openLegacy(overrides: Record<string, unknown> = {}) {
    const id = await openLegacyCase(stack, caseBody(overrides));
    const fetched = await http(stack.baseUrl, 'GET', `/cases/${id}`);
    expect(fetched.status).toBe(200);
    return { id, body: fetched.body };
  }

  const inspector = { id: 'officer-140105-002', name: '李复查' };

  it('opens, takes the report, records a passing re-check and closes', async () => {
    const reportDueAt = inSeconds(3600);
    const opened = await openLegacy({ reportDueAt });
    expect(opened.body).toMatchObject({ step: 'awaiting_report', status: 'open', overdue: false, allowedActions: ['submitReport'] });
    expect(opened.body.deadline).toMatchObject({ step: 'report', origin: 'order', dueAt: new Date(reportDueAt).toISOString() });
    const id = opened.body.id as string;

    const fetched = await http(stack.baseUrl, 'GET', `/cases/${id}`);
    expect(fetched.body.step).toBe('awaiting_report');

    const reported = await http(stack.baseUrl, 'POST', `/cases/${id}/report`, {
      summary: '已加装锁气卸灰装置并完成验收检测',
      attachments: [],
    });
    expect(reported.status).toBe(200);
    expect(reported.body).toMatchObject({ step: 'awaiting_recheck', allowedActions: ['recordVerification'] });
    expect(reported.body.deadline).toMatchObject({ step: 'recheck', origin: 'policy' });
    expect(reported.body.deadline.policyVersion).toEqual(expect.any(Number));

    const verified = await http(stack.baseUrl, 'POST', `/cases/${id}/verification`, {
      result: 'passed',
      inspector,
      findings: '现场复查合格',
    });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ step: 'closed', status: 'closed', deadline: null, allowedActions: [] });
    expect(verified.body.closedAt).toEqual(expect.any(String));

    const events = await http(stack.baseUrl, 'GET', `/cases/${id}/events`);
    expect(events.body.map((e: { type: string }) => e.type)).toEqual(['order_issued', 'report_submitted', 'verification_passed']);
    expect(events.body.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3]);
    expect(events.body[1].actor).toEqual({ id: OFFICER['x-actor-id'], role: 'officer', jurisdiction: '140105' });
    const integrity = await http(stack.baseUrl, 'GET', `/cases/${id}/integrity`);
    expect(integrity.body).toEqual({ valid: true, brokenAt: null, length: 3, keyed: true, legacyRows: 0 });
    recordHistory(rectificationWorkflowId(id), 'rectification-happy-path');
  });

  it('POST /cases (the case workflow): a repeat with the same Idempotency-Key reaches the same case and starts no second workflow', async () => {
    const headers = { ...OFFICER, 'idempotency-key': `key-${Date.now()}-abc` };
    const body = caseBody({ reportDueAt: inSeconds(3600) });
    const first = await http(stack.baseUrl, 'POST', '/cases', body, headers);
    const second = await http(stack.baseUrl, 'POST', '/cases', body, headers);
    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toBe(`/cases/${first.body.id}`);
    // The stored answer, replayed (test/api/idempotency.test.ts covers the rest of the semantics).
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.deadline.dueAt).toBe(first.body.deadline.dueAt);
    // The same key with another body is another request: refused, never the first case.
    const other = await http(stack.baseUrl, 'POST', '/cases', caseBody({ reportDueAt: inSeconds(7200) }), headers);
    expect(other.status).toBe(422);
    const events = await http(stack.baseUrl, 'GET', `/cases/${first.body.id}/events`);
    expect(events.body.filter((e: { type: string }) => e.type === 'order_issued')).toHaveLength(1);
    const runs = await stack.temporal.workflow.list({ query: `WorkflowId = 'case-${first.body.id as string}'` });
    let n = 0;
    for await (const _ of runs) n++;
    expect(n).toBe(1);
  });

  it('refuses an action the step does not allow with 409, the current step and what is allowed, and changes nothing', async () => {
    const { id } = await openLegacy({ reportDueAt: inSeconds(3600) });
    const refused = await http(stack.baseUrl, 'POST', `/cases/${id}/verification`, { result: 'passed', inspector, findings: '提前复查' });
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({
      status: 409,
      title: '当前环节不允许此操作',
      currentStep: 'awaiting_report',
      allowedActions: ['submitReport'],
    });
    const inEnglish = await http(
      stack.baseUrl,
      'POST',
      `/cases/${id}/verification`,
      { result: 'passed', inspector, findings: '提前复查' },
      { ...OFFICER, 'accept-language': 'en' },
    );
    expect(inEnglish.body.title).toBe('Action not allowed in the current step');
    recordHistory(rectificationWorkflowId(id), 'rectification-refused-action');
    const after = await http(stack.baseUrl, 'GET', `/cases/${id}`);
    expect(after.body).toMatchObject({ step: 'awaiting_report', lastSeq: 1 });
  });

  it('answers invalid input with 400 and the field paths, and changes nothing', async () => {
    const bad = await http(
      stack.baseUrl,
      'POST',
      '/cases',
      caseBody({ jurisdiction: '14010', enterprise: { name: 'x', creditCode: '91350100M000100Y44' }, extra: 1 }),
    );
    const unknownSector = await http(stack.baseUrl, 'POST', '/cases', caseBody({ sector: 'minnig' }));
    expect(unknownSector.status).toBe(400);
    expect(unknownSector.body.errors).toEqual([expect.objectContaining({ path: 'body.sector' })]);
    // Six digits inside the caller's subtree, but no such division in the 行政区划 table.
    const cityScope = { 'x-actor-id': 'supervisor-140100-jx', 'x-actor-role': 'supervisor', 'x-actor-jurisdiction': '140100' };
    const unknownDivision = await http(stack.baseUrl, 'POST', '/cases', caseBody({ jurisdiction: '140199' }), cityScope);
    expect(unknownDivision.status).toBe(400);
    expect(unknownDivision.body.errors).toEqual([expect.objectContaining({ path: 'body.jurisdiction' })]);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const paths = (bad.body.errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.jurisdiction', 'body.enterprise.creditCode', 'body']));

    // No bearer token: the caller is unknown (identity moved from X-Actor-* headers to tokens).
    const noActor = await http(stack.baseUrl, 'POST', '/cases', caseBody(), {});
    expect(noActor.status).toBe(401);
    expect(noActor.headers.get('content-type')).toMatch(/application\/problem\+json/);

    // The legacy workflow's own report and verification bodies.
    const opened = await openLegacy({ reportDueAt: inSeconds(3600) });
    const badReport = await http(stack.baseUrl, 'POST', `/cases/${opened.body.id}/report`, { summary: '' });
    expect(badReport.status).toBe(400);
    expect(badReport.body.errors[0].path).toBe('body.summary');
    const failedNoDate = await http(stack.baseUrl, 'POST', `/cases/${opened.body.id}/verification`, {
      result: 'failed',
      inspector,
      findings: 'x',
    });
    expect(failedNoDate.status).toBe(400);
    expect(failedNoDate.body.errors[0].path).toBe('body.newReportDueAt');
    const after = await http(stack.baseUrl, 'GET', `/cases/${opened.body.id}`);
    expect(after.body.lastSeq).toBe(1);

    const past = await http(stack.baseUrl, 'POST', '/cases', caseBody({ reportDueAt: '2020-01-01' }));
    expect(past.status).toBe(400);
    expect(past.body.errors).toEqual([
      expect.objectContaining({ path: 'body.reportDueAt', message: 'the deadline must lie in the future' }),
    ]);

    const malformed = await http(stack.baseUrl, 'POST', '/cases', '{"title":');
    expect(malformed.status).toBe(400);
    const unknown = await http(stack.baseUrl, 'GET', '/cases/00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
  });

  it('records the missed deadline and marks the case overdue; a late report still moves it on', async () => {
    const { id } = await openLegacy({ reportDueAt: inSeconds(2) });
    const overdue = await eventually(
      () => http(stack.baseUrl, 'GET', `/cases/${id}`),
      (r) => r.body.overdue === true,
      15000,
    );
    expect(overdue.body).toMatchObject({ overdue: true, step: 'awaiting_report', status: 'open' });
    const events = await http(stack.baseUrl, 'GET', `/cases/${id}/events`);
    expect(events.body.map((e: { type: string }) => e.type)).toEqual(['order_issued', 'deadline_missed']);
    expect(events.body[1].actor).toBeNull();

    const late = await http(stack.baseUrl, 'POST', `/cases/${id}/report`, { summary: '逾期后提交整改报告' });
    expect(late.body).toMatchObject({ step: 'awaiting_recheck', overdue: false });
    recordHistory(rectificationWorkflowId(id), 'rectification-overdue-then-late-report');
  });

  it('POST /cases takes a date on the order as 24:00 Asia/Shanghai of that day', async () => {
    const day = new Date(Date.now() + 30 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const opened = await http(stack.baseUrl, 'POST', '/cases', caseBody({ reportDueAt: day }));
    expect(opened.status).toBe(201);
    // 24:00 on that day in Shanghai is 00:00 the next day there, i.e. 16:00 UTC on the day itself.
    expect(opened.body.deadline.dueAt).toBe(`${day}T16:00:00.000Z`);
  });

  it('a failed re-check counts the failure and re-arms the report deadline', async () => {
    const { id } = await openLegacy({ reportDueAt: inSeconds(3600) });
    await http(stack.baseUrl, 'POST', `/cases/${id}/report`, { summary: '已整改' });
    const newReportDueAt = inSeconds(86400 * 7);
    const failed = await http(stack.baseUrl, 'POST', `/cases/${id}/verification`, {
      result: 'failed',
      inspector,
      findings: '仍未设置泄爆装置',
      newReportDueAt,
    });
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ step: 'awaiting_report', failures: 1 });
    expect(failed.body.deadline).toMatchObject({ step: 'report', origin: 'order', dueAt: new Date(newReportDueAt).toISOString() });
    recordHistory(rectificationWorkflowId(id), 'rectification-failed-recheck');
  });

  it('checks role and jurisdiction: out-of-reach cases do not exist, viewers cannot act', async () => {
    const { id } = await openLegacy({ reportDueAt: inSeconds(3600) });
    const neighbour = { ...OFFICER, 'x-actor-id': 'officer-140106-001', 'x-actor-jurisdiction': '140106' };
    expect((await http(stack.baseUrl, 'GET', `/cases/${id}`, undefined, neighbour)).status).toBe(404);
    expect((await http(stack.baseUrl, 'POST', `/cases/${id}/report`, { summary: 'x' }, neighbour)).status).toBe(404);
    const citySupervisor = { 'x-actor-id': 'supervisor-140100-001', 'x-actor-role': 'supervisor', 'x-actor-jurisdiction': '140100' };
    expect((await http(stack.baseUrl, 'GET', `/cases/${id}`, undefined, citySupervisor)).status).toBe(200);
    const viewer = { 'x-actor-id': 'viewer-140000-001', 'x-actor-role': 'viewer', 'x-actor-jurisdiction': '140000' };
    expect((await http(stack.baseUrl, 'GET', `/cases/${id}/events`, undefined, viewer)).status).toBe(200);
    const viewerActs = await http(stack.baseUrl, 'POST', `/cases/${id}/report`, { summary: 'x' }, viewer);
    expect(viewerActs.status).toBe(403);
    const outside = await http(stack.baseUrl, 'POST', '/cases', caseBody({ jurisdiction: '140106' }));
    expect(outside.status).toBe(403);
    expect(outside.body.errors).toEqual([expect.objectContaining({ path: 'body.jurisdiction' })]);
    const after = await http(stack.baseUrl, 'GET', `/cases/${id}`);
    expect(after.body.lastSeq).toBe(1);
  });

  it('loses and duplicates nothing when the worker is restarted mid-case', async () => {
    const { id } = await openLegacy({ reportDueAt: inSeconds(3600) });
    await stack.restartWorker();
    const reported = await http(stack.baseUrl, 'POST', `/cases/${id}/report`, { summary: '重启后提交' });
    expect(reported.body.step).toBe('awaiting_recheck');
    const events = await http(stack.baseUrl, 'GET', `/cases/${id}/events`);
    expect(events.body.map((e: { seq: number }) => e.seq)).toEqual([1, 2]);
  });
});
